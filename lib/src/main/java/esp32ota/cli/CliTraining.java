package esp32ota.cli;

import esp32ota.samples.FlashDumpSamples;
import esp32ota.samples.ImageSamples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run for the CLI's class-data archive: {@code ./kit} runs this once after each build with
 * {@code -XX:ArchiveClassesAtExit}, so that the classes these command lines load come mapped from the archive in
 * later runs. It runs the short commands on the samples in a temporary folder (their output discarded), the way
 * people call them; what it runs decides only speed, never what a command does.
 */
final class CliTraining {
    private CliTraining() {}

    public static void main(String[] argv) throws IOException {
        Path dir = Files.createTempDirectory("kit-cds-training");
        try {
            var silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            var console = new Console(silent, silent, Map.of(), dir);
            int failed = 0;
            for (List<String> line : lines(dir)) {
                if (Main.run(line, console) != 0) failed++;
            }
            if (failed > 0) System.err.println("cds training: " + failed + " command lines failed");
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** The command lines: every short command's text and JSON forms, on samples written into {@code dir}. */
    static List<List<String>> lines(Path dir) throws IOException {
        Files.write(dir.resolve("app-1m.bin"), ImageSamples.blinkOfSize("1.0.0", 0, 0x100000).toByteArray());
        var lines = new ArrayList<List<String>>();
        lines.add(List.of("samples", "--out", "s"));
        lines.add(List.of("--help"));
        for (String c : Main.NAMES) lines.add(List.of(c, "--help"));
        for (String format : List.of("text", "json", "esptool")) {
            lines.add(List.of("image-info", "app-1m.bin", "--format", format));
            lines.add(List.of("image-info", "s/images/broken/blink-1.0.0-bad-hash.bin", "--format", format));
        }
        for (String json : List.of("", "--json")) {
            lines.add(args("partition", "s/partition-tables/two_ota.csv", json));
            lines.add(args("partition", "s/partition-tables/two_ota.bin", json));
            lines.add(args("otadata", "s/otadata/3-ota_1-pending-verify.bin", json));
            lines.add(args("boot", "--flash", "s/" + FlashDumpSamples.BEFORE_REBOOT, json));
            lines.add(args("diff", "s/images/blink/blink-1.0.0-esp32.bin", "s/images/blink/blink-2.0.0-esp32.bin", json));
        }
        return lines;
    }

    private static List<String> args(String... words) {
        return java.util.Arrays.stream(words).filter(w -> !w.isEmpty()).toList();
    }
}
