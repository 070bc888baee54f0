package esp32ota.http;

import java.util.Optional;

/**
 * One byte range of an image, {@code first..last} inclusive, as a {@code Range: bytes=…} request header asks for it
 * and a {@code 206 Partial Content} response's {@code Content-Range: bytes first-last/total} confirms it (RFC 9110
 * §14). esp_https_ota sends {@code bytes=<start>-<end>} for partial downloads and {@code bytes=<offset>-} when it
 * resumes an interrupted OTA.
 *
 * <pre>
 * Range header         image of 1000 bytes      answer
 * bytes=0-99           first=0,   last=99       206, Content-Range: bytes 0-99/1000
 * bytes=900-           first=900, last=999      206, Content-Range: bytes 900-999/1000
 * bytes=-100           first=900, last=999      206 (a "suffix" range: the last 100 bytes)
 * bytes=950-2000       first=950, last=999      206 (last is clipped to the image)
 * bytes=1000-          unsatisfiable            416, Content-Range: bytes * /1000
 * bytes=abc            not a range we know      ignored: 200 with the whole image
 * </pre>
 *
 * @param first offset of the first byte sent
 * @param last  offset of the last byte sent (inclusive, as in the header)
 */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) throw new IllegalArgumentException("bad range " + first + "-" + last);
    }

    /** Number of bytes in the range. */
    public long length() { return last - first + 1; }

    /** The response header value {@code bytes first-last/total}. */
    public String contentRange(long total) { return "bytes " + first + "-" + last + "/" + total; }

    /** The request header value {@code bytes=first-last}. */
    public String requestHeader() { return "bytes=" + first + "-" + last; }

    /** What a server makes of a {@code Range} header for an image of {@code size} bytes. */
    public sealed interface Request {
        /** No header, or one this server ignores (several ranges, other units, garbage): send the whole image. */
        record Whole() implements Request {}

        /** A range inside the image: send it with 206. */
        record Part(ByteRange range) implements Request {}

        /** A well-formed range that starts at or after the end of the image: 416. */
        record Unsatisfiable(String header) implements Request {}
    }

    /** Interprets a {@code Range} request header (absent = whole image) for an image of {@code size} bytes. */
    public static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) return new Request.Whole();
        String h = header.get().trim();
        if (!h.startsWith("bytes=") || h.contains(",")) return new Request.Whole();
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return new Request.Whole();
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {                                     // bytes=-N: the last N bytes
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) return new Request.Unsatisfiable(h);
                return new Request.Part(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || last < 0) return new Request.Whole();
            if (!b.isEmpty() && last < first) return new Request.Whole();   // invalid: RFC 9110 says ignore it
            if (first >= size) return new Request.Unsatisfiable(h);
            return new Request.Part(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return new Request.Whole();
        }
    }
}
