package esp32ota.ota;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build options of the running app that change what its {@code esp_ota_*} calls do (ESP-IDF Kconfig), and the
 * ESP-IDF release it was built with, which decides the rest: one setting, so that the release a device's console
 * names and the behaviour of its OTA API always agree.
 *
 * @param rollback     {@code CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE}
 * @param antiRollback {@code CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK}: secure_version checked against eFuse
 * @param idfVersion   the ESP-IDF release ({@code "v5.4.1"}), as the bootloader banner names it; a name that is not
 *                     a version ({@code "master"}) counts as the newest release
 */
public record OtaConfig(boolean rollback, boolean antiRollback, String idfVersion) {
    /** The release the kit models unless told otherwise. */
    public static final String DEFAULT_IDF_VERSION = "v5.4.1";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    /** ESP-IDF v5.4.1 behaviour: no v5.5 invalidation, the legacy seq rule. */
    public static OtaConfig of(boolean rollback) {
        return new OtaConfig(rollback, false, DEFAULT_IDF_VERSION);
    }

    /** Whether {@link #idfVersion} is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
        Matcher m = VERSION.matcher(idfVersion);
        if (!m.lookingAt()) return true;
        int a = Integer.parseInt(m.group(1)), b = Integer.parseInt(m.group(2));
        return a > major || (a == major && b >= minor);
    }

    /**
     * ESP-IDF v5.5 and later, with rollback: {@code esp_ota_begin} erases the inactive otadata sector
     * ({@code esp_ota_invalidate_inactive_ota_data_slot}), so the previous app is no rollback target while a new
     * image is half written. From v5.5 {@link OtaApi} follows v5.5 elsewhere too: begin allocates the handle before
     * erasing, end logs "New image failed verification", the rollback line has no " Restart."
     */
    public boolean invalidateInactiveOtadata() { return atLeast(5, 5); }

    /** Which {@code esp_ota_set_boot_partition} seq rule: {@link SetBootAlgorithm#CURRENT} from v6.0, else legacy. */
    public SetBootAlgorithm algorithm() { return atLeast(6, 0) ? SetBootAlgorithm.CURRENT : SetBootAlgorithm.LEGACY; }

    public OtaConfig withAntiRollback(boolean on) {
        return new OtaConfig(rollback, on, idfVersion);
    }

    /** The same options for firmware built with ESP-IDF {@code version} ({@code "v5.5"}, {@code "v6.0"}). */
    public OtaConfig withIdfVersion(String version) {
        return new OtaConfig(rollback, antiRollback, version);
    }
}
