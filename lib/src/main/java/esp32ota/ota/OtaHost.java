package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.boot.LogLine;
import esp32ota.flash.NorFlash;
import esp32ota.flash.PowerLossException;
import esp32ota.image.Target;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionTable;

/**
 * What {@link OtaApi} needs from the device it runs on: its flash, the partition table the bootloader loaded, the
 * app that is running, the eFuse, and somewhere to report what happened. A virtual ESP32 implements it; a test can
 * implement it over a bare {@link NorFlash}.
 */
public interface OtaHost {
    NorFlash flash();

    PartitionTable table();

    /** {@code esp_ota_get_running_partition()}: the app partition the code runs from. */
    AppSlot running();

    OtaConfig config();

    /** Chip and revision for image verification (partition size and address are added per partition). */
    Target target();

    /** {@code esp_efuse_read_secure_version()}. */
    long efuseSecureVersion();

    /** Burns the eFuse counter up to {@code value} (never lowers it). */
    void burnSecureVersion(long value);

    /** A console line from the API or from {@code esp_image}. */
    void log(LogLine line);

    /** Otadata copy {@code copy} was rewritten in flash: its sector erased, then {@code entry} programmed. */
    void otadataWritten(int copy, OtaSelectEntry entry, String reason);

    /** An {@code esp_ota_*} function returned. */
    void called(String function, EspErr result);

    /** {@code esp_restart()}: does not return on a device. */
    void restart();

    /**
     * The app images in flash, judged ({@link FlashedApps#read}); a host may answer from a {@link FlashedApps.Memo}
     * when its flash is a sweep copy.
     */
    default FlashedApps apps() { return FlashedApps.read(flash(), table(), target()); }

    /** Power failed during one of the API's flash operations; the exception is rethrown after this. */
    void powerLost(PowerLossException e);
}
