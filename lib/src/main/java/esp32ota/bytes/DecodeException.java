package esp32ota.bytes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

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
 * <p>It holds data only, never a tool's wording: a decoder may add the raw values it had read when it stopped
 * ({@link #with}, e.g. a segment's {@code load_addr}), and the describers in {@code esp32ota.describe} turn the whole
 * into gen_esp32part's or esptool's own message ({@code ToolErrors.message}).
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
    private final Map<String, Long> values;

    public DecodeException(Kind kind, long address, String structure, String field, Object expected, Object actual) {
        this(kind, address, structure, field, expected, actual, Map.of());
    }

    private DecodeException(Kind kind, long address, String structure, String field, Object expected, Object actual,
                            Map<String, Long> values) {
        super("%s.%s at 0x%06X: %s (expected %s, got %s)".formatted(structure, field, address,
                kind.name().toLowerCase().replace('_', ' '), expected, actual));
        this.kind = kind;
        this.address = address;
        this.structure = structure;
        this.field = field;
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
        this.values = values;
    }

    /** The same failure, also carrying a raw value read (or counted) before it, by field name. */
    public DecodeException with(String name, long value) {
        var more = new LinkedHashMap<>(values);
        more.put(name, value);
        var e = new DecodeException(kind, address, structure, field, expected, actual, Map.copyOf(more));
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

    /** A raw value the decoder added with {@link #with}; empty when it added none by that name. */
    public OptionalLong value(String name) {
        Long v = values.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
