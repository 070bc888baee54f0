package esp32ota.cli;

import esp32ota.analysis.ImageDiff;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.ImageDiffJson;

import java.util.List;
import java.util.Set;

/** {@code ./kit diff A.bin B.bin [--json]}: two app images side by side. */
final class DiffCommand implements Command {
    @Override public String name() { return "diff"; }

    @Override public String summary() { return "two app images side by side: fields, segments, 4 KiB blocks that differ"; }

    @Override public String usage() {
        return """
                usage: ./kit diff A.bin B.bin [--json]

                  Descriptor and header fields that changed, segments matched by load address (size and SHA-256 of
                  their data: same, changed, added, removed), and the share of 4 KiB flash blocks that differ (what a
                  block-wise delta update would send). --json prints the same for scripts.
                """;
    }

    @Override public int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of("--json"), Set.of()).atMostPositionals(2);
        String nameA = args.positional(0, "image A.bin"), nameB = args.positional(1, "image B.bin");
        Bytes a = Bytes.of(OutputFile.read(console.path(nameA))), b = Bytes.of(OutputFile.read(console.path(nameB)));
        ImageDiff d;
        try {
            d = ImageDiff.of(a, b);
        } catch (DecodeException e) {
            String which = decodes(a) ? nameB : nameA;
            throw new CliException("%s is not a decodable app image: %s (./kit scan %s says what it is)"
                    .formatted(which, e.getMessage(), which));
        }
        console.out().print(args.flag("--json") ? JsonOutput.print(ImageDiffJson.of(d)) : d.text());
        return 0;
    }

    private static boolean decodes(Bytes file) {
        try {
            esp32ota.image.AppImage.decode(file);
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }
}
