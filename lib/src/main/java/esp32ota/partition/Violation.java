package esp32ota.partition;

import java.util.List;
import java.util.Optional;

/**
 * A rule a partition table breaks (an error) or a likely mistake (a warning), as data: which rule, the partitions
 * involved and the numbers the rule compared. {@code esp32ota.describe.GenEsp32PartWords} gives gen_esp32part's own
 * words for it (the message, and the CSV rows the tool lists before some errors).
 *
 * @param rule       the rule broken
 * @param partitions the partitions involved, in the order {@link Rule} gives (for a listing: the rows listed)
 * @param values     the numbers involved, in the order {@link Rule} gives
 */
public record Violation(Rule rule, List<PartitionEntry> partitions, List<Long> values) {
    public enum Severity { ERROR, WARNING }

    /** The rules of gen_esp32part v1.5, each with the partitions and values a violation carries. */
    public enum Rule {
        /** [p]; [offset, alignment]: app offsets on 0x10000, all others on 0x1000. */
        OFFSET_NOT_ALIGNED(Severity.ERROR),
        /** [p]; [size, alignment]: app sizes a multiple of 0x1000 (0x10000 with --secure v1). */
        SIZE_NOT_ALIGNED(Severity.ERROR),
        /** [p]; [type]: the name is a type keyword, not this partition's type. */
        NAME_IS_OTHER_TYPE(Severity.WARNING),
        /** [p]; [type, subtype]: the name is a subtype keyword, not this partition's subtype. */
        NAME_IS_OTHER_SUBTYPE(Severity.WARNING),
        /** [p]; [type, subtype]: data/ota and data/coredump cannot be readonly. */
        ALWAYS_READ_WRITE(Severity.ERROR),
        /** [p]; [type, subtype, size, minimum]: NVS below the minimum must be readonly. */
        NVS_TOO_SMALL_FOR_READ_WRITE(Severity.ERROR),
        /** every row carrying a repeated name, sorted by name; []. */
        DUPLICATE_NAMES(Severity.ERROR),
        /** [p]; [offset, first free address]: below the end of the table's sector. */
        BELOW_TABLE(Severity.ERROR),
        /** [p, the partition before it]; [offset, previous offset, previous last byte]. */
        OVERLAP(Severity.ERROR),
        /** every data/ota row; []. */
        MULTIPLE_OTADATA(Severity.ERROR),
        /** the data/ota row; [size, required size]. */
        OTADATA_SIZE(Severity.ERROR),
        /** every data/tee_ota row; []. */
        MULTIPLE_TEE_OTADATA(Severity.ERROR),
        /** the data/tee_ota row; [size, required size]. */
        TEE_OTADATA_SIZE(Severity.ERROR),
        /** []; [end of the highest partition, flash size in MB]: {@code --flash-size}. */
        FLASH_SIZE(Severity.ERROR),
        /** [p]; [unknown flag bits]: seen while decoding a binary. */
        UNKNOWN_FLAGS(Severity.WARNING);

        private final Severity severity;

        Rule(Severity severity) { this.severity = severity; }

        public Severity severity() { return severity; }
    }

    public Violation {
        partitions = List.copyOf(partitions);
        values = List.copyOf(values);
    }

    static Violation of(Rule rule, PartitionEntry p, long... values) {
        return new Violation(rule, List.of(p), java.util.Arrays.stream(values).boxed().toList());
    }

    public Severity severity() { return rule.severity(); }

    public boolean isError() { return severity() == Severity.ERROR; }

    /** The first partition involved, if any ({@link Rule#FLASH_SIZE} names none). */
    public Optional<PartitionEntry> partition() { return partitions.stream().findFirst(); }

    /** The {@code i}-th value. */
    public long value(int i) { return values.get(i); }
}
