package esp32ota.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An OTA's progress so far: the phase it is in ({@code erasing}, {@code writing}, {@code verified}, …) and the
 * samples reported while the image was written. The throughput between two samples is measured twice: on the
 * device's virtual clock (flash time, what a real ESP32 would take) and on the wall clock (what this computer took).
 * An interval much slower than the rest on the virtual clock is an erase stall: the flash erased a sector before the
 * next page could be programmed.
 *
 * @param phase   what the update is doing now, in a few words
 * @param samples the samples in the order they came
 */
public record OtaProgress(String phase, List<Sample> samples) {
    /** An interval slower than this share of the median virtual-clock rate is an erase stall. */
    public static final double STALL_SHARE = 0.5;

    /**
     * One progress report.
     *
     * @param bytes         image bytes written so far
     * @param total         the image size; 0 or less when unknown ({@code OTA_SIZE_UNKNOWN})
     * @param virtualMicros the device's virtual clock, µs
     * @param wallNanos     {@link System#nanoTime()} when the report was made
     */
    public record Sample(long bytes, long total, long virtualMicros, long wallNanos) {
        public Sample {
            if (bytes < 0) throw new IllegalArgumentException("bytes written cannot be negative: " + bytes);
        }

        /** Whether the image size is known. */
        public boolean totalKnown() { return total > 0; }
    }

    /**
     * The throughput between two consecutive samples.
     *
     * @param fromBytes   bytes written at the start of the interval
     * @param toBytes     bytes written at its end
     * @param virtualKiBs KiB/s on the virtual clock
     * @param wallKiBs    KiB/s on the wall clock (NaN when no wall time passed)
     * @param stall       slower than {@link #STALL_SHARE} × the median virtual rate
     */
    public record Rate(long fromBytes, long toBytes, double virtualKiBs, double wallKiBs, boolean stall) {}

    public OtaProgress { samples = List.copyOf(samples); }

    /** No samples yet. */
    public static OtaProgress starting() { return new OtaProgress("starting", List.of()); }

    /** Bytes written according to the latest sample. */
    public long bytes() { return last().map(Sample::bytes).orElse(0L); }

    /** The image size according to the latest sample; 0 when unknown. */
    public long total() { return last().map(s -> Math.max(0, s.total())).orElse(0L); }

    /** Percent written, 0-100; empty when the size is unknown. */
    public java.util.OptionalDouble percent() {
        long total = total();
        return total > 0 ? java.util.OptionalDouble.of(Math.min(100.0, 100.0 * bytes() / total))
                : java.util.OptionalDouble.empty();
    }

    /** Virtual time from the first sample to the last, µs. */
    public long virtualMicros() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).virtualMicros() - samples.get(0).virtualMicros();
    }

    /** Wall time from the first sample to the last, ns. */
    public long wallNanos() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).wallNanos() - samples.get(0).wallNanos();
    }

    /**
     * One rate per pair of consecutive samples in which virtual time passed (a report that repeats the clock adds
     * nothing to measure).
     */
    public List<Rate> rates() {
        List<long[]> raw = new ArrayList<>();           // fromBytes, toBytes, dVirtualMicros, dWallNanos
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1), b = samples.get(i);
            long dv = b.virtualMicros() - a.virtualMicros();
            if (dv > 0) raw.add(new long[] {a.bytes(), b.bytes(), dv, b.wallNanos() - a.wallNanos()});
        }
        double[] virtual = raw.stream().mapToDouble(r -> kibPerSecond(r[1] - r[0], r[2] * 1e-6)).toArray();
        double threshold = STALL_SHARE * median(virtual);
        List<Rate> rates = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            long[] r = raw.get(i);
            double wall = r[3] > 0 ? kibPerSecond(r[1] - r[0], r[3] * 1e-9) : Double.NaN;
            rates.add(new Rate(r[0], r[1], virtual[i], wall, virtual[i] < threshold));
        }
        return List.copyOf(rates);
    }

    /** The average rate over the whole run on the virtual clock, KiB/s; 0 before two samples. */
    public double averageVirtualKiBs() {
        return virtualMicros() > 0 ? kibPerSecond(bytes() - samples.get(0).bytes(), virtualMicros() * 1e-6) : 0;
    }

    /** The average rate over the whole run on the wall clock, KiB/s; 0 before two samples. */
    public double averageWallKiBs() {
        return wallNanos() > 0 ? kibPerSecond(bytes() - samples.get(0).bytes(), wallNanos() * 1e-9) : 0;
    }

    /** The same samples in another phase. */
    public OtaProgress inPhase(String newPhase) { return new OtaProgress(newPhase, samples); }

    private java.util.Optional<Sample> last() {
        return samples.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(samples.get(samples.size() - 1));
    }

    private static double kibPerSecond(long bytes, double seconds) { return bytes / 1024.0 / seconds; }

    private static double median(double[] values) {
        if (values.length == 0) return 0;
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
