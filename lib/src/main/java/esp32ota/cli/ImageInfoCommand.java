package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.describe.EsptoolReport;
import esp32ota.describe.ImageJson;
import esp32ota.describe.TeachingReport;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;
import esp32ota.image.Verdict;

import java.util.List;
import java.util.Set;

/** {@code ./kit image-info FILE [--format text|esptool|json] [--chip image|NAME] [--partition-size N]}. */
final class ImageInfoCommand implements Command {
    @Override public String name() { return "image-info"; }

    @Override public String summary() { return "decode an app image; --format esptool reproduces esptool v4.12.0"; }

    @Override public String usage() {
        return """
                usage: ./kit image-info FILE [--format text|esptool|json] [--chip image|NAME] [--partition-size N]

                  --format text     a teaching report: header, segments (file offset, load address, memory type),
                                    checksum and hash worked out, app descriptor, and the bootloader's verdict (default)
                  --format esptool  exactly what `esptool.py image_info --version 2 FILE` (v4.12.0) prints after its
                                    banner, with its exit status; where esptool crashes, a one-line error and exit 2
                  --format json     every decoded field and the verdict
                  --chip NAME       judge the image for this chip (esp32, esp32c3, ...); default `image`: the chip
                                    the header names
                  --partition-size N  size of the partition it must fit (0x100000, 1M, 1024K, 1048576)
                """;
    }

    @Override public int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--format", "--chip", "--partition-size")).atMostPositionals(1);
        Bytes file = Bytes.of(OutputFile.read(console.path(args.positional(0, "image FILE"))));
        String format = args.option("--format").orElse("text");
        Target target = target(args);
        switch (format) {
            case "esptool" -> {
                EsptoolReport.Result r = EsptoolReport.render(file);
                console.out().print(r.text());
                console.out().flush();
                r.kitError().ifPresent(e -> console.err().println("esptool would crash here; kit: " + e));
                return r.exitStatus();
            }
            case "text", "json" -> {
                notAnImage(args.positional(0, "image FILE"), file);
                AppImage img;
                try {
                    img = AppImage.decode(file);
                } catch (esp32ota.bytes.DecodeException e) {
                    throw new CliException("not a decodable app image: " + e.getMessage());
                }
                Verdict verdict = ImageVerifier.verify(img, target);
                console.out().print(format.equals("json") ? JsonOutput.print(ImageJson.of(img, verdict)) : TeachingReport.render(img, verdict));
                return 0;
            }
            default -> throw new CliException("unknown --format '" + format + "' (text, esptool or json)");
        }
    }

    /** A merged image, a table or otadata is not an app image: say what it is and point at {@code scan}. */
    private static void notAnImage(String name, Bytes file) {
        if (esp32ota.analysis.Identification.imageAtStart(file)) return;   // an image kind: no second decode
        var id = esp32ota.analysis.Identification.of(file, java.util.Optional.empty());
        switch (id.kind()) {
            case FLASH_DUMP, PARTITION_TABLE, OTADATA, ENCRYPTED -> throw new CliException(
                    "%s is a %s, not an app image%s; ./kit scan %s shows what it holds".formatted(name, id.kind(),
                            id.note() == null ? "" : " (" + id.note() + ")", name));
            default -> { }
        }
    }

    private static Target target(Args args) {
        Target t = Target.any();
        String chip = args.option("--chip").orElse("image");
        if (!chip.equals("image")) {
            t = t.withChip(Chip.fromName(chip).orElseThrow(() -> new CliException("unknown chip '" + chip
                    + "' (esp32, esp32s2, esp32s3, esp32c2, esp32c3, esp32c5, esp32c6, esp32c61, esp32h2, esp32p4, ...)")));
        }
        if (args.option("--partition-size").isPresent()) t = t.withPartitionSize(size(args.option("--partition-size").get()));
        return t;
    }

    /** {@code 0x100000}, {@code 1048576}, {@code 1024K}, {@code 1M} ({@link Args#number}). */
    static long size(String text) { return Args.number("--partition-size", text, 0xFFFF_FFFFL, true); }
}
