package esp32ota.describe;

import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTableException;
import esp32ota.partition.SubtypeNames;
import esp32ota.partition.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static esp32ota.partition.PythonRepr.hex;
import static esp32ota.partition.PythonRepr.oneDecimal;

/**
 * gen_esp32part.py v1.5's words for a {@link Violation}: the message it prints, and the CSV rows it lists before
 * some errors ("A list of partitions that have the same name:" and the rows; the otadata rows before "otadata
 * partition must have size = 0x2000"), so the CLI writes exactly the tool's stderr. Also its words for a
 * {@link PartitionTableException} (a CSV or option it refuses while reading), and the kit's own, in the same style,
 * where the tool crashes instead.
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

    /** The hint line the tool prints under every error found while reading one CSV line. */
    static final String LINE_ERROR_HINT = "Please check extra_partition_subtypes.inc file in build/config directory";

    private static final String SUBTYPES_ERROR = "Error parsing custom subtypes: ";

    /**
     * The tool's message for {@code e} (errors on one CSV line are two lines: "Error at line N: …" and the tool's
     * hint); where the tool crashes with a traceback, the kit's message in the same style.
     */
    public static String message(PartitionTableException e) {
        int line = e.line().orElse(0);
        List<Object> v = e.values();
        return switch (e.kind()) {
            case TYPE_EMPTY -> lineError(line, "Field 'type' can't be left empty.");
            case APP_SUBTYPE_EMPTY -> lineError(line, "App partition cannot have an empty subtype");
            case SIZE_EMPTY -> lineError(line, "Size field can't be empty");
            case PRIMARY_BOOTLOADER_OFFSET_UNDEFINED ->
                    lineError(line, "Primary bootloader offset is not defined. Please use --primary-bootloader-offset");
            case RECOVERY_BOOTLOADER_OFFSET_UNDEFINED ->
                    lineError(line, "Recovery bootloader offset is not defined. Please use --recovery-bootloader-offset");
            case UNKNOWN_FLAG -> lineError(line, "CSV flag column contains unknown flag '" + e.text(0) + "'");
            case INVALID_NUMBER -> lineError(line, "Invalid field value " + e.text(0));
            case UNKNOWN_KEYWORD -> lineError(line, "Value '%s' is not valid. Known keywords: %s".formatted(e.text(0),
                    String.join(", ", ((List<?>) v.get(1)).stream().map(String::valueOf).toList())));
            case DOES_NOT_FIT -> {
                BigInteger value = (BigInteger) v.get(1);
                int bytes = (Integer) v.get(2);
                String hex = (value.signum() < 0 ? "-0x" : "0x") + value.abs().toString(16);
                yield "Error at line %d: %s %s does not fit in its %d-byte field (0x0-0x%s)"
                        .formatted(line, e.text(0), hex, bytes, "ff".repeat(bytes));
            }
            case OVERLAPS_TABLE -> overlap(line, (Long) v.get(0)) + ("But partition table occupies the whole sector "
                    + "0x%s. Use a free offset 0x%s or higher.").formatted(hex((Long) v.get(1)), hex((Long) v.get(2)));
            case OVERLAPS_PREVIOUS -> overlap(line, (Long) v.get(0)) + "Previous partition ends 0x" + hex((Long) v.get(1));
            case UNKNOWN_VARIABLE -> "unknown variable '" + e.text(0) + "'";
            case BOOTLOADER_ABOVE_TABLE -> ("Unsupported configuration. Primary bootloader must be below partition "
                    + "table. Check --primary-bootloader-offset=%s and --offset=%s")
                    .formatted(prefixedHex((Long) v.get(0)), prefixedHex((Long) v.get(1)));
            case NOT_UTF8 -> ("not a binary partition table (it does not start with AA 50) and not UTF-8 text: byte "
                    + "0x%02x at offset %d is not valid UTF-8").formatted(v.get(0), v.get(1));
            case TABLE_TOO_LONG -> "Binary partition table length (%d) longer than max".formatted(v.get(0));
            case EXTRA_NOT_THREE_FIELDS -> SUBTYPES_ERROR + "'" + e.text(0) + "' is not type,name,value";
            case EXTRA_NOT_HEX -> SUBTYPES_ERROR + "value '%s' in '%s' is not a hex number".formatted(e.text(0), e.text(1));
            case EXTRA_TOO_LARGE -> SUBTYPES_ERROR + "value '%s' in '%s' is too large for a subtype"
                    .formatted(e.text(0), e.text(1));
            case EXTRA_INVALID_TYPE -> SUBTYPES_ERROR + "Invalid partition type";
            case EXTRA_DUPLICATE -> SUBTYPES_ERROR + "Found duplicate value in partition subtype: '%s' (%s 0x%s is %s)"
                    .formatted(e.text(0), e.text(1), hex((Long) v.get(2)), e.text(3).isEmpty() ? "taken" : e.text(3));
            case EXTRA_UNKNOWN_TYPE -> SUBTYPES_ERROR + "Invalid partition type '%s' in '%s' (app, data, bootloader or "
                    .formatted(e.text(0), e.text(1)) + "partition_table)";
        };
    }

    private static String lineError(int line, String message) {
        return "Error at line " + line + ": " + message + "\n" + LINE_ERROR_HINT;
    }

    private static String overlap(int line, long offset) {
        return "CSV Error at line %d: Partitions overlap. Partition sets offset 0x%s. ".formatted(line, hex(offset));
    }

    private static String prefixedHex(long v) { return (v < 0 ? "-0x" : "0x") + hex(Math.abs(v)); }

    private static String invalid(PartitionEntry p, String what) { return "Partition " + p.name() + " invalid: " + what; }

    private static String multiple(String prefix, String subtype) {
        return ("Found multiple %sotadata partitions. Only one partition can be defined with type=\"data\"(1) and "
                + "subtype=\"%s.").formatted(prefix, subtype);
    }
}
