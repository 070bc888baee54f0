/**
 * The application side of OTA, ESP-IDF's app_update component (esp_ota_ops.c): which partition boots next
 * ({@link esp32ota.ota.OtaOps}), confirming or rejecting the running app ({@link esp32ota.ota.OtaRollback}), each as a
 * pure function that returns an {@link esp32ota.ota.OtaCall} with its {@link esp32ota.ota.EspErr}; and
 * {@link esp32ota.ota.UpdateSession}, an update told as a sequence of typed steps (boots and calls).
 *
 * <p>On a running device: {@link esp32ota.ota.OtaApi} (the {@code esp_ota_*} functions over flash) and
 * {@link esp32ota.ota.EspHttpsOta} (the esp_https_ota component on top of it, over a real socket through
 * {@link esp32ota.ota.Download}); {@link esp32ota.ota.ChunkWriter} is the write step of a download loop, and
 * {@link esp32ota.ota.OtaEvent} what such a loop reports (requests, progress on both clocks, erase stalls,
 * {@code ESP_HTTPS_OTA_EVENT}s).
 *
 * <p>It builds on {@code esp32ota.boot} (the bootloader, app slots, configuration, log lines and the
 * {@link esp32ota.boot.Journal}) and on {@code esp32ota.otadata}; it re-implements neither.
 */
package esp32ota.ota;
