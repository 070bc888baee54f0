package esp32ota.cli;

import esp32ota.samples.ImageSamples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./kit bench cli}: the command line's start as whole processes, side by side in one run, on a 1 MiB app
 * image: a JVM "hello" (the floor), {@code ./kit image-info}, the same through {@code java} without the kit script
 * (with the kit's flags, and with none), and esptool v4.12.0's {@code image_info} when {@code --esptool DIR} names a
 * checkout. The runs take turns (one of each per round), so a busy machine slows all of them alike; medians, p90
 * and the ratios to esptool, with the load average before and after.
 */
final class CliBench {
    private CliBench() {}

    /** The JVM "hello": a class that prints one line, started with the same flags as the kit's commands. */
    static final class Hello {
        private Hello() {}

        public static void main(String[] argv) { System.out.println("hello"); }
    }

    static int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--runs", "--esptool")).atMostPositionals(0);
        int runs = (int) Args.number("--runs", args.option("--runs").orElse("20"), 1000, false);
        if (runs < 1) throw new CliException("bench cli: --runs must be at least 1");
        String root = console.env().get("KIT_ROOT");
        if (root == null) throw new CliException("bench cli: run it as ./kit bench cli (it times the kit script)");
        Path kit = Path.of(root, "kit"), jar = Path.of(root, "lib", "target", "esp32ota-lib.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> flags = flags(console.env().getOrDefault("KIT_JVM_FLAGS", ""));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kit-bench-cli");
            Path image = dir.resolve("app-1m.bin");
            Files.write(image, ImageSamples.blinkOfSize("1.0.0", 0, 0x100000).toByteArray());
            Map<String, List<String>> lines = new LinkedHashMap<>();
            lines.put("JVM hello (kit flags)", concat(List.of(java), flags, List.of("-cp", jar.toString(),
                    Hello.class.getName())));
            lines.put("./kit image-info", List.of(kit.toString(), "image-info", image.toString()));
            lines.put("java -jar (kit flags)", concat(List.of(java), flags, List.of("-jar", jar.toString(),
                    "image-info", image.toString())));
            lines.put("java -jar (no flags)", List.of(java, "-Djava.awt.headless=true", "-jar", jar.toString(),
                    "image-info", image.toString()));
            if (args.option("--esptool").isPresent()) {
                Path esptool = console.path(args.option("--esptool").get());
                if (!Files.isRegularFile(esptool.resolve("esptool.py"))) {
                    throw new CliException("bench cli: " + esptool + " is no esptool checkout (no esptool.py in it)");
                }
                lines.put("esptool v4.12.0 image_info", List.of("/usr/bin/python3", esptool.resolve("esptool.py")
                        .toString(), "image_info", "--version", "2", image.toString()));
            }
            check(lines, dir);
            String loadBefore = loadAverage();
            Map<String, long[]> nanos = new LinkedHashMap<>();
            for (String name : lines.keySet()) nanos.put(name, new long[runs]);
            for (int i = 0; i < runs; i++) {
                for (var e : lines.entrySet()) nanos.get(e.getKey())[i] = time(e.getValue(), dir);
            }
            print(console, nanos, runs, loadBefore, loadAverage());
        } catch (IOException e) {
            throw new CliException("bench cli: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("bench cli: interrupted");
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
        return 0;
    }

    /** The kit's flags, one per line (the kit passes them in KIT_JVM_FLAGS). */
    static List<String> flags(String text) {
        return Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) all.addAll(p);
        return all;
    }

    /** Each command line once: exit status 0 and output; the image-info lines must print the same report. */
    private static void check(Map<String, List<String>> lines, Path dir) throws IOException, InterruptedException {
        String report = null;
        for (var e : lines.entrySet()) {
            Process p = builder(e.getValue(), dir).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            if (status != 0 || out.isEmpty()) {
                throw new CliException("bench cli: '%s' exited with %d: %s".formatted(e.getKey(), status,
                        out.lines().limit(5).reduce((a, b) -> a + " / " + b).orElse("no output")));
            }
            if (e.getKey().contains("image-info") || e.getKey().startsWith("java -jar")) {
                if (report != null && !report.equals(out)) {
                    throw new CliException("bench cli: '" + e.getKey() + "' printed another report");
                }
                report = out;
            }
        }
    }

    private static ProcessBuilder builder(List<String> line, Path dir) {
        return new ProcessBuilder(line).directory(dir.toFile());
    }

    /** Nanoseconds from start to exit of one process, its output discarded. */
    private static long time(List<String> line, Path dir) throws IOException, InterruptedException {
        var b = builder(line, dir).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        int status = b.start().waitFor();
        long ns = System.nanoTime() - start;
        if (status != 0) throw new CliException("bench cli: " + String.join(" ", line) + " exited with " + status);
        return ns;
    }

    private static void print(Console console, Map<String, long[]> nanos, int runs, String before, String after) {
        var out = console.out();
        out.printf("whole processes on a 1 MiB app image, %d runs each, taking turns; load average %s before, %s after%n",
                runs, before, after);
        out.printf("%-28s %9s %9s %12s%n", "", "median", "p90", "vs esptool");
        long[] esptool = nanos.entrySet().stream().filter(e -> e.getKey().startsWith("esptool"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        double reference = esptool == null ? Double.NaN : quantile(esptool, 0.5);
        for (var e : nanos.entrySet()) {
            double median = quantile(e.getValue(), 0.5), p90 = quantile(e.getValue(), 0.9);
            out.printf("%-28s %7.1f ms %6.1f ms %12s%n", e.getKey(), median / 1e6, p90 / 1e6,
                    esptool == null ? "" : "%.2f x".formatted(median / reference));
        }
        double kit = quantile(nanos.get("./kit image-info"), 0.5);
        double hello = quantile(nanos.get("JVM hello (kit flags)"), 0.5);
        out.printf("./kit image-info above the JVM hello: %.1f ms (median)%n", (kit - hello) / 1e6);
        if (esptool != null) {
            out.printf("target: ./kit image-info <= esptool: %s (%.2f x)%n", kit <= reference ? "met" : "not met",
                    kit / reference);
        }
    }

    /** The {@code q} quantile (nearest rank) of {@code values}. */
    static double quantile(long[] values, double q) {
        long[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    /** The 1, 5 and 15 minute load averages, or "?" where /proc is not there. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail the bench
        }
    }
}
