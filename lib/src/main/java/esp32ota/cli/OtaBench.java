package esp32ota.cli;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.http.EspHttpClient;
import esp32ota.http.ImageServer;
import esp32ota.ota.OtaApi;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import esp32ota.sweep.PowerCutSweep;
import esp32ota.sweep.SweepResult;
import esp32ota.sweep.UpdateFlow;

import java.io.IOException;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./kit bench ota}: (a) the power-cut sweep of a 1 MiB update, every erase and page program cut with every
 * tear: time and cut points per second; (b) a 1 MiB OTA download over the local HTTP server into a virtual ESP32
 * with instant flash: wall-clock MB/s next to a plain loopback download from the same server in the same run.
 */
final class OtaBench {
    private OtaBench() {}

    static int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--size")).atMostPositionals(0);
        int size = (int) FlashInputs.number("--size", args.option("--size").orElse("0x100000"));
        if (size < 0x10000 || size > 0x130000) {
            throw new CliException("bench ota: --size must be 0x10000..0x130000 (it must fit a 0x140000 slot)");
        }
        Bytes from = largeImage("1.0.0", size), to = largeImage("2.0.0", size);
        VirtualEsp32 device = VirtualEsp32.builder(noFactoryTable()).rollback(true).app(AppSlot.ota(0), from).build();
        console.out().printf("update image: %d bytes (%.2f MiB), blink 1.0.0 -> 2.0.0, rollback on%n", to.size(),
                to.size() / 1048576.0);
        PowerCutSweep sweep = PowerCutSweep.of(device, to).tears(EnumSet.allOf(NorFlash.Tear.class));
        sweep.run();                                                  // warm-up: JIT
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        SweepResult r = sweep.run();
        double seconds = (System.nanoTime() - t0) / 1e9, cpu = (processCpuNanos() - cpu0) / 1e9;
        console.out().printf("power-cut sweep: %s (%d operations x %d tears)%n", r.summary(), r.operations(), 3);
        console.out().printf("  wall clock %.2f s (target <= 5 s): %.0f cut points/s; on %d threads, %.2f s of CPU"
                + " (whole process): %.0f cut points per CPU second%n", seconds, r.cuts().size() / seconds,
                Math.min(4, Runtime.getRuntime().availableProcessors()), cpu, r.cuts().size() / cpu);
        try {
            download(device, to, console);
        } catch (IOException e) {
            throw new CliException("bench ota: the local HTTP server failed: " + e.getMessage());
        }
        return 0;
    }

    /**
     * The same image from one local HTTP server, {@link #REPEATS} times each way, alternating: read into a discard
     * buffer, and downloaded by a virtual ESP32 (instant flash) through esp_ota_begin/write/end/set_boot. Medians.
     */
    private static void download(VirtualEsp32 device, Bytes image, Console console) throws IOException {
        VirtualEsp32 instant = VirtualEsp32.builder(noFactoryTable()).timing(FlashTiming.INSTANT)
                .app(AppSlot.ota(0), device.readFlash(0x10000, image.size())).build();
        try (ImageServer server = ImageServer.http(0)) {
            server.add("/update.bin", image.toByteArray());
            String url = server.url("/update.bin");
            double[] copy = new double[REPEATS], ota = new double[REPEATS];
            for (int i = -2; i < REPEATS; i++) {              // two warm-up rounds
                double c = loopback(url, image.size()), o = ota(instant, url, image.size());
                if (i >= 0) {
                    copy[i] = c;
                    ota[i] = o;
                }
            }
            double copyRate = median(copy), otaRate = median(ota);
            console.out().printf("loopback copy (same server, %d-byte reads into a discard buffer): %8.1f MB/s%n",
                    UpdateFlow.CHUNK, copyRate);
            console.out().printf("OTA over HTTP into a virtual ESP32 (instant flash, no shaping): %8.1f MB/s"
                    + " (%.0f %% of the loopback copy; median of %d)%n", otaRate, 100 * otaRate / copyRate, REPEATS);
        }
    }

    private static final int REPEATS = 7;

    /** MB/s (10^6 bytes) of reading the whole body into a discard buffer. */
    private static double loopback(String url, int size) throws IOException {
        byte[] buf = new byte[UpdateFlow.CHUNK];
        long t0 = System.nanoTime(), n = 0;
        try (EspHttpClient client = new EspHttpClient(EspHttpClient.Config.defaults())) {
            if (client.get(url) != 200) throw new IOException("status " + client.status());
            for (int r; (r = client.read(buf)) > 0; ) n += r;
        }
        if (n != size) throw new IOException("read " + n + " of " + size + " bytes");
        return n / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }

    /** MB/s of native_ota_example's loop on a fresh copy of {@code device}: read 1 KiB, esp_ota_write it; end, set. */
    private static double ota(VirtualEsp32 template, String url, int size) throws IOException {
        VirtualEsp32 d = template.copy();
        d.reset();
        byte[] buf = new byte[UpdateFlow.CHUNK];
        long t0 = System.nanoTime(), n = 0;
        OtaApi ota = d.ota();
        AppSlot slot = ota.getNextUpdatePartition().orElseThrow();
        int handle = ota.begin(slot, OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        try (EspHttpClient client = new EspHttpClient(EspHttpClient.Config.defaults())) {
            if (client.get(url) != 200) throw new IOException("status " + client.status());
            for (int r; (r = client.read(buf)) > 0; n += r) {
                if (!ota.write(handle, Bytes.of(buf, 0, r)).ok()) throw new IllegalStateException("esp_ota_write");
            }
        }
        if (!ota.end(handle).ok() || !ota.setBootPartition(slot).ok()) throw new IllegalStateException("esp_ota_end");
        double rate = n / ((System.nanoTime() - t0) / 1e9) / 1e6;
        if (n != size) throw new IOException("read " + n + " of " + size + " bytes");
        return rate;
    }

    /** CPU time of the whole JVM (every thread, GC and JIT included), or 0 where the platform does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The no_factory_two_ota sample table: ota_0 and ota_1 of 0x140000 bytes each. */
    static PartitionTable noFactoryTable() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), PartitionTable.DEFAULT_ADDRESS);
    }

    /** blink {@code version} of about {@code size} bytes ({@link ImageSamples#blinkOfSize}); 2.x carries secure_version 1. */
    static Bytes largeImage(String version, int size) {
        return ImageSamples.blinkOfSize(version, version.startsWith("1") ? 0 : 1, size);
    }
}
