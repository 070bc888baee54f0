package esp32ota.ota;

/**
 * Which {@code esp_ota_set_boot_partition} to run. They differ only when the requested slot is the one the active
 * copy already selects.
 */
public enum SetBootAlgorithm {
    /**
     * ESP-IDF v6.0 and later ({@code compute_ota_seq_for_target_slot}): rewrite the active copy itself, same seq,
     * new state.
     */
    CURRENT,
    /**
     * ESP-IDF v4.x to v5.5: always write the other copy with the smallest seq &ge; the active seq that selects the
     * slot, so both copies can end up with the same seq (and copy 0 wins the tie).
     */
    LEGACY
}
