/**
 * ESP-IDF's OTA example apps as {@link esp32ota.device.App} behaviours for the virtual ESP32, each with its tag and
 * log lines: {@link esp32ota.examples.NativeOtaExample} (esp_ota_* driven by hand over esp_http_client),
 * {@link esp32ota.examples.SimpleOtaExample} (one {@code esp_https_ota} call) and
 * {@link esp32ota.examples.AdvancedHttpsOtaExample} (begin, get_img_desc, perform loop, finish or abort); and
 * {@link esp32ota.examples.OtaRun}, which builds a device with the old app, serves the new image on 127.0.0.1 and
 * follows the device through the update and its reboots.
 */
package esp32ota.examples;
