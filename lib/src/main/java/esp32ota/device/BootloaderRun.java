package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.Chip;
import esp32ota.image.FlashMode;
import esp32ota.image.ImageHeader;
import esp32ota.ota.FlashedApps;
import esp32ota.ota.ImageLog;
import esp32ota.ota.OtadataInFlash;
import esp32ota.partition.BootloaderListing;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the simulated 2nd-stage bootloader on a device: its banner, the partition table read from flash 0x8000
 * and listed, the choice of app ({@link Bootloader#decide}, with "which images load" and secure versions worked out
 * from the images in flash), its otadata rewrites applied to flash as erase + program operations, and the
 * {@code esp_image} lines of each image it tries.
 *
 * <p>The decision's load-loop log is ESP-IDF's wording, and this class reads two of its lines to place the image
 * lines: {@code Trying partition index %d offs 0x%x …} starts an attempt, {@code Loaded app from partition …} and
 * {@code … is not bootable} end one.
 */
final class BootloaderRun {
    static final String TAG = "boot", TAG_CHIP = "boot.esp32";
    static final String COMPILE_TIME = "Jan  1 2025 12:00:00";
    /** The rewrite the bootloader makes after loading, not during the selection (see Bootloader). */
    static final String INITIAL_WRITE_REASON = "initial otadata";
    private static final Pattern TRYING = Pattern.compile("Trying partition index -?\\d+ offs 0x([0-9a-f]+)");

    /** The partition table the bootloader loaded and what it decided. */
    record Result(Optional<PartitionTable> table, Optional<BootDecision> decision) {}

    private BootloaderRun() {}

    static Result run(VirtualEsp32 d) {
        d.print(LogLevel.INFO, TAG, "ESP-IDF %s 2nd stage bootloader".formatted(d.config().idfVersion()));
        d.print(LogLevel.INFO, TAG, "compile time " + COMPILE_TIME);
        d.print(LogLevel.INFO, TAG, "chip revision: " + d.chip().revisionText());
        Bytes h = d.flash().read(RomBoot.BOOTLOADER_OFFSET, ImageHeader.SIZE);     // its own header's settings
        int speedSize = h.u8(ImageHeader.OFF_SPI_SPEED_SIZE);
        d.print(LogLevel.INFO, TAG_CHIP, "SPI Speed      : " + Chip.ESP32.flashSpeeds().nameOf(speedSize & 0x0F)
                .map(n -> n.replace("m", "MHz")).orElse("?"));
        d.print(LogLevel.INFO, TAG_CHIP, "SPI Mode       : " + FlashMode.fromCode(h.u8(ImageHeader.OFF_SPI_MODE))
                .map(FlashMode::name).orElse("?"));
        d.print(LogLevel.INFO, TAG_CHIP, "SPI Flash Size : " + Chip.ESP32.flashSizes().nameOf(speedSize & 0xF0)
                .orElse("?"));
        d.print(LogLevel.INFO, TAG, "Enabling RNG early entropy source...");
        PartitionTable table;
        try {
            table = PartitionTable.decode(d.flash().read(PartitionTable.DEFAULT_ADDRESS, PartitionTable.MAX_LENGTH),
                    PartitionTable.DEFAULT_ADDRESS);
        } catch (DecodeException e) {
            d.print(LogLevel.ERROR, TAG, "Failed to verify partition table");
            d.print(LogLevel.ERROR, TAG, "load partition table error!");
            return new Result(Optional.empty(), Optional.empty());
        }
        BootloaderListing.lines(table).forEach(l -> d.print(LogLevel.INFO, TAG, l));
        FlashedApps apps;
        BootDecision decision;
        if (d.memo().isPresent()) {                  // a sweep copy: judge only the slots tried, from memory
            FlashedApps.Memo memo = d.memo().get();
            FlashedApps.Decided decided = FlashedApps.decideJudgingTried(d.flash(), table,
                    OtadataInFlash.read(d.flash(), table), p -> memo.readSlot(d.flash(), p, d.target()),
                    d.config().ota().rollback(), d.config().ota().antiRollback(), d.efuseSecureVersion());
            apps = decided.tried();
            decision = decided.decision();
        } else {
            apps = FlashedApps.read(d.flash(), table, d.target());
            decision = Bootloader.decide(table, OtadataInFlash.read(d.flash(), table), apps.bootConfig(
                    d.config().ota().rollback(), d.config().ota().antiRollback(), d.efuseSecureVersion()));
        }
        decision.selectionLogs().forEach(d::print);
        for (OtadataWrite w : decision.writes()) if (!isInitialWrite(w)) write(d, table, w);
        long efuse = decision.antiRollbackAfter().map(a -> a.efuseSecureVersion()).orElse(d.efuseSecureVersion());
        Optional<AppSlot> attempt = Optional.empty();
        boolean initialWritten = false;
        for (LogLine line : decision.loadLogs()) {
            if (line.message().startsWith("Set actual ota_seq")) {      // logged once copy 0 is written
                for (OtadataWrite w : decision.writes()) if (isInitialWrite(w)) write(d, table, w);
                initialWritten = true;
            }
            Matcher m = TRYING.matcher(line.message());
            if (m.lookingAt()) attempt = slotAt(table, Long.parseLong(m.group(1), 16));
            if (line.message().startsWith("Loaded app from partition")) {
                imageLines(d, apps, decision.booted());
            } else if (line.message().endsWith("is not bootable") && attempt.isPresent()
                    && !apps.image(attempt.get()).map(FlashedApps.SlotImage::bootable).orElse(true)
                    && passesAntiRollback(d, apps, attempt.get(), efuse)) {
                imageLines(d, apps, attempt);
            }
            d.print(line);
        }
        if (!initialWritten) for (OtadataWrite w : decision.writes()) if (isInitialWrite(w)) write(d, table, w);
        decision.antiRollbackAfter().ifPresent(a -> d.burnSecureVersion(a.efuseSecureVersion()));
        return new Result(Optional.of(table), Optional.of(decision));
    }

    private static boolean isInitialWrite(OtadataWrite w) { return w.reason().startsWith(INITIAL_WRITE_REASON); }

    private static void write(VirtualEsp32 d, PartitionTable table, OtadataWrite w) {
        OtadataInFlash.write(d.flash(), table, w);
        d.emit(new DeviceEvent.OtadataWritten(w.sector(), w.entry(), w.reason()));
    }

    private static void imageLines(VirtualEsp32 d, FlashedApps apps, Optional<AppSlot> slot) {
        slot.flatMap(apps::image).ifPresent(img -> d.memo().map(m -> m.imageLog(img, d.chip().chip()))
                .orElseGet(() -> ImageLog.of(img, d.chip().chip())).forEach(d::print));
    }

    private static boolean passesAntiRollback(VirtualEsp32 d, FlashedApps apps, AppSlot slot, long efuse) {
        if (!d.config().ota().antiRollback()) return true;
        return apps.image(slot).flatMap(FlashedApps.SlotImage::descriptor).map(x -> x.secureVersion() >= efuse)
                .orElse(false);
    }

    private static Optional<AppSlot> slotAt(PartitionTable table, long offset) {
        List<PartitionEntry> rows = table.entries();
        return rows.stream().filter(e -> e.isApp() && e.offset() == offset).findFirst().flatMap(AppSlot::of);
    }
}
