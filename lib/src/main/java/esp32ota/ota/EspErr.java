package esp32ota.ota;

/**
 * The {@code esp_err_t} values the OTA functions return (esp_err.h, esp_ota_ops.h, esp_http_client.h,
 * esp_https_ota.h).
 */
public enum EspErr {
    ESP_OK(0),
    ESP_FAIL(-1),
    ESP_ERR_INVALID_ARG(0x102),
    ESP_ERR_INVALID_STATE(0x103),
    ESP_ERR_INVALID_SIZE(0x104),
    ESP_ERR_NOT_FOUND(0x105),
    ESP_ERR_NOT_SUPPORTED(0x106),
    /** The image's chip id or chip revision does not fit this chip (esp_https_ota's chip checks). */
    ESP_ERR_INVALID_VERSION(0x10A),
    ESP_ERR_OTA_PARTITION_CONFLICT(0x1501),
    ESP_ERR_OTA_SELECT_INFO_INVALID(0x1502),
    ESP_ERR_OTA_VALIDATE_FAILED(0x1503),
    ESP_ERR_OTA_SMALL_SEC_VER(0x1504),
    ESP_ERR_OTA_ROLLBACK_FAILED(0x1505),
    ESP_ERR_OTA_ROLLBACK_INVALID_STATE(0x1506),
    /** {@code esp_http_client_open} could not connect (TCP or TLS, e.g. an untrusted certificate). */
    ESP_ERR_HTTP_CONNECT(0x7002),
    /** {@code esp_http_client_read} has nothing yet (a read timeout). */
    ESP_ERR_HTTP_EAGAIN(0x7007),
    /** The server answered 304 Not Modified (newer esp_http_client releases). */
    ESP_ERR_HTTP_NOT_MODIFIED(0x7009),
    /** {@code esp_https_ota_perform}: more data to come, call it again ({@code ESP_ERR_HTTPS_OTA_BASE + 1}). */
    ESP_ERR_HTTPS_OTA_IN_PROGRESS(0x9001);

    private final int code;

    EspErr(int code) { this.code = code; }

    public int code() { return code; }

    public boolean ok() { return this == ESP_OK; }
}
