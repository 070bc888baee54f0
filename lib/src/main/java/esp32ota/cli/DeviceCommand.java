package esp32ota.cli;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.Boot;
import esp32ota.device.DeviceConfig;
import esp32ota.device.VirtualEsp32;
import esp32ota.device.VirtualEsp32Builder;
import esp32ota.examples.OtaRun;
import esp32ota.flash.FlashDump;
import esp32ota.flash.FlashDumpException;
import esp32ota.flash.NorFlash;
import esp32ota.ota.AppView;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./kit device run}: a virtual ESP32 made from a partition table and app images (or a flash dump), reset and
 * followed through its own restarts until an app stays up; prints its console.
 */
final class DeviceCommand implements Command {
    static final int MAX_BOOTS = 6;

    @Override public String name() { return "device"; }

    @Override public String summary() {
        return "device run: boot a virtual ESP32 and show its console; device serve|info|flash|monitor: an ESP32 on a serial line";
    }

    @Override public String usage() {
        return """
                usage: ./kit device run --table T --app SLOT=IMG… [--otadata F] [--rollback] [--secure-version N]
                                        [--save DUMP]
                       ./kit device run --flash DUMP [--rollback] [--secure-version N] [--save DUMP]

                  Makes a virtual ESP32 and presses reset: the ROM banner, the 2nd-stage bootloader (partition
                  table, otadata, which app, esp_image lines) and the app, followed through its own restarts
                  (rollback, watchdog) until an app stays up (at most %d boots). The sample apps (blink) run their
                  self-test; other apps idle.
                  --table T          partition table CSV or binary; the flash is the smallest (2-16 MiB) it fits
                  --app SLOT=IMG     an app image for factory, ota_0, ota_1, … (repeat for more slots)
                  --otadata F        the otadata partition's contents (default: erased)
                  --flash DUMP       a whole flash dump instead (e.g. one ./kit ota run --save wrote)
                  --rollback         CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE
                  --secure-version N anti-rollback on, with N in the eFuse secure version field (0-32)
                  --save DUMP        write the whole flash as the boots left it
                """.formatted(MAX_BOOTS) + "\n" + LIVE.usage();
    }

    /** serve, info, flash and monitor: the live path ({@link DeviceLiveCommand}). */
    private static final DeviceLiveCommand LIVE = new DeviceLiveCommand();

    @Override public int run(List<String> argv, Console console) throws Exception {
        if (argv.isEmpty()) {
            throw new CliException("usage: ./kit device run|serve|info|flash|monitor … (see ./kit device --help)");
        }
        if (!argv.get(0).equals("run")) {
            if (!List.of("serve", "info", "flash", "monitor").contains(argv.get(0))) {
                throw new CliException("unknown device subcommand '" + argv.get(0)
                        + "' (run, serve, info, flash, monitor)");
            }
            return LIVE.run(argv, console);
        }
        List<String> apps = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        List<String> words = argv.subList(1, argv.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--app")) {
                if (i + 1 >= words.size()) throw new CliException("option --app needs a value");
                apps.add(words.get(++i));
            } else if (w.startsWith("--app=")) {
                apps.add(w.substring("--app=".length()));
            } else {
                rest.add(w);
            }
        }
        Args args = Args.parse(rest, Set.of("--rollback"),
                Set.of("--table", "--otadata", "--flash", "--secure-version", "--save")).atMostPositionals(0);
        DeviceConfig config = DeviceConfig.of(args.flag("--rollback"));
        Optional<Long> secure = args.option("--secure-version").map(v -> FlashInputs.number("--secure-version", v));
        if (secure.isPresent()) {
            if (secure.get() > 32) throw new CliException("--secure-version: the ESP32's field holds 0-32, not " + secure.get());
            config = config.withAntiRollback(true);
        }
        Optional<Path> save = args.option("--save").map(console::path);
        if (save.isPresent() && Files.isDirectory(save.get())) {
            throw new CliException("cannot write " + save.get() + ": it is a folder");
        }
        VirtualEsp32Builder builder;
        Optional<Path> dumpPath = args.option("--flash").map(console::path);
        if (dumpPath.isPresent()) {
            if (args.option("--table").isPresent() || args.option("--otadata").isPresent() || !apps.isEmpty()) {
                throw new CliException("give either --flash or --table/--app/--otadata, not both");
            }
            NorFlash flash;
            try {
                flash = FlashDump.load(dumpPath.get());
            } catch (FlashDumpException e) {
                throw new CliException(e.getMessage());
            }
            if (save.isPresent()) OutputFile.refuseToOverwrite(dumpPath.get(), save.get());
            builder = VirtualEsp32.fromDump(flash.dump());
        } else {
            Path tablePath = console.path(args.option("--table").orElseThrow(() -> new CliException(
                    "missing --table T (or --flash DUMP)")));
            PartitionTable table = FlashInputs.table(tablePath, PartitionTable.DEFAULT_ADDRESS, console);
            if (apps.isEmpty()) throw new CliException("missing --app SLOT=IMG (at least one app image)");
            builder = VirtualEsp32.builder(table).flashSize(flashSize(table));
            Map<AppSlot, Path> images = new LinkedHashMap<>();
            for (String a : apps) {
                int eq = a.indexOf('=');
                if (eq <= 0 || eq == a.length() - 1) throw new CliException("bad --app '" + a + "' (expected SLOT=IMG, e.g. ota_0=blink.bin)");
                AppSlot slot;
                try {
                    slot = AppSlot.parse(a.substring(0, eq));
                } catch (IllegalArgumentException e) {
                    throw new CliException("bad --app '" + a + "': unknown slot '" + a.substring(0, eq)
                            + "' (expected factory, test or ota_0 … ota_15)");
                }
                if (images.containsKey(slot)) throw new CliException("--app: " + slot + " given twice");
                Optional<PartitionEntry> p = AppView.of(table).find(slot);
                if (p.isEmpty()) throw new CliException("--app: the table has no " + slot + " partition");
                Path img = console.path(a.substring(eq + 1));
                Bytes bytes = Bytes.of(OutputFile.read(img));
                if (bytes.size() > p.get().size()) {
                    throw new CliException("--app: %s (%d bytes) does not fit %s '%s' (0x%X bytes)".formatted(img,
                            bytes.size(), slot, p.get().name(), p.get().size()));
                }
                images.put(slot, img);
                builder.app(slot, bytes);
            }
            Optional<Path> od = args.option("--otadata").map(console::path);
            if (od.isPresent()) {
                PartitionEntry p = AppView.of(table).otadata().orElseThrow(() -> new CliException(
                        "--otadata: the table has no otadata partition"));
                var data = FlashInputs.otadata(od.get(), p.offset());
                if (data.size() > p.size()) {
                    throw new CliException("--otadata: %s is 0x%X bytes, the partition 0x%X".formatted(od.get(),
                            data.size(), p.size()));
                }
                builder.otadata(data);
            }
            if (save.isPresent()) {
                OutputFile.refuseToOverwrite(tablePath, save.get());
                for (Path p : images.values()) OutputFile.refuseToOverwrite(p, save.get());
                if (od.isPresent()) OutputFile.refuseToOverwrite(od.get(), save.get());
            }
        }
        builder.config(config);
        secure.ifPresent(builder::efuseSecureVersion);
        VirtualEsp32 device;
        try {
            device = builder.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        List<Boot> boots = device.resetUntilSettled(MAX_BOOTS);
        if (save.isPresent()) {                                        // written before anything is reported
            try {
                FlashDump.save(device.flash(), save.get());
            } catch (FlashDumpException e) {
                throw new CliException(e.getMessage());
            }
        }
        device.console().forEach(l -> console.out().println(l.formatted()));
        console.out().println();
        console.out().println(summary(boots));
        save.ifPresent(p -> console.out().println("wrote " + p + " (the whole flash after these boots)"));
        return 0;
    }

    private static long flashSize(PartitionTable table) {
        try {
            return OtaRun.flashSizeFor(table);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    static String summary(List<Boot> boots) {
        Boot last = boots.get(boots.size() - 1);
        String what = switch (last.end()) {
            case RUNNING -> last.booted().map(s -> s + " runs " + last.app().map(a -> a.projectNameText() + " "
                    + a.versionText()).orElse("an app without description")).orElse("an app runs");
            case NOTHING_BOOTED -> "nothing boots";
            case POWER_LOSS -> "power was lost";
            case HUNG -> "the app hangs (the task watchdog only logs; reset it by hand)";
            default -> "still restarting after " + boots.size() + " boots";
        };
        return "%d boot%s: %s".formatted(boots.size(), boots.size() == 1 ? "" : "s", what);
    }
}
