package esp32ota.cli;

import esp32ota.analysis.Corpus;
import esp32ota.analysis.CorpusRow;
import esp32ota.bytes.DigestAlgorithm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code ./kit bench scan DIR}: {@link Corpus} over a folder, one thread and all cores, next to the JDK's SHA-256
 * over the same files read the same way, in the same run (three interleaved rounds, the best of each); and the peak
 * heap while scanning (sampled every 5 ms).
 */
final class ScanBench {
    private ScanBench() {}

    static int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--threads")).atMostPositionals(1);
        Path dir = console.path(args.positional(0, "corpus folder DIR (make one: ./kit samples --corpus DIR --count 500)"));
        if (!Files.isDirectory(dir)) throw new CliException("bench scan: " + dir + " is not a folder");
        int cores = (int) args.number("--threads", Runtime.getRuntime().availableProcessors(), 256);
        if (cores < 1) throw new CliException("--threads: at least 1");
        try {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) { files = s.filter(Files::isRegularFile).sorted().toList(); }
            if (files.isEmpty()) throw new CliException("bench scan: no files in " + dir);
            long bytes = 0;
            for (Path f : files) bytes += Files.size(f);
            console.out().printf("%d files, %.1f MB in %s; %d cores; max heap %d MB%n", files.size(), bytes / 1e6, dir,
                    cores, Runtime.getRuntime().maxMemory() >> 20);
            sha(files);                                                  // page cache and JIT warm-up
            Corpus.rows(dir, Optional.empty(), 1, p -> { });
            List<List<CorpusRow>> rows = new java.util.ArrayList<>();
            HeapPeak peak = HeapPeak.start();
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 3; round++) {       // interleaved: a busy neighbour slows all three alike
                best[0] = Math.min(best[0], seconds(() -> sha(files)));
                best[1] = Math.min(best[1], seconds(() -> Corpus.rows(dir, Optional.empty(), 1, p -> { })));
                best[2] = Math.min(best[2], seconds(() -> rows.add(Corpus.rows(dir, Optional.empty(), cores, p -> { }))));
            }
            double sha = bytes / best[0] / 1e6, one = bytes / best[1] / 1e6, all = bytes / best[2] / 1e6;
            peak.stop();
            long peakMb = peak.max.get() >> 20;
            long bad = rows.get(0).stream().filter(r -> !r.ok()).count();
            console.out().printf("scan, 1 thread:                     %8.1f MB/s%n", one);
            console.out().printf("JDK SHA-256, 1 thread, same files:  %8.1f MB/s (read + digest)%n", sha);
            console.out().printf("ratio: %.0f %% of SHA-256 (target >= 90 %%)%n", 100 * one / sha);
            console.out().printf("scan, %d threads:                    %8.1f MB/s = %.2f x one thread (target >= 1.8 x on 2 cores)%n",
                    cores, all, all / one);
            console.out().printf("peak heap used while scanning: %d MB of max %d MB (target < 256 MB; try -Xmx256m); "
                    + "%d rows, %d with errors%n", peakMb, Runtime.getRuntime().maxMemory() >> 20, rows.get(0).size(), bad);
            return 0;
        } catch (IOException e) {
            throw new CliException("bench scan: " + e.getMessage());
        }
    }

    interface Work { void run() throws IOException; }

    private static double seconds(Work w) throws IOException {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static void sha(List<Path> files) throws IOException {
        MessageDigest md = DigestAlgorithm.SHA_256.start();
        for (Path f : files) md.digest(Files.readAllBytes(f));
    }

    /**
     * The largest used heap seen by a sampler thread (after a GC before the start). With a large -Xmx the collector
     * lets garbage pile up; run with -Xmx256m to see the scan fit (files in flight: at most two per worker).
     */
    private static final class HeapPeak {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapPeak start() {
            System.gc();
            HeapPeak p = new HeapPeak();
            var mem = ManagementFactory.getMemoryMXBean();
            p.thread = new Thread(() -> {
                while (p.running) {
                    p.max.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            p.thread.setDaemon(true);
            p.thread.start();
            return p;
        }

        long stop() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return max.get();
        }
    }
}
