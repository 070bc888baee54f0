package esp32ota.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootloaderView;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.HexDump;
import esp32ota.describe.OtaJson;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.ota.OtaCall;
import esp32ota.ota.OtaOps;
import esp32ota.ota.OtaRollback;
import esp32ota.ota.SetBootAlgorithm;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./kit otadata}: decode and explain both otadata copies, or write the otadata that {@code set-boot},
 * {@code mark-valid} or {@code mark-invalid} (the esp_ota_* functions) would leave behind.
 */
public final class OtadataCommand implements Command {
    private static final List<String> ACTIONS = List.of("set-boot", "mark-valid", "mark-invalid");

    @Override public String name() { return "otadata"; }

    @Override public String summary() { return "decode otadata; write what esp_ota_set_boot_partition / mark_* would"; }

    @Override public String usage() {
        return """
                usage: ./kit otadata OTADATA.bin [--table T.csv|T.bin] [--json]
                       ./kit otadata --flash dump.bin [--table-offset 0x8000] [--json]
                       ./kit otadata set-boot ota_N --table T.csv|T.bin --otadata O.bin -o NEW.bin [--legacy] [options]
                       ./kit otadata mark-valid --table T.csv|T.bin --otadata O.bin -o NEW.bin [--running ota_N] [options]
                       ./kit otadata mark-invalid --table T.csv|T.bin --otadata O.bin -o NEW.bin [options]

                Decoding shows both copies (copy 0 at 0x0, copy 1 at 0x1000): fields, CRC check, select_invalid /
                select_valid and, with a table, the slot each copy selects. --json prints the vectors' entries[] keys.

                set-boot, mark-valid and mark-invalid run esp_ota_set_boot_partition,
                esp_ota_mark_app_valid_cancel_rollback and esp_ota_mark_app_invalid_rollback and write the
                resulting otadata partition image to NEW.bin (--flash works too; NEW.bin is then the otadata
                partition only). When the real function would fail, nothing is written (exit 2).
                  --legacy                    esp_ota_set_boot_partition of ESP-IDF v4.x-v5.5 (default: v6.0+)
                  --running ota_N             the running app, whose secure_version mark-valid burns
                                              (default: esp_ota_get_boot_partition)
                """ + BootOptions.USAGE;
    }

    @Override public int run(List<String> argv, Console console) throws IOException {
        if (!argv.isEmpty() && ACTIONS.contains(argv.get(0))) {
            return runAction(argv.get(0), argv.subList(1, argv.size()), console);
        }
        Args args = Args.parse(argv, Set.of("--json"), Set.of("--table", "--flash", "--table-offset"))
                .atMostPositionals(1);
        OtaData od;
        Optional<PartitionTable> table;
        String source;
        if (args.option("--flash").isPresent()) {
            if (!args.positionals().isEmpty()) throw new CliException("give either OTADATA.bin or --flash, not both");
            FlashInputs in = FlashInputs.read(args, console, false);
            od = in.otadata().orElseThrow(() -> new CliException("the table in the dump has no otadata partition"));
            table = Optional.of(in.table());
            source = in.otadataSource().toString();
        } else {
            Path path = console.path(args.positional(0, "OTADATA.bin"));
            long offset = args.option("--table-offset").map(v -> FlashInputs.number("--table-offset", v))
                    .orElse(PartitionTable.DEFAULT_ADDRESS);
            table = args.option("--table").map(t -> FlashInputs.table(console.path(t), offset, console));
            long address = table.flatMap(t -> FlashInputs.otadataPartition(t, false)).map(PartitionEntry::offset)
                    .orElse(0L);
            od = FlashInputs.otadata(path, address);
            source = path.toString();
        }
        Optional<Integer> appCount = table.map(t -> BootloaderView.of(t).appCount());
        if (args.flag("--json")) console.out().print(JsonOutput.print(json(source, od, appCount)));
        else explain(console.out(), source, od, appCount);
        return 0;
    }

    private static JsonObject json(String source, OtaData od, Optional<Integer> appCount) {
        JsonObject o = new JsonObject();
        o.addProperty("file", source);
        o.addProperty("file_size", od.size());
        o.addProperty("address", "0x%x".formatted(od.address()));
        JsonArray entries = new JsonArray();
        for (int i = 0; i < OtaData.COPIES; i++) {
            entries.add(OtaJson.entry(i, od.copy(i), (long) i * OtaData.SECTOR_SIZE, appCount));
        }
        o.add("entries", entries);
        o.addProperty("active_otadata", od.activeCopy().orElse(-1));       // the vectors' -1 for none
        o.add("bootloader_app_count", appCount.<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
        o.add("notes", OtaJson.strings(od.validate()));
        return o;
    }

    private static void explain(PrintStream out, String source, OtaData od, Optional<Integer> appCount) {
        out.printf("otadata %s: %d bytes; copy 0 at offset 0x0, copy 1 at offset 0x1000%s%n", source, od.size(),
                od.address() == 0 ? "" : " (flash 0x%x and 0x%x)".formatted(od.address(),
                        od.address() + OtaData.SECTOR_SIZE));
        od.validate().forEach(n -> out.println("note: " + n));
        HexDump dump = HexDump.of(od.encode(), od.address()).annotate(OtaData.fieldsOf(od.encode(), od.address()));
        for (int i = 0; i < OtaData.COPIES; i++) {
            out.printf("%ncopy %d (otadata[%d], sector %d)%n", i, i, i);
            int row = i * OtaData.SECTOR_SIZE / 16;
            dump.rows(row, row + 2).forEach(r -> out.println("  " + r));
            explainCopy(out, od.copy(i), appCount.filter(n -> n > 0));
        }
        out.println();
        out.println(activeCopy(od, appCount));
        out.println("Run ./kit boot for the bootloader's full decision (it may rewrite otadata first).");
    }

    private static void explainCopy(PrintStream out, OtaSelectEntry e, Optional<Integer> appCount) {
        OtaSelectEntryDescriber.fields(e, appCount).forEach(out::println);
    }

    private static String activeCopy(OtaData od, Optional<Integer> appCount) {
        Optional<Integer> chosen = od.activeCopy();
        if (chosen.isEmpty()) {
            return "Active copy: none. " + (od.copy(0).isSelectInvalid() && od.copy(1).isSelectInvalid()
                    ? "Both copies are blank or rejected: the bootloader defaults to factory (or ota_0 without one)."
                    : "A copy has a wrong CRC: the bootloader logs 'ota data partition invalid' and falls back.");
        }
        int active = chosen.get();
        String why = od.copy(0).isSelectValid() && od.copy(1).isSelectValid()
                ? "both are valid; the higher seq wins, copy 0 on a tie" : "the only valid copy";
        String slot = appCount.isEmpty() ? "; give --table to see the slot it selects" : appCount.get() == 0 ? ""
                : ": selects ota_%d (app_count %d)".formatted(od.copy(active).slot(appCount.get()), appCount.get());
        return "Active copy: %d (%s)%s".formatted(active, why, slot);
    }

    private int runAction(String action, List<String> argv, Console console) throws IOException {
        Set<String> flags = new HashSet<>(BootOptions.FLAGS);
        flags.add("--legacy");
        Set<String> options = new HashSet<>(BootOptions.OPTIONS);
        options.addAll(FlashInputs.OPTIONS);
        options.add("-o");
        options.add("--running");
        Args args = Args.parse(argv, flags, options).atMostPositionals(action.equals("set-boot") ? 1 : 0);
        if (!action.equals("set-boot") && args.flag("--legacy")) {
            throw new CliException("--legacy applies to set-boot only");
        }
        if (!action.equals("mark-valid") && args.option("--running").isPresent()) {
            throw new CliException("--running applies to mark-valid only");
        }
        Path output = console.path(args.option("-o").orElseThrow(() -> new CliException("missing -o NEW.bin")));
        FlashInputs in = FlashInputs.read(args, console, false);
        OutputFile.refuseToOverwrite(in.otadataSource(), output);
        args.option("--table").ifPresent(t -> refuse(console.path(t), output));
        PartitionTable table = in.table();
        BootConfig config = BootOptions.config(args, table);
        OtaData od = in.otadataOrErased();
        OtaCall<Void> call = switch (action) {
            case "set-boot" -> OtaOps.setBootPartition(table, od, BootOptions.slot("set-boot",
                    args.positional(0, "the partition to boot (ota_N or factory)"), table), config,
                    args.flag("--legacy") ? SetBootAlgorithm.LEGACY : SetBootAlgorithm.CURRENT);
            case "mark-valid" -> OtaRollback.markAppValidCancelRollback(table, od, running(args, table, od), config);
            default -> OtaRollback.markAppInvalidRollback(table, od, config);
        };
        if (!call.ok()) {
            String why = call.trail().isEmpty() ? "" : ": " + call.trail().get(call.trail().size() - 1);
            throw new CliException("%s would fail with %s%s; nothing written".formatted(call.function(), call.result(),
                    why));
        }
        OutputFile.write(output, call.otadata().encode().toByteArray());
        PrintStream out = console.out();
        out.printf("%s = %s%n", call.function(), call.result());
        call.trail().forEach(t -> out.println("  " + t));
        if (call.writes().isEmpty()) out.println("otadata writes: none (the output equals the input)");
        for (OtadataWrite w : call.writes()) {
            out.printf("otadata write: sector %d := %s%n", w.sector(), OtaSelectEntryDescriber.written(w.entry()));
        }
        call.antiRollbackAfter().ifPresent(a -> out.println("eFuse secure version after: " + a.efuseSecureVersion()));
        for (LogLine l : call.logs()) out.println("log: " + l);
        out.printf("wrote %s (%d bytes)%s%n", output, call.otadata().size(), call.otadata().address() == 0 ? ""
                : "; flash it at 0x%x".formatted(call.otadata().address()));
        return 0;
    }

    private static void refuse(Path input, Path output) {
        try {
            OutputFile.refuseToOverwrite(input, output);
        } catch (IOException e) {
            throw new CliException("cannot compare " + input + " with " + output + ": " + e.getMessage());
        }
    }

    private static AppSlot running(Args args, PartitionTable table, OtaData od) {
        Optional<String> given = args.option("--running");
        if (given.isPresent()) return BootOptions.slot("--running", given.get(), table);
        return OtaOps.getBootPartition(table, od).value()
                .orElseThrow(() -> new CliException("cannot tell the running app; give --running ota_N"));
    }
}
