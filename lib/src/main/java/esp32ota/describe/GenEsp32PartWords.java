package esp32ota.describe;

import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.SubtypeNames;
import esp32ota.partition.Violation;

import java.util.ArrayList;
import java.util.List;

import static esp32ota.partition.PythonRepr.hex;
import static esp32ota.partition.PythonRepr.oneDecimal;

/**
 * gen_esp32part.py v1.5's words for a {@link Violation}: the message it prints, and the CSV rows it lists before
 * some errors ("A list of partitions that have the same name:" and the rows; the otadata rows before "otadata
 * partition must have size = 0x2000"), so the CLI writes exactly the tool's stderr.
 */
public final class GenEsp32PartWords {
    private GenEsp32PartWords() {}

    /** The tool's message for {@code v}, one line. */
    public static String message(Violation v) {
        PartitionEntry p = v.partition().orElse(null);
        return switch (v.rule()) {
            case OFFSET_NOT_ALIGNED -> invalid(p, "Offset 0x%s is not aligned to 0x%s".formatted(hex(v.value(0)), hex(v.value(1))));
            case SIZE_NOT_ALIGNED -> invalid(p, "Size 0x%s is not aligned to 0x%s".formatted(hex(v.value(0)), hex(v.value(1))));
            case NAME_IS_OTHER_TYPE -> ("WARNING: Partition has name '%s' which is a partition type, but does not "
                    + "match this partition's type (0x%s). Mistake in partition table?").formatted(p.name(), hex(v.value(0)));
            case NAME_IS_OTHER_SUBTYPE -> ("WARNING: Partition has name '%s' which is a partition subtype, but this "
                    + "partition has non-matching type 0x%s and subtype 0x%s. Mistake in partition table?")
                    .formatted(p.name(), hex(v.value(0)), hex(v.value(1)));
            case ALWAYS_READ_WRITE -> invalid(p, "'%s' partition of type %d and subtype %d is always read-write and "
                    .formatted(p.name(), v.value(0), v.value(1)) + "cannot be read-only");
            case NVS_TOO_SMALL_FOR_READ_WRITE -> invalid(p, ("'%s' partition of type %d and subtype %d of this size "
                    + "(0x%s) must be flagged as 'readonly' (the size of read/write NVS has to be at least 0x%s)")
                    .formatted(p.name(), v.value(0), v.value(1), hex(v.value(2)), hex(v.value(3))));
            case DUPLICATE_NAMES -> "Partition names must be unique";
            case BELOW_TABLE -> "Partition offset 0x%s is below 0x%s".formatted(hex(v.value(0)), hex(v.value(1)));
            case OVERLAP -> "Partition at 0x%s overlaps 0x%s-0x%s".formatted(hex(v.value(0)), hex(v.value(1)), hex(v.value(2)));
            case MULTIPLE_OTADATA -> multiple("", "ota\"(0)");
            case OTADATA_SIZE -> "otadata partition must have size = 0x2000";
            case MULTIPLE_TEE_OTADATA -> multiple("TEE ", "tee_ota\"(0x90)");
            case TEE_OTADATA_SIZE -> "TEE otadata partition must have size = 0x2000";
            case FLASH_SIZE -> ("Partitions tables occupies %sMB of flash (%d bytes) which does not fit in configured "
                    + "flash size %dMB. Change the flash size in menuconfig under the 'Serial Flasher Config' menu.")
                    .formatted(oneDecimal(v.value(0) / (1024.0 * 1024.0)), v.value(0), v.value(1));
            case UNKNOWN_FLAGS -> "WARNING: Partition definition had unknown flag(s) 0x%08x. Newer binary format?"
                    .formatted(v.value(0));
        };
    }

    /** The lines the tool prints before the message (empty for most rules); rows as {@code names} spells them. */
    public static List<String> listing(Violation v, SubtypeNames names) {
        List<String> lines = new ArrayList<>();
        switch (v.rule()) {
            case DUPLICATE_NAMES -> lines.add("A list of partitions that have the same name:");
            case MULTIPLE_OTADATA, OTADATA_SIZE, MULTIPLE_TEE_OTADATA, TEE_OTADATA_SIZE -> { }
            default -> { return List.of(); }
        }
        v.partitions().forEach(p -> lines.add(PartitionCsv.row(p, names)));
        return List.copyOf(lines);
    }

    /** The listing, then the message: the tool's stderr for this violation. */
    public static List<String> lines(Violation v, SubtypeNames names) {
        List<String> all = new ArrayList<>(listing(v, names));
        all.add(message(v));
        return List.copyOf(all);
    }

    private static String invalid(PartitionEntry p, String what) { return "Partition " + p.name() + " invalid: " + what; }

    private static String multiple(String prefix, String subtype) {
        return ("Found multiple %sotadata partitions. Only one partition can be defined with type=\"data\"(1) and "
                + "subtype=\"%s.").formatted(prefix, subtype);
    }
}
