package esp32ota.partition;

import java.util.List;
import java.util.OptionalInt;

/**
 * A partition table that breaks a gen_esp32part rule while it is being parsed or encoded (the tool's
 * {@code InputError}). It holds data only: what went wrong ({@link Kind}), the CSV line when there is one, and the
 * values involved, in the order the kind lists them. {@code esp32ota.describe.GenEsp32PartWords} words it as the
 * tool does; {@link #getMessage()} returns those words, so a printed exception reads like the tool's stderr.
 */
public final class PartitionTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong; the values each kind carries are listed after it. */
    public enum Kind {
        // errors on one CSV line ("Error at line N: …" and the tool's hint line)
        /** none */ TYPE_EMPTY,
        /** none */ APP_SUBTYPE_EMPTY,
        /** none */ SIZE_EMPTY,
        /** none */ PRIMARY_BOOTLOADER_OFFSET_UNDEFINED,
        /** none */ RECOVERY_BOOTLOADER_OFFSET_UNDEFINED,
        /** flag text */ UNKNOWN_FLAG,
        /** number text (k/m suffixes stripped) */ INVALID_NUMBER,
        /** keyword text, the known keywords (List of String) */ UNKNOWN_KEYWORD,
        /** field name, value (BigInteger), field size in bytes (Integer); the kit's message, no hint line */ DOES_NOT_FIT,
        // the second pass ("CSV Error at line N: Partitions overlap. …")
        /** offset, table offset, first free offset (Long) */ OVERLAPS_TABLE,
        /** offset, end of the previous partition (Long) */ OVERLAPS_PREVIOUS,
        // the whole file or options
        /** variable name */ UNKNOWN_VARIABLE,
        /** primary bootloader offset, table offset (Long) */ BOOTLOADER_ABOVE_TABLE,
        /** the byte (Integer), its offset (Integer) */ NOT_UTF8,
        /** length of rows and MD5 row in bytes (Integer) */ TABLE_TOO_LONG,
        // --extra-partition-subtypes entries ("Error parsing custom subtypes: …")
        /** entry */ EXTRA_NOT_THREE_FIELDS,
        /** value text, entry */ EXTRA_NOT_HEX,
        /** value text, entry */ EXTRA_TOO_LARGE,
        /** none (the tool's own message) */ EXTRA_INVALID_TYPE,
        /** entry, type keyword, code (Long), keyword that has it ("" when unnamed) */ EXTRA_DUPLICATE,
        /** type text, entry */ EXTRA_UNKNOWN_TYPE
    }

    private final Kind kind;
    private final int line;
    private final transient List<Object> values;

    /** An error that belongs to no CSV line. */
    public PartitionTableException(Kind kind, Object... values) { this(0, kind, values); }

    private PartitionTableException(int line, Kind kind, Object... values) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.line = line;
        this.values = List.of(values);
    }

    /** An error on CSV line {@code line} (counted from 1). */
    public static PartitionTableException atLine(int line, Kind kind, Object... values) {
        if (line < 1) throw new IllegalArgumentException("line " + line + " (lines count from 1)");
        return new PartitionTableException(line, kind, values);
    }

    public Kind kind() { return kind; }

    /** The CSV line (from 1); empty for errors that belong to no line. */
    public OptionalInt line() { return line > 0 ? OptionalInt.of(line) : OptionalInt.empty(); }

    /** The values involved, in the order {@link Kind} gives. */
    public List<Object> values() { return values; }

    /** Value {@code i}, as text. */
    public String text(int i) { return String.valueOf(values.get(i)); }

    /** gen_esp32part's words for this error ({@code GenEsp32PartWords.message}). */
    @Override
    public String getMessage() { return esp32ota.describe.GenEsp32PartWords.message(this); }
}
