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

                  Writes every sample family (partition tables: CSV + binary; app images: blink 1.0.0/1.1.0/2.0.0,
                  one app per chip, broken variants) and README.md under DIR (default: the kit's sample-images).
                """;
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("--out")).atMostPositionals(0);
        String kitRoot = console.env().get("KIT_ROOT");             // set by ./kit to the repository root
        Path defaultRoot = kitRoot != null ? Path.of(kitRoot).resolve("sample-images") : console.path("sample-images");
        Path root = args.option("--out").map(console::path).orElse(defaultRoot);
        List<Path> written = Samples.regenerate(root);
        for (Path p : written) console.out().println(root.relativize(p));
        console.out().println(written.size() + " files written under " + root);
        return 0;
    }
}
