package esp32ota.describe;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.bytes.DecodeException.Kind;

import java.util.Optional;

/**
 * What the reference tools print for a {@link DecodeException}: gen_esp32part.py v1.5 for a binary partition table,
 * esptool v4.12.0 for an app image, so the CLI can print exactly the tool's line. A failure neither tool words
 * (a segment header cut short, where esptool crashes) keeps the kit's own message.
 */
public final class ToolErrors {
    private ToolErrors() {}

    /** The reference tool's words for {@code e}, or the kit's own message when no tool has any. */
    public static String message(DecodeException e) {
        return genEsp32Part(e).or(() -> esptool(e)).orElse(e.getMessage());
    }

    /** gen_esp32part's {@code InputError} text for a binary table that cannot be framed. */
    public static Optional<String> genEsp32Part(DecodeException e) {
        String at = e.structure() + "." + e.field();
        if (e.kind() == Kind.BAD_MAGIC && at.equals("PartitionEntry.magic")) {
            int magic = (int) e.value("magic").orElseThrow();           // u16 LE: the first byte is the low one
            return Optional.of("Invalid magic bytes (%s) for partition definition"
                    .formatted(pythonRepr(Bytes.of(magic & 0xFF, magic >> 8))));
        }
        if (e.kind() == Kind.BAD_CHECKSUM && at.equals("Md5Row.digest")) {
            return Optional.of("MD5 checksums don't match! (computed: 0x%s, parsed: 0x%s)"
                    .formatted(e.expected(), pythonRepr(Bytes.utf8(e.actual()))));
        }
        if (e.kind() == Kind.TRUNCATED && at.equals("PartitionTable.row")) {
            return Optional.of("Partition table length must be a multiple of 32 bytes");
        }
        if (e.kind() == Kind.TRUNCATED && at.equals("PartitionTable.end_marker")) {
            return Optional.of("Partition table is missing an end-of-table marker");
        }
        return Optional.empty();
    }

    /** esptool's {@code FatalError} text (after "A fatal error occurred: ") for an image that cannot be framed. */
    public static Optional<String> esptool(DecodeException e) {
        boolean header = e.structure().equals("ImageHeader") || e.structure().equals("Esp8266Header");
        if (e.kind() == Kind.BAD_MAGIC && header && e.field().equals("magic")) {
            return Optional.of("Invalid firmware image magic=0x%x".formatted(e.value("magic").orElseThrow()));
        }
        if (e.kind() == Kind.TRUNCATED && e.structure().startsWith("Segment[") && e.field().equals("data")) {
            return Optional.of("End of file reading segment 0x%x, length %d (actual length %d)".formatted(
                    e.value("load_addr").orElseThrow(), e.value("data_len").orElseThrow(),
                    e.value("remaining").orElseThrow()));
        }
        return Optional.empty();
    }

    /** Python's {@code repr()} of a {@code bytes} value: {@code b'\xaa\x00'}. */
    static String pythonRepr(Bytes b) {
        boolean hasSingle = false, hasDouble = false;
        for (int i = 0; i < b.size(); i++) {
            hasSingle |= b.u8(i) == '\'';
            hasDouble |= b.u8(i) == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        var sb = new StringBuilder("b").append(quote);
        for (int i = 0; i < b.size(); i++) {
            int c = b.u8(i);
            if (c == quote || c == '\\') sb.append('\\').append((char) c);
            else if (c == '\t') sb.append("\\t");
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c < 0x20 || c >= 0x7F) sb.append("\\x%02x".formatted(c));
            else sb.append((char) c);
        }
        return sb.append(quote).toString();
    }
}
