package esp32ota.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of an HTTP/1.1 message (RFC 9112 §2): a start line, header fields, then an empty line; every line ends
 * in CRLF. The body, if any, follows the empty line. {@link ImageServer} reads request heads with it,
 * {@link EspHttpClient} response heads.
 *
 * <pre>
 * GET /blink.bin HTTP/1.1             start line of a request: method, target, version
 * Host: 127.0.0.1:8070
 * Range: bytes=0-1023
 * (empty line)
 *
 * HTTP/1.1 206 Partial Content        start line of a response: version, status code, reason phrase
 * Content-Length: 1024
 * Content-Range: bytes 0-1023/2272
 * (empty line, then 1024 body bytes)
 * </pre>
 *
 * @param startLine the first line, without its CRLF
 * @param headers   header fields by lower-case name (header names are case-insensitive; a repeated name keeps the
 *                  last value)
 */
record HttpHead(String startLine, Map<String, String> headers) {
    /** A head larger than this is refused (a real server's limit is similar, e.g. 8–16 KiB). */
    static final int MAX_BYTES = 16 * 1024;

    /** Reads one head; empty when the stream ends before a start line (the peer closed without a message). */
    static Optional<HttpHead> read(InputStream in) throws IOException {
        String start = readLine(in);
        if (start == null || start.isEmpty()) return Optional.empty();
        Map<String, String> headers = new LinkedHashMap<>();
        int total = start.length();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            total += line.length();
            if (total > MAX_BYTES) throw new IOException("HTTP head larger than " + MAX_BYTES + " bytes");
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return Optional.of(new HttpHead(start, Map.copyOf(headers)));
    }

    /** One header field by case-insensitive name. */
    Optional<String> header(String name) { return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))); }

    /** One line ending in CRLF (a lone LF is accepted too), without it; {@code null} at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) return sb.length() == 0 ? null : sb.toString();
            if (b == '\n') return sb.toString();
            if (b != '\r') sb.append((char) b);                      // ISO-8859-1: one byte, one char
            if (sb.length() > MAX_BYTES) throw new IOException("HTTP line longer than " + MAX_BYTES + " bytes");
        }
    }
}
