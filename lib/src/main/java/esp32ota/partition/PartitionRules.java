package esp32ota.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules gen_esp32part v1.5 checks in {@code verify()} (on by default, off with {@code --no-verify}), as data:
 * an ordered list of {@link Violation}s in the tool's words. The tool stops at the first error; this list goes on,
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
 * moves the NVS rule to subtype 0x40. The rules' own messages keep the standard codes ({@code subtype="ota"(0)}).
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
        found.addAll(uniqueNames(table, options.subtypes()));
        found.addAll(placement(table, options.subtypes()));
        found.addAll(otadata(table, options.subtypes(), PartitionSubtype.DATA_OTA, "", "ota\"(0)"));
        found.addAll(otadata(table, options.subtypes(), PartitionSubtype.DATA_TEE_OTA, "TEE ", "tee_ota\"(0x90)"));
        return List.copyOf(found);
    }

    /** The checks of one partition ({@code PartitionDefinition.verify}). */
    static List<Violation> partition(PartitionEntry p, Options options) {
        List<Violation> found = new ArrayList<>();
        SubtypeNames names = options.subtypes();
        long align = offsetAlignment(p.type());
        if (Math.floorMod(p.offset(), align) != 0) {
            found.add(invalid(p, "Offset 0x%s is not aligned to 0x%s".formatted(hex(p.offset()), hex(align))));
        }
        long sizeAlign = options.secure().appSizeAlignment();
        if (p.isApp() && Math.floorMod(p.size(), sizeAlign) != 0) {
            found.add(invalid(p, "Size 0x%s is not aligned to 0x%s".formatted(hex(p.size()), hex(sizeAlign))));
        }
        Optional<PartitionType> typeNamed = PartitionType.fromKeyword(p.name()).filter(t -> t.keyword().equals(p.name()));
        if (typeNamed.isPresent() && typeNamed.get().code() != p.type()) {
            found.add(Violation.warning(("WARNING: Partition has name '%s' which is a partition type, but does not "
                    + "match this partition's type (0x%s). Mistake in partition table?").formatted(p.name(), hex(p.type()))));
        }
        if (names.isKeyword(p.name()) && !isOwnSubtypeKeyword(p, names)) {
            found.add(Violation.warning(("WARNING: Partition has name '%s' which is a partition subtype, but this "
                    + "partition has non-matching type 0x%s and subtype 0x%s. Mistake in partition table?")
                    .formatted(p.name(), hex(p.type()), hex(p.subtype()))));
        }
        boolean alwaysReadWrite = names.is(p, PartitionSubtype.DATA_OTA) || names.is(p, PartitionSubtype.DATA_COREDUMP);
        if (alwaysReadWrite && p.readonly()) {
            found.add(invalid(p, "'%s' partition of type %d and subtype %d is always read-write and cannot be read-only"
                    .formatted(p.name(), p.type(), p.subtype())));
        }
        if (names.is(p, PartitionSubtype.DATA_NVS) && p.size() < NVS_MIN_READ_WRITE_SIZE && !p.readonly()) {
            found.add(invalid(p, ("'%s' partition of type %d and subtype %d of this size (0x%s) must be flagged as "
                    + "'readonly' (the size of read/write NVS has to be at least 0x%s)")
                    .formatted(p.name(), p.type(), p.subtype(), hex(p.size()), hex(NVS_MIN_READ_WRITE_SIZE))));
        }
        return found;
    }

    /** True when the name is a subtype keyword of the partition's own type and names its own subtype. */
    private static boolean isOwnSubtypeKeyword(PartitionEntry p, SubtypeNames names) {
        Long code = names.keywords(p.type()).get(p.name());
        return code != null && code == p.subtype();
    }

    /** Duplicate names: the tool lists every row carrying one, sorted by name, then fails. */
    private static List<Violation> uniqueNames(PartitionTable table, SubtypeNames names) {
        Set<String> seen = new java.util.HashSet<>(), duplicates = new LinkedHashSet<>();
        for (PartitionEntry p : table.entries()) if (!seen.add(p.name())) duplicates.add(p.name());
        if (duplicates.isEmpty()) return List.of();
        List<String> listing = new ArrayList<>(List.of("A list of partitions that have the same name:"));
        table.entries().stream().sorted(Comparator.comparing(PartitionEntry::name, PartitionRules::compareCodePoints))
                .filter(p -> duplicates.contains(p.name())).forEach(p -> listing.add(PartitionCsv.row(p, names)));
        return List.of(new Violation(Violation.Severity.ERROR, "Partition names must be unique", listing));
    }

    /** Sorted by offset (stable): nothing below the table's sector end, no overlap with the one before. */
    private static List<Violation> placement(PartitionTable table, SubtypeNames names) {
        List<Violation> found = new ArrayList<>();
        long firstFree = table.address() + PartitionTable.SECTOR_SIZE;
        PartitionEntry last = null;
        for (PartitionEntry p : table.entries().stream().sorted(Comparator.comparingLong(PartitionEntry::offset)).toList()) {
            boolean exempt = names.is(p, PartitionSubtype.BOOTLOADER_PRIMARY) || names.is(p, PartitionSubtype.PARTITION_TABLE_PRIMARY);
            if (p.offset() < firstFree && !exempt) {
                found.add(Violation.error("Partition offset 0x%s is below 0x%s".formatted(hex(p.offset()), hex(firstFree))));
            }
            if (last != null && p.offset() < last.end()) {
                found.add(Violation.error("Partition at 0x%s overlaps 0x%s-0x%s"
                        .formatted(hex(p.offset()), hex(last.offset()), hex(last.end() - 1))));
            }
            last = p;
        }
        return found;
    }

    /** At most one data/ota (or data/tee_ota) partition, and it must be 0x2000 bytes; the rows are listed first. */
    private static List<Violation> otadata(PartitionTable table, SubtypeNames names, PartitionSubtype kind, String prefix,
                                           String subtypeText) {
        List<PartitionEntry> found = table.entries().stream().filter(p -> names.is(p, kind)).toList();
        List<String> rows = found.stream().map(p -> PartitionCsv.row(p, names)).toList();
        if (found.size() > 1) {
            return List.of(new Violation(Violation.Severity.ERROR, ("Found multiple %sotadata partitions. Only one "
                    + "partition can be defined with type=\"data\"(1) and subtype=\"%s.").formatted(prefix, subtypeText), rows));
        }
        if (found.size() == 1 && found.get(0).size() != OTADATA_SIZE) {
            return List.of(new Violation(Violation.Severity.ERROR,
                    prefix + "otadata partition must have size = 0x2000", rows));
        }
        return List.of();
    }

    /**
     * {@code --flash-size}: the end of the partition with the highest offset (the first such one in table order)
     * must fit in {@code megabytes} MB; the message prints MB with Python's {@code %.1f}.
     */
    public static Optional<Violation> flashSize(PartitionTable table, int megabytes) {
        long end = table.flashEnd();
        long limit = megabytes * 1024L * 1024L;
        if (limit >= end) return Optional.empty();
        return Optional.of(Violation.error(("Partitions tables occupies %sMB of flash (%d bytes) which does not fit in "
                + "configured flash size %dMB. Change the flash size in menuconfig under the 'Serial Flasher Config' "
                + "menu.").formatted(PythonRepr.oneDecimal(end / (1024.0 * 1024.0)), end, megabytes)));
    }

    /** The warning the tool prints while decoding each binary entry with flag bits it has no name for. */
    public static List<Violation> unknownFlags(PartitionTable table) {
        return table.entries().stream().filter(p -> p.unknownFlags() != 0)
                .map(p -> Violation.warning("WARNING: Partition definition had unknown flag(s) 0x%08x. Newer binary format?"
                        .formatted(p.unknownFlags())))
                .toList();
    }

    private static Violation invalid(PartitionEntry p, String message) {
        return Violation.error("Partition " + p.name() + " invalid: " + message);
    }

    private static String hex(long v) { return PythonRepr.hex(v); }

    /** Python compares strings by code point; Java's compareTo by UTF-16 unit differs above U+FFFF. */
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
