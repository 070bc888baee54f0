package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LoadAttempt;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.ImageHeader;
import esp32ota.ota.FlashedApps;
import esp32ota.ota.ImageLog;
import esp32ota.ota.OtadataInFlash;
import esp32ota.partition.BootloaderListing;
import esp32ota.partition.PartitionTable;

import java.util.List;
import java.util.Optional;

/**
 * One run of the simulated 2nd-stage bootloader on a device: its banner, the partition table read from flash 0x8000
 * and listed, the choice of app ({@link Bootloader#decide}, with "which images load" and secure versions worked out
 * from the images in flash), its otadata rewrites applied to flash as erase + program operations, and the
 * {@code esp_image} lines of each image it tries.
 *
 * <p>The decision says which partitions the load loop tried and where each verdict is in its log
 * ({@link BootDecision#attempts()}): an image the image loader read prints its {@code esp_image} lines just before
 * its verdict, and the rewrite of initial otadata ({@link OtadataWrite.Kind#INITIAL}) follows the verdict of the app
 * that loaded. Every other rewrite was made by the selection, before the load loop.
 */
final class BootloaderRun {
    static final String TAG = "boot", TAG_CHIP = "boot.esp32";
    static final String COMPILE_TIME = "Jan  1 2025 12:00:00";

    /** The partition table the bootloader loaded and what it decided. */
    record Result(Optional<PartitionTable> table, Optional<BootDecision> decision) {}

    private BootloaderRun() {}

    /**
     * The 2nd-stage bootloader after a reset for {@code reason}. Its INFO banner is bootloader_init (esp32), in
     * ESP-IDF's order: bootloader_print_banner (version, compile time, "Multicore bootloader" from v5.1),
     * bootloader_check_bootloader_validity (chip revision), bootloader_flash_config_esp32.c print_flash_info
     * (speed, mode, size of the bootloader's own header, with that file's names and defaults),
     * bootloader_check_wdt_reset (a warning per CPU after a watchdog reset), bootloader_enable_random.
     */
    static Result run(VirtualEsp32 d, ResetReason reason) {
        d.print(LogLevel.INFO, TAG, "ESP-IDF %s 2nd stage bootloader".formatted(d.config().idfVersion()));
        d.print(LogLevel.INFO, TAG, "compile time " + COMPILE_TIME);
        if (d.config().ota().atLeast(5, 1)) d.print(LogLevel.INFO, TAG, "Multicore bootloader");
        d.print(LogLevel.INFO, TAG, "chip revision: " + d.chip().revisionText());
        Bytes h = d.flash().read(RomBoot.BOOTLOADER_OFFSET, ImageHeader.SIZE);     // its own header's settings
        int speedSize = h.u8(ImageHeader.OFF_SPI_SPEED_SIZE);
        d.print(LogLevel.INFO, TAG_CHIP, "SPI Speed      : " + speedName(speedSize & 0x0F));
        d.print(LogLevel.INFO, TAG_CHIP, "SPI Mode       : " + modeName(h.u8(ImageHeader.OFF_SPI_MODE)));
        d.print(LogLevel.INFO, TAG_CHIP, "SPI Flash Size : " + sizeName(speedSize >> 4));
        if (reason == ResetReason.TG1WDT_SYS_RESET) {          // a system reset: both CPUs report the watchdog
            String dot = d.config().ota().atLeast(5, 4) ? "" : ".";
            d.print(LogLevel.WARN, TAG_CHIP, "PRO CPU has been reset by WDT" + dot);
            d.print(LogLevel.WARN, TAG_CHIP, "APP CPU has been reset by WDT" + dot);
        }
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
        for (OtadataWrite w : decision.writes()) if (w.kind() != OtadataWrite.Kind.INITIAL) write(d, table, w);
        List<LogLine> logs = decision.loadLogs();
        for (int i = 0; i < logs.size(); i++) {
            Optional<LoadAttempt> verdict = verdictAt(decision, i);
            verdict.filter(a -> a.result().reachedImageLoader()).ifPresent(a -> imageLines(d, apps, a.slot()));
            d.print(logs.get(i));
            if (verdict.filter(a -> a.result() == LoadAttempt.Result.LOADED).isPresent()) {     // set_actual_ota_seq
                for (OtadataWrite w : decision.writes()) if (w.kind() == OtadataWrite.Kind.INITIAL) write(d, table, w);
            }
        }
        decision.antiRollbackAfter().ifPresent(a -> d.burnSecureVersion(a.efuseSecureVersion()));
        if (decision.booted().isPresent()) {              // bootloader_utility.c load_image, before unpack_load_app
            d.print(LogLevel.INFO, TAG, "Disabling RNG early entropy source...");
        }
        return new Result(Optional.of(table), Optional.of(decision));
    }

    /** bootloader_flash_config_esp32.c: the speed nibble's name, "20MHz" for codes it does not know. */
    static String speedName(int nibble) {
        return switch (nibble) {
            case 0x0 -> "40MHz";
            case 0x1 -> "26.7MHz";
            case 0xF -> "80MHz";
            default -> "20MHz";
        };
    }

    /** bootloader_flash_config_esp32.c: the SPI mode's name, "SLOW READ" for codes past FAST READ. */
    static String modeName(int code) {
        return switch (code) {
            case 0 -> "QIO";
            case 1 -> "QOUT";
            case 2 -> "DIO";
            case 3 -> "DOUT";
            case 4 -> "FAST READ";
            default -> "SLOW READ";
        };
    }

    /** bootloader_flash_config_esp32.c: the size nibble's name, "2MB" for codes past 16MB. */
    static String sizeName(int nibble) {
        return switch (nibble) {
            case 0 -> "1MB";
            case 2 -> "4MB";
            case 3 -> "8MB";
            case 4 -> "16MB";
            default -> "2MB";
        };
    }

    /** The attempt whose verdict is load log line {@code line}, if any. */
    private static Optional<LoadAttempt> verdictAt(BootDecision decision, int line) {
        return decision.attempts().stream().filter(a -> a.verdictLine().equals(Optional.of(line))).findFirst();
    }

    private static void write(VirtualEsp32 d, PartitionTable table, OtadataWrite w) {
        OtadataInFlash.write(d.flash(), table, w);
        d.emit(new DeviceEvent.OtadataWritten(w.sector(), w.entry(), w.reason()));
    }

    private static void imageLines(VirtualEsp32 d, FlashedApps apps, AppSlot slot) {
        apps.image(slot).ifPresent(img -> d.memo().map(m -> m.imageLog(img, d.chip().chip()))
                .orElseGet(() -> ImageLog.of(img, d.chip().chip())).forEach(d::print));
    }
}
