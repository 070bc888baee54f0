package esp32ota.partition;

import esp32ota.partition.Violation.Rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules gen_esp32part v1.5 checks in {@code verify()} (on by default, off with {@code --no-verify}), as data:
 * an ordered list of {@link Violation}s (gen_esp32part's words for them: {@code esp32ota.describe.GenEsp32PartWords}). The tool stops at the first error; this list goes on,
 * so everything up to and including the first error is exactly what the tool prints, and the rest shows what a
 * fixed table would run into next.
 * <pre>
 * per partition, in table order:  offset alignment (app 0x10000, others 0x1000); app size alignment 0x1000
 *                                 (0x10000 with --secure v1, see SecureBoot);
 *                                 warnings for a name that is a type or subtype keyword of something else;
 *                                 data/ota and data/coredump never readonly; data/nvs below 0x3000 must be readonly
 * whole table:                    unique names (listing the rows first); sorted by offset: nothing below
 *                                 table offset + 0x1000 (except primary bootloader / partition_table rows), no
 *                                 overlaps; at most one data/ota, of size 0x2000; the same for data/tee_ota
 * </pre>
 * The subtypes the rules single out (ota, coredump, nvs, tee_ota, the primary bootloader and partition table) are
 * looked up by name in {@link Options#subtypes()}, as the tool does: {@code --extra-partition-subtypes data,nvs,0x40}
 * moves the NVS rule to subtype 0x40.
 *
 * <p>Two more checks run outside {@code verify()}: {@link #flashSize} ({@code --flash-size}) and
 * {@link #unknownFlags}, the warning the tool prints while decoding a binary.
 */
public final class PartitionRules {
    private PartitionRules() {}

    /** Read/write NVS needs at least this much ({@code NVS_RW_MIN_PARTITION_SIZE}). */
    public static final long NVS_MIN_READ_WRITE_SIZE = 0x3000;
    /** The one size gen_esp32part accepts for otadata (and TEE otadata): two 4 KiB sectors. */
    public static final long OTADATA_SIZE = 0x2000;
    /** Flash sizes {@code --flash-size} accepts, in MB. */
    public static final List<Integer> FLASH_SIZES_MB = List.of(1, 2, 4, 8, 16, 32, 64, 128);

    /** Where a partition of this type must start: app 0x10000, every other type (custom ones too) 0x1000. */
    public static long offsetAlignment(int type) { return type == PartitionType.APP.code() ? 0x10000 : 0x1000; }

    /** App partitions must be a whole number of 4 KiB sectors (0x10000 only with {@code --secure v1}). */
    public static final long APP_SIZE_ALIGNMENT = 0x1000;

    /**
     * What the tool's options change in its rules.
     *
     * @param secure   {@code --secure}: the size app partitions must be a multiple of
     * @param subtypes the subtype keywords ({@code --extra-partition-subtypes}): which codes the rules single out,
     *                 and the names in warnings and listings
     */
    public record Options(SecureBoot secure, SubtypeNames subtypes) {
        public Options {
            java.util.Objects.requireNonNull(secure, "secure");
            java.util.Objects.requireNonNull(subtypes, "subtypes");
        }

        /** No secure boot, the standard subtypes: the tool without options. */
        public static Options defaults() { return new Options(SecureBoot.NONE, SubtypeNames.standard()); }

        public Options withSecure(SecureBoot newSecure) { return new Options(newSecure, subtypes); }

        public Options withSubtypes(SubtypeNames names) { return new Options(secure, names); }
    }

    /** Every rule of the tool's {@code verify()} without options, in the order the tool checks them. */
    public static List<Violation> validate(PartitionTable table) { return validate(table, Options.defaults()); }

    /** Every rule of the tool's {@code verify()} under these options, in the order the tool checks them. */
    public static List<Violation> validate(PartitionTable table, Options options) {
        List<Violation> found = new ArrayList<>();
        for (PartitionEntry p : table.entries()) found.addAll(partition(p, options));
        found.addAll(uniqueNames(table));
        found.addAll(placement(table, options.subtypes()));
        found.addAll(otadata(table, options.subtypes(), PartitionSubtype.DATA_OTA, Rule.MULTIPLE_OTADATA,
                Rule.OTADATA_SIZE));
        found.addAll(otadata(table, options.subtypes(), PartitionSubtype.DATA_TEE_OTA, Rule.MULTIPLE_TEE_OTADATA,
                Rule.TEE_OTADATA_SIZE));
        return List.copyOf(found);
    }

    /** The checks of one partition ({@code PartitionDefinition.verify}). */
    static List<Violation> partition(PartitionEntry p, Options options) {
        List<Violation> found = new ArrayList<>();
        SubtypeNames names = options.subtypes();
        long align = offsetAlignment(p.type());
        if (Math.floorMod(p.offset(), align) != 0) {
            found.add(Violation.of(Rule.OFFSET_NOT_ALIGNED, p, p.offset(), align));
        }
        long sizeAlign = options.secure().appSizeAlignment();
        if (p.isApp() && Math.floorMod(p.size(), sizeAlign) != 0) {
            found.add(Violation.of(Rule.SIZE_NOT_ALIGNED, p, p.size(), sizeAlign));
        }
        Optional<PartitionType> typeNamed = PartitionType.fromKeyword(p.name()).filter(t -> t.keyword().equals(p.name()));
        if (typeNamed.isPresent() && typeNamed.get().code() != p.type()) {
            found.add(Violation.of(Rule.NAME_IS_OTHER_TYPE, p, p.type()));
        }
        if (names.isKeyword(p.name()) && !isOwnSubtypeKeyword(p, names)) {
            found.add(Violation.of(Rule.NAME_IS_OTHER_SUBTYPE, p, p.type(), p.subtype()));
        }
        boolean alwaysReadWrite = names.is(p, PartitionSubtype.DATA_OTA) || names.is(p, PartitionSubtype.DATA_COREDUMP);
        if (alwaysReadWrite && p.readonly()) {
            found.add(Violation.of(Rule.ALWAYS_READ_WRITE, p, p.type(), p.subtype()));
        }
        if (names.is(p, PartitionSubtype.DATA_NVS) && p.size() < NVS_MIN_READ_WRITE_SIZE && !p.readonly()) {
            found.add(Violation.of(Rule.NVS_TOO_SMALL_FOR_READ_WRITE, p, p.type(), p.subtype(), p.size(),
                    NVS_MIN_READ_WRITE_SIZE));
        }
        return found;
    }

    /** True when the name is a subtype keyword of the partition's own type and names its own subtype. */
    private static boolean isOwnSubtypeKeyword(PartitionEntry p, SubtypeNames names) {
        Long code = names.keywords(p.type()).get(p.name());
        return code != null && code == p.subtype();
    }

    /** Duplicate names: the tool lists every row carrying one, sorted by name, then fails. */
    private static List<Violation> uniqueNames(PartitionTable table) {
        Set<String> seen = new java.util.HashSet<>(), duplicates = new LinkedHashSet<>();
        for (PartitionEntry p : table.entries()) if (!seen.add(p.name())) duplicates.add(p.name());
        if (duplicates.isEmpty()) return List.of();
        List<PartitionEntry> rows = table.entries().stream()
                .sorted(Comparator.comparing(PartitionEntry::name, PartitionRules::compareCodePoints))
                .filter(p -> duplicates.contains(p.name())).toList();
        return List.of(new Violation(Rule.DUPLICATE_NAMES, rows, List.of()));
    }

    /** Sorted by offset (stable): nothing below the table's sector end, no overlap with the one before. */
    private static List<Violation> placement(PartitionTable table, SubtypeNames names) {
        List<Violation> found = new ArrayList<>();
        long firstFree = table.address() + PartitionTable.SECTOR_SIZE;
        PartitionEntry last = null;
        for (PartitionEntry p : table.entries().stream().sorted(Comparator.comparingLong(PartitionEntry::offset)).toList()) {
            boolean exempt = names.is(p, PartitionSubtype.BOOTLOADER_PRIMARY) || names.is(p, PartitionSubtype.PARTITION_TABLE_PRIMARY);
            if (p.offset() < firstFree && !exempt) {
                found.add(Violation.of(Rule.BELOW_TABLE, p, p.offset(), firstFree));
            }
            if (last != null && p.offset() < last.end()) {
                found.add(new Violation(Rule.OVERLAP, List.of(p, last), List.of(p.offset(), last.offset(), last.end() - 1)));
            }
            last = p;
        }
        return found;
    }

    /** At most one data/ota (or data/tee_ota) partition, and it must be 0x2000 bytes; the rows are listed first. */
    private static List<Violation> otadata(PartitionTable table, SubtypeNames names, PartitionSubtype kind,
                                           Rule multiple, Rule size) {
        List<PartitionEntry> found = table.entries().stream().filter(p -> names.is(p, kind)).toList();
        if (found.size() > 1) return List.of(new Violation(multiple, found, List.of()));
        if (found.size() == 1 && found.get(0).size() != OTADATA_SIZE) {
            return List.of(new Violation(size, found, List.of(found.get(0).size(), OTADATA_SIZE)));
        }
        return List.of();
    }

    /**
     * {@code --flash-size}: the end of the partition with the highest offset (the first such one in table order)
     * must fit in {@code megabytes} MB.
     */
    public static Optional<Violation> flashSize(PartitionTable table, int megabytes) {
        long end = table.flashEnd();
        long limit = megabytes * 1024L * 1024L;
        if (limit >= end) return Optional.empty();
        return Optional.of(new Violation(Rule.FLASH_SIZE, List.of(), List.of(end, (long) megabytes)));
    }

    /** The warning the tool prints while decoding each binary entry with flag bits it has no name for. */
    public static List<Violation> unknownFlags(PartitionTable table) {
        return table.entries().stream().filter(p -> p.unknownFlags() != 0)
                .map(p -> Violation.of(Rule.UNKNOWN_FLAGS, p, p.unknownFlags()))
                .toList();
    }

    /** Python compares strings by code point; Java's compareTo by UTF-16 unit differs above U+FFFF. */
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
