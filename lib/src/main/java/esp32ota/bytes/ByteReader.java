package esp32ota.bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over {@link Bytes} that knows the absolute flash address of every byte and the name of every field it
 * reads. The names end up in {@link DecodeException}s ("PartitionEntry.size at 0x008008: truncated …") and, through
 * {@link #spans()}, in annotated hex dumps.
 *
 * <p>Decoders set the structure they are reading with {@link #structure(String)}, then read fields in layout order:
 * <pre>
 * r.structure("PartitionEntry");
 * int magic = r.u16("magic");
 * int type  = r.u8("type");
 * </pre>
 * All multi-byte values are little-endian. u8/u16 come back as {@code int}, u32 as {@code long}.
 */
public final class ByteReader {
    private final Bytes data;
    private final long baseAddress;
    private final List<FieldSpan> spans = new ArrayList<>();
    private int position;
    private String structure = "?";

    private ByteReader(Bytes data, long baseAddress) {
        this.data = data;
        this.baseAddress = baseAddress;
    }

    /** A reader whose first byte sits at {@code baseAddress} (0x8000 for a partition table sector, 0 for a file). */
    public static ByteReader of(Bytes data, long baseAddress) { return new ByteReader(data, baseAddress); }

    /** Names the structure that the following reads belong to, for messages and spans. */
    public ByteReader structure(String name) {
        this.structure = name;
        return this;
    }

    public String structure() { return structure; }

    /** Absolute address of the next byte to read. */
    public long address() { return baseAddress + position; }

    /** Offset of the next byte from the start of the data. */
    public int position() { return position; }

    public int remaining() { return data.size() - position; }

    public int size() { return data.size(); }

    public Bytes data() { return data; }

    public long baseAddress() { return baseAddress; }

    /** Moves to an offset from the start of the data; it may equal the size (end of data). */
    public ByteReader seek(int offset) {
        if (offset < 0 || offset > data.size()) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, baseAddress + offset, structure, "seek",
                    "offset within 0x0-0x%X".formatted(data.size()), "0x%X".formatted(offset));
        }
        position = offset;
        return this;
    }

    public int u8(String field) {
        int v = need(1, field).u8(position);
        advance(1, field);
        return v;
    }

    public int u16(String field) {
        int v = need(2, field).u16le(position);
        advance(2, field);
        return v;
    }

    public long u32(String field) {
        long v = need(4, field).u32le(position);
        advance(4, field);
        return v;
    }

    public Bytes bytes(int length, String field) {
        Bytes v = need(length, field).slice(position, position + length);
        advance(length, field);
        return v;
    }

    /** Skips bytes that the format reserves, still recording them as a named span. */
    public void skip(int length, String field) {
        need(length, field);
        advance(length, field);
    }

    /** Peeks at an unsigned byte {@code ahead} bytes past the cursor without moving or recording it. */
    public int peekU8(int ahead, String field) {
        if (remaining() < ahead + 1) throw truncated(ahead + 1, field);
        return data.u8(position + ahead);
    }

    /**
     * A fixed-width text field: the bytes up to the first NUL (or all of them), decoded as UTF-8 with malformed
     * input replaced. The raw bytes stay available through {@link #bytes}.
     */
    public String cString(int length, String field) {
        Bytes raw = bytes(length, field);
        return textUpToNul(raw);
    }

    /** The bytes of {@code raw} up to its first NUL, decoded as UTF-8 (malformed sequences become U+FFFD). */
    public static String textUpToNul(Bytes raw) {
        byte[] b = raw.toByteArray();
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Every field read so far, in order. */
    public List<FieldSpan> spans() { return List.copyOf(spans); }

    private Bytes need(int length, String field) {
        if (length < 0 || remaining() < length) throw truncated(length, field);
        return data;
    }

    private DecodeException truncated(int length, String field) {
        return new DecodeException(DecodeException.Kind.TRUNCATED, address(), structure, field,
                length + " bytes", Math.max(remaining(), 0) + " bytes left");
    }

    private void advance(int length, String field) {
        spans.add(new FieldSpan(structure, field, address(), length));
        position += length;
    }
}
