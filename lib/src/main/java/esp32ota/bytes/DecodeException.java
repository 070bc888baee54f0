package esp32ota.bytes;

/**
 * The one error for bytes that cannot be framed: too short, wrong magic, a value the format forbids.
 *
 * <p>It always says where (absolute flash address or file offset), in which structure and field, what was expected
 * and what was found, as Go's {@code debug/elf.FormatError} and Kaitai's validation errors do:
 * <pre>PartitionEntry.magic at 0x008020: bad magic (expected 0x50AA, got 0x00AA)</pre>
 *
 * <p>Unchecked on purpose, so notebook cells and streams stay readable. Decodable bytes that break a rule are not
 * exceptions but {@code validate()} results; device states that are tolerated (a bad otadata CRC, a wrong image
 * checksum) are plain data.
 *
 * <p>Some tools print their own wording for the same failure (gen_esp32part's "Partition table is missing an
 * end-of-table marker"); {@link #toolMessage()} carries it when the decoder knows it, so a CLI can print exactly what
 * the reference tool prints.
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, so tests need not match prose. */
    public enum Kind { TRUNCATED, BAD_MAGIC, BAD_VALUE, BAD_CHECKSUM, UNSUPPORTED }

    private final Kind kind;
    private final long address;
    private final String structure;
    private final String field;
    private final String expected;
    private final String actual;
    private final String toolMessage;

    public DecodeException(Kind kind, long address, String structure, String field, Object expected, Object actual) {
        this(kind, address, structure, field, expected, actual, null);
    }

    private DecodeException(Kind kind, long address, String structure, String field, Object expected, Object actual,
                            String toolMessage) {
        super("%s.%s at 0x%06X: %s (expected %s, got %s)".formatted(structure, field, address,
                kind.name().toLowerCase().replace('_', ' '), expected, actual));
        this.kind = kind;
        this.address = address;
        this.structure = structure;
        this.field = field;
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
        this.toolMessage = toolMessage;
    }

    /** The same failure, also carrying the reference tool's own message for it. */
    public DecodeException withToolMessage(String message) {
        var e = new DecodeException(kind, address, structure, field, expected, actual, message);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public Kind kind() { return kind; }

    /** Absolute address (or file offset) of the field that failed. */
    public long address() { return address; }

    public String structure() { return structure; }

    public String field() { return field; }

    public String expected() { return expected; }

    public String actual() { return actual; }

    /** True when a reference tool reports this failure in its own words (see {@link #withToolMessage}). */
    public boolean hasToolMessage() { return toolMessage != null; }

    /** The reference tool's wording for this failure, or our own message when there is none. */
    public String toolMessage() { return toolMessage != null ? toolMessage : getMessage(); }
}
