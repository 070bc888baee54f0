package esp32ota.cli;

import esp32ota.samples.Samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./kit samples [--out DIR]}: regenerates the sample binaries (default folder {@code sample-images}). */
final class SamplesCommand implements Command {
    @Override public String name() { return "samples"; }

    @Override public String summary() { return "regenerate sample-images/ (same bytes every run)"; }

    @Override public String usage() {
        return """
                usage: ./kit samples [--out DIR]
                       ./kit samples --corpus DIR --count N [--seed S]

                  Writes every sample family (partition tables: CSV + binary; app images: blink 1.0.0/1.1.0/2.0.0,
                  one app per chip, broken variants) and README.md under DIR (default: the kit's sample-images).
                  --corpus DIR writes N synthetic firmware files instead (apps of every chip, 64 KiB-4 MiB, broken
                  images, bootloaders, merged images, tables, otadata, encrypted and junk files; same seed, same
                  bytes; default seed 1) into DIR, which must be new or empty.
                """;
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("--out", "--corpus", "--count", "--seed")).atMostPositionals(0);
        if (args.option("--corpus").isPresent()) return corpus(args, console);
        String kitRoot = console.env().get("KIT_ROOT");             // set by ./kit to the repository root
        Path defaultRoot = kitRoot != null ? Path.of(kitRoot).resolve("sample-images") : console.path("sample-images");
        Path root = args.option("--out").map(console::path).orElse(defaultRoot);
        List<Path> written = Samples.regenerate(root);
        for (Path p : written) console.out().println(root.relativize(p));
        console.out().println(written.size() + " files written under " + root);
        return 0;
    }

    private static int corpus(Args args, Console console) throws java.io.IOException {
        Path dir = console.path(args.option("--corpus").get());
        int count = parseCount(args.option("--count").orElseThrow(() -> new CliException("--corpus needs --count N")));
        long seed = args.number("--seed", 1, Long.MAX_VALUE);
        if (java.nio.file.Files.exists(dir) && (!java.nio.file.Files.isDirectory(dir)
                || java.nio.file.Files.list(dir).findAny().isPresent())) {
            throw new CliException("refusing to write into " + dir + ": it exists and is not an empty folder");
        }
        List<Path> written = esp32ota.analysis.SyntheticCorpus.write(dir, count, seed);
        long bytes = 0;
        for (Path p : written) bytes += java.nio.file.Files.size(p);
        console.out().printf("%d files, %.1f MB written under %s (seed %d)%n", written.size(), bytes / 1e6, dir, seed);
        return 0;
    }

    private static int parseCount(String text) {
        int n = (int) Args.number("--count", text, 1_000_000, false);
        if (n < 1) throw new CliException("--count: '" + text + "' is not a positive whole number");
        return n;
    }
}
