package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.OtaRunJson;
import esp32ota.describe.ToolErrors;
import esp32ota.examples.OtaRun;
import esp32ota.flash.FlashDump;
import esp32ota.flash.FlashDumpException;
import esp32ota.http.Fault;
import esp32ota.http.LinkModel;
import esp32ota.image.AppImage;
import esp32ota.partition.PartitionTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./kit ota run --from IMG --to IMG …}: builds a virtual ESP32 with the old app in ota_0, serves the new image
 * on 127.0.0.1 and follows the device through the update and its reboots ({@link OtaRun}); prints the device's
 * console, or its events with {@code --json}. Exit 0 whenever the device behaved as a device would, a refused or
 * failed update included.
 */
final class OtaRunCommand {
    static final String DEFAULT_TABLE = "sample-images/partition-tables/no_factory_two_ota.csv";

    String usage() {
        return """
                usage: ./kit ota run --from IMG --to IMG [--table T] [--api native|https|https-advanced] [--https]
                                     [--rollback] [--fault SPEC] [--link lan|internet|slow|instant]
                                     [--save DUMP] [--json]

                  A whole OTA on a virtual ESP32: --from is flashed to ota_0 (otadata erased), --to is served on
                  127.0.0.1 (a real socket); the device boots, its OTA example downloads and installs the image,
                  restarts, and the new app boots (with --rollback: self-test, confirm or roll back) until an app
                  stays up. Prints the device's console and one summary line; exit 0 also when the update is refused.
                  --table T    partition table CSV or binary (default %s)
                  --api        native (native_ota_example, default), https (simple_ota_example: esp_https_ota),
                               https-advanced (advanced_https_ota_example)
                  --https      serve over HTTPS with a certificate made now; the app has it as cert_pem
                  --rollback   CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE
                  --fault SPEC cut:N, html, stall:N:MS, reset:N, length:+N, status:CODE, norange (see ota serve)
                  --link       the network's speed on the device's clock (default lan: 1 MB/s)
                  --save DUMP  write the whole flash as the run left it (a 2-16 MiB dump for ./kit boot --flash)
                  --json       the outcome, boots, requests and every device event instead of the console
                """.formatted(DEFAULT_TABLE);
    }

    int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--https", "--rollback", "--json"),
                Set.of("--from", "--to", "--table", "--api", "--fault", "--save", "--link")).atMostPositionals(0);
        Path fromPath = console.path(args.option("--from").orElseThrow(() -> new CliException(
                "missing --from IMG (the app the device runs before the update)")));
        Path toPath = console.path(args.option("--to").orElseThrow(() -> new CliException(
                "missing --to IMG (the image the server sends)")));
        OtaRun.Api api = args.option("--api").map(a -> OtaRun.Api.parse(a).orElseThrow(() -> new CliException(
                "bad --api '" + a + "' (expected native, https or https-advanced)"))).orElse(OtaRun.Api.NATIVE);
        Optional<Fault> fault = args.option("--fault").map(OtaServeCommand::fault);
        LinkModel link = args.option("--link").map(l -> LinkModel.named(l).orElseThrow(() -> new CliException(
                "bad --link '" + l + "' (expected lan, internet, slow or instant)"))).orElse(LinkModel.LAN);
        Bytes from = image(fromPath, "--from", true);
        Bytes to = image(toPath, "--to", false);
        PartitionTable table = FlashInputs.table(tablePath(args, console), PartitionTable.DEFAULT_ADDRESS, console);
        Optional<Path> save = args.option("--save").map(console::path);
        if (save.isPresent()) {
            OutputFile.refuseToOverwrite(fromPath, save.get());
            OutputFile.refuseToOverwrite(toPath, save.get());
            if (Files.isDirectory(save.get())) throw new CliException("cannot write " + save.get() + ": it is a folder");
        }
        OtaRun.Options options = OtaRun.Options.of(from, to, table).withApi(api).withHttps(args.flag("--https"))
                .withRollback(args.flag("--rollback")).withFault(fault).withLink(link);
        OtaRun.Report report;
        try {
            report = OtaRun.run(options);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (save.isPresent()) {
            try {
                FlashDump.save(report.device().flash(), save.get());
            } catch (FlashDumpException e) {
                throw new CliException(e.getMessage());
            }
        }
        if (args.flag("--json")) {
            console.out().print(JsonOutput.print(OtaRunJson.report(report)));
        } else {
            report.consoleLines().forEach(console.out()::println);
            console.out().println();
            console.out().println(summary(report));
            save.ifPresent(p -> console.out().println("wrote " + p + " (the whole flash after the run)"));
        }
        return 0;
    }

    static String summary(OtaRun.Report r) {
        String running = r.finalSlot().map(s -> s + " runs " + r.finalVersion().map(v -> "version " + v)
                .orElse("an app without description")).orElse("no app runs");
        long served = r.requests().stream().mapToLong(q -> q.bytesSent()).sum();
        return "outcome: %s (%s; %d boot%s%s, %d request%s, %d bytes served, %.3f s on the device's clock)".formatted(
                r.outcome(), running, r.boots().size(), r.boots().size() == 1 ? "" : "s",
                r.settled() ? "" : ", not settled", r.requests().size(), r.requests().size() == 1 ? "" : "s",
                served, r.device().flash().clock().nowMicros() / 1e6);
    }

    private static Path tablePath(Args args, Console console) {
        if (args.option("--table").isPresent()) return console.path(args.option("--table").get());
        String kitRoot = console.env().get("KIT_ROOT");
        return kitRoot != null ? Path.of(kitRoot).resolve(DEFAULT_TABLE) : console.path(DEFAULT_TABLE);
    }

    /** A file's bytes; the old app must be an app image with a description (the device picks its behaviour by it). */
    private static Bytes image(Path path, String option, boolean mustBeApp) {
        if (Files.isDirectory(path)) throw new CliException(option + ": " + path + " is a folder, not an image file");
        Bytes b = Bytes.of(OutputFile.read(path));
        if (b.isEmpty()) throw new CliException(option + ": " + path + " is empty");
        if (!mustBeApp) return b;
        try {
            if (AppImage.decode(b).appDescriptor().isEmpty()) {
                throw new CliException(option + ": " + path + " has no esp_app_desc_t (not an app image)");
            }
        } catch (DecodeException e) {
            throw new CliException(option + ": " + path + ": " + ToolErrors.message(e));
        }
        return b;
    }
}
