package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.flash.VirtualClock;
import esp32ota.image.AppDescriptor;
import esp32ota.ota.OtaApi;
import esp32ota.ota.OtaEvent;
import esp32ota.partition.PartitionTable;

/**
 * What a running {@link App} can use: its OTA API, the console, the clock, flash reads, and the ways a chip stops.
 * One context per boot; it is useless after the app stopped.
 */
public final class AppContext {
    private final VirtualEsp32 device;
    private final VirtualEsp32.Running running;

    AppContext(VirtualEsp32 device, VirtualEsp32.Running running) {
        this.device = device;
        this.running = running;
    }

    /** The {@code esp_ota_*} API of this app. */
    public OtaApi ota() { return running.ota(); }

    /** {@code ESP_LOGx(tag, format, args…)}: a console line stamped with ms since the reset. */
    public void log(LogLevel level, String tag, String format, Object... args) {
        device.print(level, tag, args.length == 0 ? format : format.formatted(args));
    }

    /** Reports an OTA client's progress, erase stall or esp_https_ota event into the device's event stream. */
    public void emit(OtaEvent event) { device.emit(new DeviceEvent.Ota(event)); }

    public VirtualClock clock() { return device.flash().clock(); }

    /** {@code vTaskDelay}: time passes on the virtual clock. */
    public void delay(long millis) { clock().advance(millis * 1000); }

    public DeviceConfig config() { return device.config(); }

    public ChipIdentity chip() { return device.chip(); }

    /** The partition this app runs from. */
    public AppSlot running() { return running.slot(); }

    /** This app's {@code esp_app_desc_t}. */
    public AppDescriptor descriptor() { return running.descriptor(); }

    /** The partition table the bootloader loaded. */
    public PartitionTable table() { return running.table(); }

    /** {@code esp_flash_read}. */
    public Bytes readFlash(long address, int length) { return device.flash().read(address, length); }

    /**
     * {@code esp_restart()}: the chip resets (SW_CPU_RESET); does not return. It unwinds the app with an unchecked
     * exception that the device catches, so app code must not swallow every {@code RuntimeException} around it.
     */
    public void restart() { throw new AppStop(ResetReason.SW_CPU_RESET); }

    /**
     * The app stops responding ({@code app_main} spins); what follows is the configured {@link Watchdog}'s: by the
     * sample configuration the task watchdog panics after {@link DeviceConfig#watchdogMillis()} and the chip restarts
     * (SW_CPU_RESET, {@link Boot.End#WATCHDOG}); a log-only task watchdog leaves the chip hung until a manual reset
     * ({@link Boot.End#HUNG}). Does not return.
     */
    public void hang() { throw WatchdogRun.hang(device, this); }
}
