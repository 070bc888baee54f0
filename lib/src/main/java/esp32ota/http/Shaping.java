package esp32ota.http;

import java.time.Duration;

/**
 * How fast an {@link ImageServer} answers, on the wall clock: a fixed delay before each response (network latency,
 * a slow server) and a bandwidth limit for the body. A real ESP32 on Wi-Fi typically downloads at 50–500 KB/s; a
 * limit lets a notebook watch the progress bar move.
 *
 * @param bytesPerSecond body bandwidth; 0 means as fast as the socket goes
 * @param latency        wait before the status line of every response
 */
public record Shaping(long bytesPerSecond, Duration latency) {
    /** No limit, no delay. */
    public static final Shaping NONE = new Shaping(0, Duration.ZERO);

    public Shaping {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("bandwidth must be >= 0 bytes/s");
        if (latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0");
    }

    /** Only a bandwidth limit. */
    public static Shaping rate(long bytesPerSecond) { return new Shaping(bytesPerSecond, Duration.ZERO); }

    /** The same bandwidth with another latency. */
    public Shaping withLatency(Duration latency) { return new Shaping(bytesPerSecond, latency); }
}
