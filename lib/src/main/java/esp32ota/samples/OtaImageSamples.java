package esp32ota.samples;

import esp32ota.bytes.Bytes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The blink versions the virtual ESP32's OTA scenarios need besides {@code images/blink/}: each one's behaviour is
 * chosen from its version string ({@code esp32ota.device.AppCatalog#builtIn}).
 */
public final class OtaImageSamples implements SampleFamily {
    public static final String DIR = "images/ota/";

    @Override public String name() { return "OTA scenario images"; }

    @Override public Map<String, Bytes> files() {
        Map<String, Bytes> f = new LinkedHashMap<>();
        f.put(DIR + "blink-2.0.0-selftest-fail.bin", ImageSamples.blink("2.0.0-selftest-fail", 1).build());
        f.put(DIR + "blink-2.0.0-hang.bin", ImageSamples.blink("2.0.0-hang", 1).build());
        f.put(DIR + "blink-3.0.0-sv2.bin", ImageSamples.blink("3.0.0", 2).build());
        f.put(DIR + "blink-0.9.0-sv0.bin", ImageSamples.blink("0.9.0", 0).build());
        return Collections.unmodifiableMap(f);
    }

    @Override public String readme() {
        return """
                ## OTA scenario images (`images/ota/`)

                More versions of blink (esp32ota.samples.OtaImageSamples), for the virtual ESP32
                (`esp32ota.device.VirtualEsp32`): it picks each app's behaviour from the image's project name and
                version. Blink 1.0.0, 1.1.0 and 2.0.0 (`images/blink/`) run native_ota_example's start-up check: on
                their first boot after an update (state PENDING_VERIFY, rollback enabled) they pass their
                diagnostics and call `esp_ota_mark_app_valid_cancel_rollback()`.

                | file | what it does on the virtual ESP32 |
                |---|---|
                | `images/ota/blink-2.0.0-selftest-fail.bin` | version `2.0.0-selftest-fail`, secure_version 1: fails its diagnostics and calls `esp_ota_mark_app_invalid_rollback_and_reboot()`: otadata marks it INVALID and the previous app boots again |
                | `images/ota/blink-2.0.0-hang.bin` | version `2.0.0-hang`, secure_version 1: hangs in its diagnostics, never confirms; after 5 s the task watchdog panics ("Task watchdog got triggered…", "Aborting.", "Rebooting...") and the chip restarts (SW_CPU_RESET), the bootloader turns PENDING_VERIFY into ABORTED and boots the previous app |
                | `images/ota/blink-3.0.0-sv2.bin` | version 3.0.0 with secure_version 2 (higher): with anti-rollback, confirming it raises the eFuse to 2 |
                | `images/ota/blink-0.9.0-sv0.bin` | version 0.9.0 with secure_version 0 (lower): with anti-rollback and eFuse ≥ 1, `esp_ota_set_boot_partition` erases it and returns ESP_ERR_OTA_SMALL_SEC_VER |
                """;
    }
}
