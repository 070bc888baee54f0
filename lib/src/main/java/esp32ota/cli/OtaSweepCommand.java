package esp32ota.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.NorFlash;
import esp32ota.image.AppDescriptor;
import esp32ota.image.ImageHeader;
import esp32ota.image.SegmentHeader;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;
import esp32ota.ota.AppView;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.sweep.CutResult;
import esp32ota.sweep.Outcome;
import esp32ota.sweep.PowerCutSweep;
import esp32ota.sweep.SweepResult;
import esp32ota.sweep.UpdateFlow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./kit ota sweep IMG}: cuts the power at every flash operation of an OTA update of a virtual ESP32 to IMG
 * (and of the reboot and first boot after it), resets, and prints where the device ends each time, folded into runs
 * of operations that end alike, then {@code N cut points, M unbootable}. Every input is checked before the sweep.
 */
final class OtaSweepCommand {
    static final String USAGE = """
            usage: ./kit ota sweep IMG [--from IMG] [--table T] [--tears] [--rollback] [--begin MODE] [--json]

              Power-cut sweep: updates a virtual ESP32 to IMG as native_ota_example does (esp_ota_begin, 1 KiB
              esp_ota_write calls, esp_ota_end, esp_ota_set_boot_partition, reboot, the new app's first boot and
              mark-valid), cuts the power during each flash erase and page program of it in turn, powers on, resets
              until the device settles, and prints which app boots (slot and version) or that nothing does.
              --from IMG    the app running before the update (default: blink 1.0.0), in factory if the table has
                            one, else in ota_0
              --table T     partition table, CSV or binary (default: the no_factory_two_ota sample)
              --tears       also cut each operation half done and all-but-the-last-byte done (default: only before
                            it starts)
              --rollback    CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE (NEW -> PENDING_VERIFY -> mark valid)
              --begin MODE  esp_ota_begin's image_size: sequential (default, OTA_WITH_SEQUENTIAL_WRITES), size
                            (the image's size) or unknown (OTA_SIZE_UNKNOWN: erase the whole slot)
              --json        every cut point as JSON instead of the table
            """;

    int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of("--tears", "--rollback", "--json"), Set.of("--from", "--table", "--begin"))
                .atMostPositionals(1);
        Path imagePath = console.path(args.positional(0, "IMG (the image to update to)"));
        UpdateFlow.Begin begin = begin(args.option("--begin").orElse("sequential"));
        Bytes image = image(imagePath);
        Optional<Path> fromPath = args.option("--from").map(console::path);
        Bytes from = fromPath.map(OtaSweepCommand::image).orElseGet(() -> ImageSamples.blink("1.0.0", 0).build());
        PartitionTable table = args.option("--table")
                .map(t -> FlashInputs.table(console.path(t), PartitionTable.DEFAULT_ADDRESS, console))
                .orElseGet(OtaBench::noFactoryTable);
        AppView view = AppView.of(table);
        AppSlot oldSlot = view.find(AppSlot.FACTORY).isPresent() ? AppSlot.FACTORY : AppSlot.ota(0);
        PartitionEntry oldPartition = view.find(oldSlot).orElseThrow(() -> new CliException(
                "the partition table has neither a factory nor an ota_0 app partition"));
        if (from.size() > oldPartition.size()) {
            throw new CliException("--from: %d bytes do not fit %s (0x%x bytes)".formatted(from.size(), oldSlot,
                    oldPartition.size()));
        }
        boolean rollback = args.flag("--rollback");
        VirtualEsp32 device;
        try {
            device = VirtualEsp32.builder(table).flashSize(flashSize(table)).rollback(rollback).app(oldSlot, from)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CliException("ota sweep: " + e.getMessage());
        }
        Set<NorFlash.Tear> tears = args.flag("--tears") ? EnumSet.allOf(NorFlash.Tear.class)
                : EnumSet.of(NorFlash.Tear.NONE);
        SweepResult r;
        try {
            r = PowerCutSweep.of(device, image).tears(tears).flow(UpdateFlow.nativeOta(begin)).run();
        } catch (IllegalArgumentException e) {
            throw new CliException("ota sweep: " + e.getMessage());
        }
        if (args.flag("--json")) {
            console.out().print(JsonOutput.print(json(r, imagePath, image)));
        } else {
            table(r, tears, imagePath, image, oldSlot, rollback, console);
        }
        return 0;
    }

    private static void table(SweepResult r, Set<NorFlash.Tear> tears, Path imagePath, Bytes image, AppSlot oldSlot,
                              boolean rollback, Console console) {
        var out = console.out();
        out.printf("update %s (%d bytes) into %s; before: %s; rollback %s%n", imagePath.getFileName(), image.size(),
                r.slot(), r.before().label(), rollback ? "on" : "off");
        StringBuilder head = new StringBuilder("%-11s %-18s %-40s".formatted("steps", "phase", "operation"));
        for (NorFlash.Tear t : tears) head.append(" %-16s".formatted("cut " + t.name().toLowerCase(Locale.ROOT)));
        out.println(head.toString().stripTrailing());
        for (SweepResult.Run run : r.runs()) {
            StringBuilder row = new StringBuilder("%-11s %-18s %-40s".formatted(run.steps(), run.phase().label(),
                    run.operation()));
            for (NorFlash.Tear t : tears) row.append(" %-16s".formatted(run.outcomes().get(t).label()));
            out.println(row.toString().stripTrailing());
        }
        out.println("uncut: " + r.after().label());
        List<CutResult> bricks = r.unbootable();
        for (CutResult c : bricks.subList(0, Math.min(10, bricks.size()))) {
            out.printf("BRICK at step %d (operation %d), cut %s: %s during %s: %s%n", c.cut().step(),
                    c.cut().op().index(), c.cut().tear().name().toLowerCase(Locale.ROOT), c.cut().operation(),
                    c.cut().phase().label(), c.outcome().label());
        }
        if (bricks.size() > 10) out.printf("... and %d more bricking cut points%n", bricks.size() - 10);
        out.println(r.summary());
    }

    private static JsonObject json(SweepResult r, Path imagePath, Bytes image) {
        JsonObject o = new JsonObject();
        o.addProperty("image", imagePath.getFileName().toString());
        o.addProperty("image_size", image.size());
        o.addProperty("slot", r.slot().name());
        o.add("before", outcome(r.before()));
        o.add("after", outcome(r.after()));
        o.addProperty("cut_points", r.cuts().size());
        o.addProperty("unbootable", r.unbootable().size());
        o.addProperty("summary", r.summary());
        JsonObject phases = new JsonObject();
        for (SweepResult.PhaseCount p : r.byPhase()) {
            JsonObject counts = new JsonObject();
            p.outcomes().forEach(counts::addProperty);
            phases.add(p.phase().label(), counts);
        }
        o.add("phases", phases);
        JsonArray cuts = new JsonArray();
        for (CutResult c : r.cuts()) {
            JsonObject j = new JsonObject();
            j.addProperty("step", c.cut().step());
            j.addProperty("op_index", c.cut().op().index());
            j.addProperty("phase", c.cut().phase().label());
            j.addProperty("operation", c.cut().operation());
            j.addProperty("tear", c.cut().tear().name());
            j.add("outcome", outcome(c.outcome()));
            cuts.add(j);
        }
        o.add("cuts", cuts);
        return o;
    }

    private static JsonObject outcome(Outcome o) {
        JsonObject j = new JsonObject();
        j.addProperty("kind", o.kind().name());
        j.addProperty("slot", o.slot().map(AppSlot::name).orElse(null));
        j.addProperty("version", o.version().orElse(null));
        j.addProperty("resets", o.resets());
        return j;
    }

    /** An app image file, checked to start with the image magic before anything runs. */
    private static Bytes image(Path path) {
        if (Files.isDirectory(path)) throw new CliException("cannot use " + path + ": a folder, not an image file");
        if (!Files.isRegularFile(path)) throw new CliException("cannot use " + path + ": no such file");
        Bytes b = Bytes.of(OutputFile.read(path));
        if (b.isEmpty() || b.u8(0) != ImageHeader.MAGIC) {
            throw new CliException("%s: not an app image (first byte %s, expected 0xe9)".formatted(path,
                    b.isEmpty() ? "missing: empty file" : "0x%02x".formatted(b.u8(0))));
        }
        return b;
    }

    private static UpdateFlow.Begin begin(String text) {
        return switch (text) {
            case "sequential" -> UpdateFlow.Begin.SEQUENTIAL;
            case "size" -> UpdateFlow.Begin.IMAGE_SIZE;
            case "unknown" -> UpdateFlow.Begin.WHOLE_SLOT;
            default -> throw new CliException("bad --begin '" + text + "' (expected sequential, size or unknown)");
        };
    }

    /** 4 MiB, or the smallest larger chip the table fits. */
    private static long flashSize(PartitionTable table) {
        long size = 4L << 20;
        while (size < table.flashEnd() && size < NorFlash.MAX_SIZE) size <<= 1;
        if (table.flashEnd() > size) throw new CliException("the partition table needs more than 16 MiB of flash");
        return size;
    }
}
