package esp32ota.cli;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.BootOutcome;
import esp32ota.boot.Bootloader;
import esp32ota.boot.BootloaderView;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.describe.OtaJson;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ./kit boot}: what the 2nd-stage bootloader does with this table and otadata. */
public final class BootCommand implements Command {
    @Override public String name() { return "boot"; }

    @Override public String summary() { return "the bootloader's choice of app: rules, try order, otadata writes, logs"; }

    @Override public String usage() {
        return """
                usage: ./kit boot --table T.csv|T.bin --otadata O.bin [options] [--json] [-o AFTER.bin]
                       ./kit boot --flash dump.bin [--table-offset 0x8000] [options] [--json] [-o AFTER.bin]

                Runs ESP-IDF's 2nd-stage bootloader selection (bootloader_utility.c) on a partition table and an
                otadata image: which copy is active, where the load loop starts, the order partitions are tried,
                what boots, every otadata rewrite and the log lines (debug level included).

                options:
                """ + BootOptions.USAGE + """
                  --json                      the vectors' keys (active_otadata, start_index, start_partition,
                                              try_order, booted_if_all_images_valid, ota_has_initial_contents,
                                              otadata_writes, otadata_after_sha256, logs_selection,
                                              logs_after_successful_load) plus booted and trail
                  -o AFTER.bin                write the otadata partition as the boot leaves it (the next boot's
                                              --otadata); never the input file
                """;
    }

    @Override public int run(List<String> argv, Console console) throws IOException {
        Set<String> flags = new HashSet<>(BootOptions.FLAGS);
        flags.add("--json");
        Set<String> options = new HashSet<>(BootOptions.OPTIONS);
        options.addAll(FlashInputs.OPTIONS);
        options.add("-o");
        Args args = Args.parse(argv, flags, options).atMostPositionals(0);
        FlashInputs in = FlashInputs.read(args, console, true);
        Path output = args.option("-o").map(console::path).orElse(null);
        if (output != null) {
            if (in.otadata().isEmpty()) throw new CliException("-o: the table has no otadata partition to write");
            OutputFile.refuseToOverwrite(in.otadataSource(), output);
            Optional<String> table = args.option("--table");
            if (table.isPresent()) OutputFile.refuseToOverwrite(console.path(table.get()), output);
        }
        BootConfig config = BootOptions.config(args, in.table());
        OtaData od = in.otadataOrErased();
        BootDecision d = Bootloader.decide(in.table(), od, config);
        BootDecision allLoad = Bootloader.decide(in.table(), od, config.withUnbootable(Set.of()));
        if (output != null) OutputFile.write(output, d.otadataAfter().encode().toByteArray());   // before any report
        if (args.flag("--json")) console.out().print(JsonOutput.print(OtaJson.decision(d, allLoad.booted())));
        else report(console.out(), in, config, d);
        if (output != null && !args.flag("--json")) console.out().printf("%nwrote %s (otadata after this boot)%n", output);
        return 0;
    }

    private static void report(PrintStream out, FlashInputs in, BootConfig config, BootDecision d) {
        BootloaderView v = BootloaderView.of(in.table());
        out.printf("Partition table at 0x%x: the bootloader sees app_count = %d%s, %s, %s, %s%n", in.table().address(),
                v.appCount(), v.ota().isEmpty() ? "" : " " + v.ota().keySet().stream().map(n -> "ota_" + n).toList(),
                v.factory().map(p -> "factory at 0x%x".formatted(p.offset())).orElse("no factory app"),
                v.test().map(p -> "test app at 0x%x".formatted(p.offset())).orElse("no test app"),
                v.otadata().map(p -> "otadata at 0x%x".formatted(p.offset())).orElse("no otadata partition"));
        out.printf("Configuration: rollback %s, anti-rollback %s, %s%n", config.rollback() ? "enabled" : "disabled",
                config.antiRollback().map(a -> "on (eFuse %d, %d bits, apps %s)".formatted(a.efuseSecureVersion(),
                        a.efuseFieldBits(), a.secureVersions())).orElse("off"),
                config.unbootable().isEmpty() ? "every image loads" : "images that fail to load: " + config.unbootable());
        out.println();
        out.println("What the bootloader did:");
        for (int i = 0; i < d.trail().size(); i++) out.printf("  %2d. %s%n", i + 1, d.trail().get(i));
        out.println();
        out.printf("Start index: %d%s%n", d.startIndex().orElse(Bootloader.INVALID_INDEX), d.startPartition().map(s -> " (" + s + ")").orElse(""));
        out.println("Try order:   " + (d.tryOrder().isEmpty() ? "-" : String.join(", ",
                d.tryOrder().stream().map(AppSlot::name).toList())));
        out.println("Booted:      " + outcome(d.outcome()));
        out.println();
        if (d.writes().isEmpty()) out.println("otadata writes: none");
        else out.println("otadata writes:");
        for (OtadataWrite w : d.writes()) {
            out.printf("  sector %d: %-48s %s%n", w.sector(), w.reason(), OtaSelectEntryDescriber.written(w.entry()));
        }
        out.println("otadata after: sha256 " + d.otadataAfter().encode().sha256().hex());
        d.antiRollbackAfter().ifPresent(a -> out.println("eFuse secure version after: " + a.efuseSecureVersion()));
        out.println();
        out.println("Bootloader log (selection, then load):");
        for (LogLine l : d.selectionLogs()) out.println("  " + l);
        if (!d.loadLogs().isEmpty()) out.println("  --");
        for (LogLine l : d.loadLogs()) out.println("  " + l);
    }

    private static String outcome(BootOutcome o) {
        if (o instanceof BootOutcome.Booted b) {
            PartitionEntry p = b.partition();
            return "%s (partition '%s' at 0x%x, 0x%x bytes)".formatted(b.slot(), p.name(), p.offset(), p.size());
        }
        if (o instanceof BootOutcome.SelectionFailed f) return "nothing: " + f.reason() + "; the bootloader resets";
        return "nothing: no partition could be loaded; the bootloader resets";
    }
}
