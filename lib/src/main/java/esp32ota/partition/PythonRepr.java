package esp32ota.partition;

import esp32ota.bytes.Bytes;

/**
 * Python's {@code repr()} of a {@code bytes} value ({@code b'\xaa\x00'}), because gen_esp32part puts it into two of
 * its error messages and the kit prints the tool's messages verbatim.
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
}
