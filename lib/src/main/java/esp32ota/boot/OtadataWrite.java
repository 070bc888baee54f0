package esp32ota.boot;

import esp32ota.otadata.OtaSelectEntry;

/**
 * One otadata rewrite: sector {@code sector} erased, then {@code entry} written at its start.
 *
 * @param reason why, in the words the shared vectors use ({@code "PENDING_VERIFY -> ABORTED"},
 *               {@code "NEW -> PENDING_VERIFY"}, {@code "initial otadata, no factory: record booted slot"},
 *               {@code "esp_ota_set_boot_partition(ota_7)"}, …)
 */
public record OtadataWrite(int sector, String reason, OtaSelectEntry entry) {}
