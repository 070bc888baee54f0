package esp32ota.partition;

import esp32ota.bytes.Bytes;

/**
 * Python's {@code repr()} of a {@code bytes} value ({@code b'\xaa\x00'}) and its {@code %x} / {@code %.1f} number
 * formats, because gen_esp32part puts them into its messages and the kit prints the tool's messages verbatim.
 */
final class PythonRepr {
    private PythonRepr() {}

    static String bytes(Bytes b) {
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

    /** Python's {@code "%x" % v}: lowercase hex, and a minus sign rather than two's complement ({@code -1000}). */
    static String hex(long v) {
        return v < 0 ? "-" + Long.toHexString(-v) : Long.toHexString(v);
    }

    /**
     * Python's {@code "%.1f" % v}: rounds the exact binary value half to even ({@code 1.25} gives {@code 1.2}),
     * where Java's {@code %.1f} would round half up.
     */
    static String oneDecimal(double v) {
        return new java.math.BigDecimal(v).setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
