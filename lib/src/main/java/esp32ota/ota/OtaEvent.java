package esp32ota.ota;

import java.util.OptionalLong;

/**
 * What an OTA client reports while it downloads and writes, besides the API calls: progress on both clocks, the
 * pauses flash erases cause, and the {@code ESP_HTTPS_OTA_EVENT}s of esp_https_ota. A device wraps them in its own
 * event stream, so a view can chart bytes over virtual time (what the chip would take) and over wall time (what this
 * machine took).
 */
public sealed interface OtaEvent permits OtaEvent.Request, OtaEvent.Progress, OtaEvent.EraseStall,
        OtaEvent.HttpsOta {

    /**
     * The device sent an HTTP request and got a response head ({@code esp_http_client_open} + fetch headers).
     *
     * @param method        GET or HEAD
     * @param url           the URL asked for
     * @param range         the {@code Range} header sent, if any
     * @param status        the response's status code
     * @param contentLength the announced body length, -1 when none
     */
    record Request(String method, String url, java.util.Optional<String> range, int status, long contentLength)
            implements OtaEvent {}

    /**
     * A chunk was written to the update partition.
     *
     * @param written       image bytes written so far
     * @param total         the image size when the server announced it (Content-Length)
     * @param virtualMicros the device's virtual clock after this chunk (µs since power-on)
     * @param wallNanos     wall-clock nanoseconds since the download started
     */
    record Progress(long written, OptionalLong total, long virtualMicros, long wallNanos) implements OtaEvent {
        /** Percent done, when the total is known. */
        public OptionalLong percent() {
            return total.isPresent() && total.getAsLong() > 0
                    ? OptionalLong.of(Math.min(100, written * 100 / total.getAsLong())) : OptionalLong.empty();
        }
    }

    /**
     * {@code esp_ota_write} had to erase before it could program: the chunk waited {@code micros} on the virtual
     * clock for {@code erases} erase operations starting at flash address {@code address}.
     */
    record EraseStall(long address, int erases, long micros) implements OtaEvent {}

    /**
     * An {@code ESP_HTTPS_OTA_EVENT} as esp_https_ota posts it ({@code esp_https_ota_event_t}); {@code data} is the
     * event's payload where it has one (WRITE_FLASH: bytes written, VERIFY_CHIP_ID: the image's chip id,
     * VERIFY_CHIP_REVISION: its minimum revision, UPDATE_BOOT_PARTITION: the partition subtype), else 0.
     */
    record HttpsOta(Id id, long data) implements OtaEvent {
        /** The events in the order esp_https_ota posts them. */
        public enum Id {
            START, CONNECTED, GET_IMG_DESC, VERIFY_CHIP_ID, VERIFY_CHIP_REVISION, DECRYPT_CB, WRITE_FLASH,
            UPDATE_BOOT_PARTITION, FINISH, ABORT;

            /** ESP-IDF's constant name, {@code ESP_HTTPS_OTA_START}, … */
            public String espName() { return "ESP_HTTPS_OTA_" + name(); }
        }
    }
}
