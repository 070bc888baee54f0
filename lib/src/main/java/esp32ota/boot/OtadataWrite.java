package esp32ota.boot;

import esp32ota.otadata.OtaSelectEntry;

/**
 * One otadata rewrite: sector {@code sector} erased, then {@code entry} written at its start.
 *
 * @param kind   which code made it: the bootloader's selection, the bootloader after loading, or an {@code esp_ota_*}
 *               function
 * @param reason why, in the words the shared vectors use ({@code "PENDING_VERIFY -> ABORTED"},
 *               {@code "NEW -> PENDING_VERIFY"}, {@code "initial otadata, no factory: record booted slot"},
 *               {@code "esp_ota_set_boot_partition(ota_7)"}, …)
 */
public record OtadataWrite(int sector, Kind kind, String reason, OtaSelectEntry entry) {
    /** Which code rewrote otadata, and so when in a boot or call the write happens. */
    public enum Kind {
        /**
         * The bootloader, while it selects the start partition
         * ({@code bootloader_utility_get_selected_boot_partition}): with rollback enabled, PENDING_VERIFY → ABORTED
         * and NEW → PENDING_VERIFY.
         */
        SELECTION,
        /**
         * The bootloader, after an OTA app loaded from initial otadata ({@code set_actual_ota_seq}): copy 0 records
         * the booted slot.
         */
        INITIAL,
        /** An {@code esp_ota_*} function of the running app (set boot partition, mark valid or invalid, erase). */
        API
    }
}
