/**
 * The application side of OTA, ESP-IDF's app_update component (esp_ota_ops.c): which partition boots next
 * ({@link esp32ota.ota.OtaOps}), confirming or rejecting the running app ({@link esp32ota.ota.OtaRollback}), each as a
 * pure function that returns an {@link esp32ota.ota.OtaCall} with its {@link esp32ota.ota.EspErr}; and
 * {@link esp32ota.ota.UpdateSession}, an update told as a sequence of typed steps (boots and calls).
 *
 * <p>It builds on {@code esp32ota.boot} (the bootloader, app slots, configuration, log lines and the
 * {@link esp32ota.boot.Journal}) and on {@code esp32ota.otadata}; it re-implements neither.
 */
package esp32ota.ota;
