package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code ./kit bench MODE …}: benchmarks that print their figures next to a reference measured in the same run.
 * Modes are a map, so new ones are one line; an unknown mode is a usage error.
 */
final class BenchCommand implements Command {
    private static final Map<String, BiFunction<List<String>, Console, Integer>> MODES = new java.util.TreeMap<>(Map.of(
            "images", BenchCommand::images, "ota", OtaBench::run, "scan", ScanBench::run, "serial", SerialBench::run));

    @Override public String name() { return "bench"; }

    @Override public String summary() {
        return "benchmarks: images DIR (verify MB/s vs JDK SHA-256 MB/s), ota (power-cut sweep, HTTP OTA), scan DIR (scan MB/s, cores, heap), serial (1 MiB over TCP vs the wire)";
    }

    @Override public String usage() {
        return """
                usage: ./kit bench images DIR [--seconds N]
                       ./kit bench ota [--size BYTES]
                       ./kit bench scan DIR [--threads N] [--kernel-flags]
                       ./kit bench serial [--runs N] [--bytes N]

                  images DIR   verifies every *.bin in DIR (decode, checksum, SHA-256, bootloader checks) for
                               about N seconds (default 3) and prints MB/s next to single-thread JDK SHA-256 MB/s
                               over the same bytes, measured in the same run.
                  ota          the power-cut sweep of a 1 MiB update (every erase and page program, 3 tears each):
                               time and cut points/s (wall clock and CPU); then a 1 MiB OTA over the local HTTP
                               server into a virtual ESP32 (instant flash, no shaping): MB/s next to the plain
                               loopback copy from the same server, medians of 7 alternating runs. --size: image
                               bytes (0x10000..0x130000, default 0x100000).
                  scan DIR     scans DIR (./kit scan) with one thread and with N (default: all cores), next to JDK
                               SHA-256 over the same files (read the same way) in the same run; the heap over the
                               scans only: peak used (garbage included) and live at a full GC half-way.
                               --kernel-flags: the same in a child JVM with the notebook kernel's flags (C1 only,
                               serial GC).
                               A corpus to scan: ./kit samples --corpus DIR --count 500
                  serial       the kit's ROM-only client writes 1 MiB to a virtual ESP32 over TCP (no baud
                               emulation): throughput as a multiple of the 921600-baud wire, with esptool-js
                               0.7.0's time for the same write next to it (./kit bench serial installs it).
                """;
    }

    @Override public int run(List<String> argv, Console console) {
        if (argv.isEmpty() || !MODES.containsKey(argv.get(0))) {
            throw new CliException("usage: ./kit bench <" + String.join(" | ", MODES.keySet()) + "> ... (unknown mode "
                    + (argv.isEmpty() ? "missing" : "'" + argv.get(0) + "'") + ")");
        }
        return MODES.get(argv.get(0)).apply(argv.subList(1, argv.size()), console);
    }

    private static int images(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--seconds")).atMostPositionals(1);
        Path dir = console.path(args.positional(0, "folder DIR"));
        double seconds = Args.decimal("--seconds", args.option("--seconds").orElse("3"), 0.01, 3600);
        List<Bytes> files = load(dir);
        long total = files.stream().mapToLong(Bytes::size).sum();
        console.out().printf("%d images, %.1f MiB in %s%n", files.size(), total / 1048576.0, dir);
        int[] bootable = {0};
        double verify = rate(files, seconds, f -> bootable[0] += ImageVerifier.verify(f, Target.any()).bootable() ? 1 : 0);
        MessageDigest sha = sha256();
        double hash = rate(files, seconds, f -> {
            f.updateDigest(sha);
            sha.digest();
        });
        console.out().printf("verify (decode + checksum + SHA-256 + checks): %8.1f MB/s%n", verify);
        console.out().printf("JDK SHA-256, one thread, same bytes:           %8.1f MB/s%n", hash);
        console.out().printf("ratio: %.0f %% of SHA-256 (target >= 70 %% on 1 MiB images)%n", 100 * verify / hash);
        return 0;
    }

    /** MB/s (10^6 bytes) of {@code work} over all files, after a warm-up of a third of the time. */
    private static double rate(List<Bytes> files, double seconds, java.util.function.Consumer<Bytes> work) {
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) files.forEach(work);
        long bytes = 0, start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (Bytes f : files) {
                work.accept(f);
                bytes += f.size();
            }
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static List<Bytes> load(Path dir) {
        if (!Files.isDirectory(dir)) throw new CliException("bench images: " + dir + " is not a folder");
        try (Stream<Path> s = Files.walk(dir)) {
            List<Bytes> files = s.filter(p -> p.toString().endsWith(".bin")).sorted()
                    .map(p -> Bytes.of(OutputFile.read(p))).toList();
            if (files.isEmpty()) throw new CliException("bench images: no *.bin files in " + dir);
            return files;
        } catch (IOException e) {
            throw new CliException("bench images: cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
