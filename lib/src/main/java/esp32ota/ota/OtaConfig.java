package esp32ota.ota;


/**
 * The build options of the running app that change what its {@code esp_ota_*} calls do (ESP-IDF Kconfig).
 *
 * @param rollback                  {@code CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE}
 * @param antiRollback              {@code CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK}: secure_version checked against eFuse
 * @param invalidateInactiveOtadata ESP-IDF v5.5 and later, with rollback: {@code esp_ota_begin} erases the inactive
 *                                  otadata sector ({@code esp_ota_invalidate_inactive_ota_data_slot}), so the
 *                                  previous app is no rollback target while a new image is half written. Set
 *                                  (or the v6.0 algorithm), it also makes {@link OtaApi} follow v5.5+ elsewhere:
 *                                  begin allocates the handle before erasing, end logs "New image failed
 *                                  verification", the rollback line has no " Restart."
 * @param algorithm                 which {@code esp_ota_set_boot_partition} seq rule (v6.0+ or legacy)
 */
public record OtaConfig(boolean rollback, boolean antiRollback, boolean invalidateInactiveOtadata,
                        SetBootAlgorithm algorithm) {
    /** ESP-IDF v5.4 behaviour: no v5.5 invalidation, the legacy seq rule. */
    public static OtaConfig of(boolean rollback) {
        return new OtaConfig(rollback, false, false, SetBootAlgorithm.LEGACY);
    }

    public OtaConfig withAntiRollback(boolean on) {
        return new OtaConfig(rollback, on, invalidateInactiveOtadata, algorithm);
    }

    public OtaConfig withInvalidateInactiveOtadata(boolean on) {
        return new OtaConfig(rollback, antiRollback, on, algorithm);
    }

    public OtaConfig withAlgorithm(SetBootAlgorithm a) {
        return new OtaConfig(rollback, antiRollback, invalidateInactiveOtadata, a);
    }
}
