package esp32ota.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP response of an {@link ImageServer} as it goes onto the socket: the head, then a body paced by
 * {@link Shaping} and broken, on purpose, by a {@link Fault}.
 *
 * <pre>
 * HTTP/1.1 200 OK                          head(200, "application/octet-stream", 2272, ["Accept-Ranges: bytes"])
 * Server: esp32ota-kit
 * Content-Type: application/octet-stream
 * Content-Length: 2272                     (WrongLength(k) announces 2272 + k)
 * Accept-Ranges: bytes
 * Connection: close
 * (empty line)
 * E9 04 02 20 …                            body(image, 0, 2272, fault): in chunks of at most 8 KiB,
 *                                          sleeping between chunks to keep to the bandwidth limit;
 *                                          Cut(n): stop after n bytes and close (FIN)
 *                                          Stall(n, d): after n bytes send nothing for d, then the rest
 *                                          Reset(n): after n bytes, SO_LINGER 0 and close (RST)
 * </pre>
 */
final class Response {
    private static final int CHUNK = 8192;

    private final OutputStream out;
    private final Socket raw;
    private final Shaping shaping;
    private int status = 500;            // until a head is written: what the log shows if writing fails first
    private long sent;

    /** {@code out} writes to the connection (through TLS for HTTPS); {@code raw} is the TCP socket underneath. */
    Response(OutputStream out, Socket raw, Shaping shaping) {
        this.out = out;
        this.raw = raw;
        this.shaping = shaping;
    }

    /** The status code of the head written (500 before). */
    int status() { return status; }

    /** Body bytes written so far (kept when the client goes away in the middle). */
    long bodyBytesSent() { return sent; }

    /** The status line and header fields, ending with the empty line. */
    void head(int status, String contentType, long contentLength, List<String> extra) throws IOException {
        this.status = status;
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        sb.append("Server: esp32ota-kit\r\n");
        sb.append("Content-Type: ").append(contentType).append("\r\n");
        sb.append("Content-Length: ").append(contentLength).append("\r\n");
        for (String h : extra) sb.append(h).append("\r\n");
        sb.append("Connection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A short plain-text response (errors); {@code headOnly} for HEAD requests. */
    void text(int status, String text, boolean headOnly) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        head(status, "text/plain; charset=utf-8", bytes.length, List.of());
        if (!headOnly) {
            out.write(bytes);
            sent = bytes.length;
        }
    }

    void flush() throws IOException { out.flush(); }

    /**
     * Writes {@code data[from, from+length)} in chunks, sleeping between chunks so that the average rate follows
     * the bandwidth limit, and applies a cut, stall or reset at its byte count.
     */
    void body(byte[] data, int from, int length, Optional<Fault> fault) throws IOException {
        long stopAt = length;
        long stallAt = -1;
        Duration stall = Duration.ZERO;
        if (fault.isPresent()) {
            Fault f = fault.get();
            if (f instanceof Fault.Cut c) stopAt = Math.min(length, c.afterBytes());
            if (f instanceof Fault.Reset r) stopAt = Math.min(length, r.afterBytes());
            if (f instanceof Fault.Stall s) {
                stallAt = s.afterBytes();
                stall = s.pause();
            }
        }
        long rate = shaping.bytesPerSecond();
        int chunk = rate > 0 ? (int) Math.max(1, Math.min(CHUNK, rate / 50)) : CHUNK;   // about 50 chunks a second
        long start = System.nanoTime();
        long paused = 0;
        while (sent < stopAt) {
            if (sent == stallAt) {
                out.flush();
                long t = System.nanoTime();
                sleep(stall);
                paused += System.nanoTime() - t;
            }
            long end = Math.min(stopAt, sent + chunk);
            if (stallAt > sent) end = Math.min(end, stallAt);
            out.write(data, from + (int) sent, (int) (end - sent));
            out.flush();
            sent = end;
            if (rate > 0) {
                long due = start + paused + sent * 1_000_000_000L / rate;   // when this many bytes are due
                long wait = due - System.nanoTime();
                if (wait > 0) sleep(Duration.ofNanos(wait));
            }
        }
        out.flush();
        if (fault.isPresent() && fault.get() instanceof Fault.Reset) {
            raw.setSoLinger(true, 0);                                   // close() now sends RST, not FIN
            raw.close();
        }
        // Cut and WrongLength: the server closes the socket next (FIN) with fewer bytes than Content-Length said.
    }

    /** Sleeps on the wall clock; an interrupt (the server closing) ends the response with an IOException. */
    static void sleep(Duration d) throws IOException {
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("server closing");
        }
    }

    /** The reason phrase of a status code (RFC 9110 §15). */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 416 -> "Range Not Satisfiable";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Server Error";
        };
    }
}
