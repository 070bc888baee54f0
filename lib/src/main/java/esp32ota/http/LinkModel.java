package esp32ota.http;

/**
 * How long the network takes on a device's virtual clock: a link's throughput, its round-trip latency, and the
 * extra cost of a TLS handshake (ota-api-and-devices.md §5.2). The download itself goes over a real socket on this
 * machine and takes whatever wall time it takes; this model says how long the same bytes would take on the
 * device's link, so a run is the same on every machine.
 *
 * @param name              a label for charts ({@code LAN}, {@code Internet}, …)
 * @param bytesPerSecond    throughput of the body (0 = no time at all)
 * @param latencyMicros     one round trip
 * @param tlsHandshakeMicros the TLS handshake on the chip (mbedTLS, RSA-2048), added to every HTTPS connection
 */
public record LinkModel(String name, long bytesPerSecond, long latencyMicros, long tlsHandshakeMicros) {
    /** A Wi-Fi LAN: about 1 MB/s, 2 ms round trip, 0.8 s TLS handshake. The default. */
    public static final LinkModel LAN = new LinkModel("LAN", 1_000_000, 2_000, 800_000);
    /** A download from the Internet: 30 kB/s, 80 ms round trip, 1.5 s TLS handshake. */
    public static final LinkModel INTERNET = new LinkModel("Internet", 30_000, 80_000, 1_500_000);
    /** BLE-class throughput: 7 kB/s, 30 ms round trip, 1 s TLS handshake. */
    public static final LinkModel SLOW = new LinkModel("slow", 7_000, 30_000, 1_000_000);
    /** No time at all: for sweeps and tests that count operations only. */
    public static final LinkModel INSTANT = new LinkModel("instant", 0, 0, 0);

    public LinkModel {
        if (bytesPerSecond < 0 || latencyMicros < 0 || tlsHandshakeMicros < 0) {
            throw new IllegalArgumentException("link figures must be >= 0");
        }
    }

    /** The profile named {@code name} (lan, internet, slow, instant; any case). */
    public static java.util.Optional<LinkModel> named(String name) {
        return java.util.stream.Stream.of(LAN, INTERNET, SLOW, INSTANT)
                .filter(l -> l.name.equalsIgnoreCase(name)).findFirst();
    }

    /** Opening a connection and getting the response head: TCP handshake and request, two round trips, plus TLS. */
    public long requestMicros(boolean https) { return 2 * latencyMicros + (https ? tlsHandshakeMicros : 0); }

    /** Receiving {@code bytes} body bytes. */
    public long transferMicros(long bytes) { return bytesPerSecond == 0 ? 0 : bytes * 1_000_000 / bytesPerSecond; }
}
