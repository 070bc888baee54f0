package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.ota.EspErr;
import esp32ota.ota.OtaEvent;
import esp32ota.flash.FlashOp;
import esp32ota.otadata.OtaSelectEntry;

import java.util.Optional;

/**
 * Everything a device reports, in the order it happens (STYLE §2.11): one stream that logs, charts, sweeps and tests
 * all read. A power-cut sweep names its cut point by the index of a {@link FlashOperation}.
 */
public sealed interface DeviceEvent permits DeviceEvent.Reset, DeviceEvent.Console, DeviceEvent.FlashOperation,
        DeviceEvent.OtadataWritten, DeviceEvent.ApiCall, DeviceEvent.Boot, DeviceEvent.PowerLoss,
        DeviceEvent.Ota {

    /** The chip (re)starts. */
    record Reset(ResetReason reason) implements DeviceEvent {}

    /** A console line. */
    record Console(ConsoleLine line) implements DeviceEvent {}

    /** A completed flash erase or page program (by the bootloader, the app, or a flasher). */
    record FlashOperation(FlashOp op) implements DeviceEvent {}

    /** An otadata copy was rewritten (its sector erased, then the entry programmed, both already reported). */
    record OtadataWritten(int copy, OtaSelectEntry entry, String reason) implements DeviceEvent {}

    /** An {@code esp_ota_*} function returned. */
    record ApiCall(String function, EspErr result) implements DeviceEvent {}

    /** The 2nd-stage bootloader decided (and wrote its otadata changes); {@code booted} is the app it jumps to. */
    record Boot(BootDecision decision, Optional<AppSlot> booted) implements DeviceEvent {}

    /** Power failed during flash operation {@code opIndex}; nothing after it happened. */
    record PowerLoss(long opIndex) implements DeviceEvent {}

    /** An OTA client's report: download progress, an erase stall, an {@code ESP_HTTPS_OTA_EVENT}. */
    record Ota(OtaEvent event) implements DeviceEvent {}
}
