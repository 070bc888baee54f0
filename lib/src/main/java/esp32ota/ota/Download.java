package esp32ota.ota;

import esp32ota.flash.VirtualClock;
import esp32ota.http.EspHttpClient;
import esp32ota.http.LinkModel;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The device's HTTP download as the OTA code sees it: an {@link EspHttpClient} over a real socket, whose requests
 * and bytes also cost time on the device's {@link VirtualClock} according to a {@link LinkModel}, and whose
 * {@link #read} fills the buffer as {@code esp_http_client_read} does (it keeps reading until the buffer is full or
 * the body ends).
 */
public final class Download implements AutoCloseable {
    private final EspHttpClient client;
    private final LinkModel link;
    private final VirtualClock clock;
    private final Consumer<OtaEvent> events;
    private final long startNanos = System.nanoTime();

    /** A download whose answered requests are reported to {@code events} ({@link OtaEvent.Request}). */
    public Download(EspHttpClient.Config config, LinkModel link, VirtualClock clock, Consumer<OtaEvent> events) {
        this.client = new EspHttpClient(config);
        this.link = link;
        this.clock = clock;
        this.events = events;
    }

    /** Opens {@code method url} with {@code headers}; returns the status code. Charges the request's round trips. */
    public int open(String method, String url, Map<String, String> headers) throws IOException {
        clock.advance(link.requestMicros(url.regionMatches(true, 0, "https:", 0, 6)));
        int status = client.open(method, url, headers);
        events.accept(new OtaEvent.Request(method, url, java.util.Optional.ofNullable(headers.get("Range")), status,
                client.contentLength()));
        return status;
    }

    /**
     * {@code esp_http_client_read(client, buf, len)}: fills {@code buf} (fewer bytes only at the end of the body);
     * 0 when the body has ended. Charges the bytes' transfer time.
     */
    public int read(byte[] buf) throws IOException {
        int filled = 0;
        byte[] part = buf;
        while (filled < buf.length) {
            if (filled > 0) part = new byte[buf.length - filled];
            int n = client.read(part);
            if (n <= 0) break;
            if (part != buf) System.arraycopy(part, 0, buf, filled, n);
            filled += n;
        }
        clock.advance(link.transferMicros(filled));
        return filled;
    }

    /** The underlying client: status, headers, content length, whether the body arrived completely. */
    public EspHttpClient client() { return client; }

    /** Wall-clock nanoseconds since this download was made. */
    public long wallNanos() { return System.nanoTime() - startNanos; }

    @Override public void close() throws IOException { client.close(); }
}
