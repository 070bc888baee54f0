package esp32ota.sweep;

/**
 * Which step of an update a flash operation belongs to: the {@code esp_ota_*} call that made it, or the boot after
 * the update. A sweep's table counts outcomes per phase.
 */
public enum Phase {
    /** {@code esp_ota_begin}: erasing the update slot (nothing with OTA_WITH_SEQUENTIAL_WRITES). */
    BEGIN("begin-erase"),
    /** {@code esp_ota_write}: page programs of the image, and sector erases in sequential mode. */
    WRITE("write"),
    /** {@code esp_ota_end}: verification only, it writes nothing on an unencrypted flash. */
    END("end"),
    /** {@code esp_ota_set_boot_partition}: the otadata copy that selects the new slot (erase, then program). */
    SET_BOOT("set_boot"),
    /** The 2nd-stage bootloader's own otadata writes on the reboot (NEW becomes PENDING_VERIFY, say). */
    BOOTLOADER("bootloader otadata"),
    /**
     * The new app's first boot: its {@code esp_ota_mark_app_valid_cancel_rollback} (or, for an app whose self-test
     * fails, its mark-invalid), with rollback enabled.
     */
    MARK_VALID("mark_valid");

    private final String label;

    Phase(String label) { this.label = label; }

    /** The short name tables print. */
    public String label() { return label; }
}
