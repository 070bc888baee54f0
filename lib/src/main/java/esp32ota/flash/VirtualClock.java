package esp32ota.flash;

/**
 * Simulated time in microseconds since power-on. The model never reads the wall clock: flash operations, the network
 * model and the device's log timestamps all advance one clock, so a run is the same every time.
 */
public final class VirtualClock {
    private long micros;

    /** A clock at 0 µs (power-on). */
    public VirtualClock() {}

    /** A clock already at {@code startMicros}. */
    public VirtualClock(long startMicros) { this.micros = startMicros; }

    /** Microseconds since power-on. */
    public long nowMicros() { return micros; }

    /** Milliseconds since power-on, as ESP-IDF log lines print them ({@code I (312) boot: …}). */
    public long nowMillis() { return micros / 1000; }

    /** Lets {@code deltaMicros} pass (never negative: time does not run backwards). */
    public void advance(long deltaMicros) {
        if (deltaMicros < 0) throw new IllegalArgumentException("time runs forward: " + deltaMicros);
        micros += deltaMicros;
    }

    /** Back to zero, as at a reset: {@code esp_log_timestamp()} counts from boot. */
    public void reset() { micros = 0; }
}
