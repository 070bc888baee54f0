package esp32ota.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import esp32ota.analysis.Corpus;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code ./kit bench scan DIR}: {@link Corpus} over a folder, one thread and all cores, next to the JDK's SHA-256
 * over the same files read the same way (each file read whole into one reused buffer, then digested), in the same
 * run: three interleaved rounds, the best of each. The heap is measured over the scans only ({@link HeapWatch}):
 * the peak of used heap, garbage included (what the process really holds), and what is live after a full GC.
 * {@code --kernel-flags} runs the same bench in a child JVM with the notebook kernel's flags.
 */
final class ScanBench {
    /** The notebook kernel's JVM flags (KERNEL_JVM_FLAGS in ./kit): C1 only, serial GC. */
    static final List<String> KERNEL_JVM_FLAGS = List.of("-Djava.awt.headless=true", "-ea", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private ScanBench() {}

    static int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of("--kernel-flags"), Set.of("--threads")).atMostPositionals(1);
        Path dir = console.path(args.positional(0, "corpus folder DIR (make one: ./kit samples --corpus DIR --count 500)"));
        if (!Files.isDirectory(dir)) throw new CliException("bench scan: " + dir + " is not a folder");
        int cores = (int) args.number("--threads", Runtime.getRuntime().availableProcessors(), 256);
        if (cores < 1) throw new CliException("--threads: at least 1");
        if (args.flag("--kernel-flags")) return inKernelJvm(dir, cores, console);
        try {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) { files = s.filter(Files::isRegularFile).sorted().toList(); }
            if (files.isEmpty()) throw new CliException("bench scan: no files in " + dir);
            long bytes = 0;
            for (Path f : files) bytes += Files.size(f);
            var jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
            console.out().printf("%d files, %.1f MB in %s; %d cores; max heap %d MB; JVM flags %s%n", files.size(),
                    bytes / 1e6, dir, cores, Runtime.getRuntime().maxMemory() >> 20, jvm.isEmpty() ? "(none)" : jvm);
            sha(files);                                                  // page cache and JIT warm-up
            scan(dir, 1);
            HeapWatch heap = HeapWatch.start();
            Time[] best = {Time.NONE, Time.NONE, Time.NONE};
            int[] bad = new int[1];
            for (int round = 0; round < 3; round++) {       // interleaved: a busy neighbour slows all three alike
                best[0] = best[0].best(Time.of(() -> inFreshThread(() -> sha(files))));
                best[1] = best[1].best(Time.of(() -> heap.during(() -> scan(dir, 1))));
                best[2] = best[2].best(Time.of(() -> heap.during(() -> bad[0] = scan(dir, cores))));
            }
            heap.stop();
            long live = liveHalfWay(dir, cores);
            double sha = bytes / best[0].wall / 1e6, one = bytes / best[1].wall / 1e6, all = bytes / best[2].wall / 1e6;
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            console.out().printf("%-36s%14s %14s%n", "", "wall clock", "per CPU second (every thread of the JVM)");
            console.out().printf("%-36s%9.1f MB/s %9.1f MB/s (each file read into one reused buffer, then digested)%n",
                    "JDK SHA-256, 1 thread, same files:", sha, bytes / best[0].cpu / 1e6);
            console.out().printf("%-36s%9.1f MB/s %9.1f MB/s%n", "scan, 1 thread:", one, bytes / best[1].cpu / 1e6);
            console.out().printf("%-36s%9.1f MB/s %9.1f MB/s%n", "scan, %d threads:".formatted(cores), all,
                    bytes / best[2].cpu / 1e6);
            console.out().printf("ratio: %.0f %% of SHA-256 (target >= 90 %%); by CPU time %.0f %%%n", 100 * one / sha,
                    100 * best[0].cpu / best[1].cpu);
            console.out().printf("%d threads: %.2f x one thread (target >= 1.8 x on 2 cores); CPU per byte %.2f x one "
                    + "thread's%n", cores, all / one, best[2].cpu / best[1].cpu);
            console.out().printf("heap while scanning: peak used %d MB (garbage included: 5 ms samples and the heap "
                    + "before each of %d GCs); live at a full GC half-way through a scan %d MB; max heap %d MB (target: "
                    + "peak < 256 MB)%n", heap.peak() >> 20, heap.gcs(), live >> 20, Runtime.getRuntime().maxMemory() >> 20);
            console.out().printf("%d rows, %d with errors; load average %.2f over %d cpus (other work slows the wall "
                    + "clock figures)%n", files.size(), bad[0], os.getSystemLoadAverage(), os.getAvailableProcessors());
            return 0;
        } catch (IOException e) {
            throw new CliException("bench scan: " + e.getMessage());
        }
    }

    /** The same bench in a child JVM with {@link #KERNEL_JVM_FLAGS}, its output passed through. */
    private static int inKernelJvm(Path dir, int cores, Console console) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(KERNEL_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench", "scan",
                dir.toAbsolutePath().toString(), "--threads", Integer.toString(cores)));
        console.out().println("in the notebook kernel's JVM: " + String.join(" ", cmd.subList(0, 1 + KERNEL_JVM_FLAGS.size())));
        console.out().flush();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().transferTo(console.out());
            console.out().flush();
            return p.waitFor();
        } catch (IOException e) {
            throw new CliException("bench scan --kernel-flags: cannot start " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("bench scan --kernel-flags: interrupted");
        }
    }

    /** Used heap right after a full GC half-way through a scan on {@code threads} workers: what a scan needs. */
    private static long liveHalfWay(Path dir, int threads) throws IOException {
        AtomicLong live = new AtomicLong();
        Corpus.scan(dir, Optional.empty(), threads, p -> {
            if (p.files() == p.totalFiles() / 2) {
                System.gc();
                live.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
        }, r -> { });
        return live.get();
    }

    /** Scans with a sink that keeps nothing; returns the number of rows with errors. */
    private static int scan(Path dir, int threads) throws IOException {
        AtomicInteger bad = new AtomicInteger();
        Corpus.scan(dir, Optional.empty(), threads, p -> { }, r -> { if (!r.ok()) bad.incrementAndGet(); });
        return bad.get();
    }

    interface Work { void run() throws IOException; }

    /** Wall-clock and CPU seconds (every thread of this JVM: workers, GC, JIT) of one run; {@link #best} of each. */
    private record Time(double wall, double cpu) {
        static final Time NONE = new Time(Double.MAX_VALUE, Double.MAX_VALUE);

        static Time of(Work w) throws IOException {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long c = os.getProcessCpuTime(), t = System.nanoTime();
            w.run();
            return new Time((System.nanoTime() - t) / 1e9, (os.getProcessCpuTime() - c) / 1e9);
        }

        Time best(Time other) { return new Time(Math.min(wall, other.wall), Math.min(cpu, other.cpu)); }
    }

    /** Runs {@code w} in a new thread, as a scan runs in new worker threads (a busy scheduler treats both alike). */
    private static void inFreshThread(Work w) throws IOException {
        IOException[] failed = new IOException[1];
        Thread t = new Thread(() -> {
            try {
                w.run();
            } catch (IOException e) {
                failed[0] = e;
            }
        }, "sha-256");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (failed[0] != null) throw failed[0];
    }

    /** Every file read whole into one reused buffer (as a scan worker reads), then SHA-256 over it. */
    private static void sha(List<Path> files) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        for (Path f : files) {
            try (FileChannel in = FileChannel.open(f)) {
                long size = in.size();
                if (size > buffer.length) buffer = new byte[(int) size];
                md.update(buffer, 0, Corpus.readFully(in, buffer, (int) size));
                md.digest();
            }
        }
    }

    /**
     * Used heap while work runs: a sampler thread reads it every 5 ms, and each GC reports what the heap held
     * just before it (the true peaks between samples); both only while {@link #during} runs. Used heap counts
     * garbage not yet collected, so with a large -Xmx the collector's choices show; the live set is measured apart.
     */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicInteger gcs = new AtomicInteger();
        private volatile boolean active;
        private volatile boolean running = true;
        private final Thread sampler;
        private final NotificationListener listener;
        private final Set<String> heapPools;

        private HeapWatch() {
            var mem = ManagementFactory.getMemoryMXBean();
            heapPools = new java.util.HashSet<>();
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
            }
            listener = (n, handback) -> {
                if (!active || !n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long before = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) before += e.getValue().getUsed();
                }
                peak.accumulateAndGet(before, Math::max);
                gcs.incrementAndGet();
            };
            sampler = new Thread(() -> {
                while (running) {
                    if (active) peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            System.gc();
            HeapWatch w = new HeapWatch();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) e.addNotificationListener(w.listener, null, null);
            }
            w.sampler.start();
            return w;
        }

        void during(Work work) throws IOException {
            active = true;
            try {
                work.run();
            } finally {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                active = false;
            }
        }

        long peak() { return peak.get(); }

        int gcs() { return gcs.get(); }

        void stop() {
            running = false;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    if (gc instanceof NotificationEmitter e) e.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never added to this one
                }
            }
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
