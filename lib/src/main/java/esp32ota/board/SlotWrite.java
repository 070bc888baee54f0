package esp32ota.board;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.ota.OtaCall;
import esp32ota.partition.PartitionEntry;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link Board#writeSlot} did.
 *
 * @param slot       the OTA slot written
 * @param partition  its table row
 * @param length     image bytes written
 * @param sentBytes  bytes sent over the line (compressed when asked)
 * @param md5        the MD5 the device computed, equal to the image's
 * @param setBoot    {@code esp_ota_set_boot_partition} as run on the otadata read back, when asked to switch
 * @param elapsed    wall time of the write (without the switch)
 */
public record SlotWrite(AppSlot slot, PartitionEntry partition, int length, int sentBytes, Bytes md5,
                        Optional<OtaCall<Void>> setBoot, Duration elapsed) {
    /** Whether otadata now selects the slot. */
    public boolean switched() { return setBoot.map(OtaCall::ok).orElse(false); }
}
