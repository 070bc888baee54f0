package esp32ota.ota;

/** The {@code esp_err_t} values the OTA functions return (esp_err.h, esp_ota_ops.h). */
public enum EspErr {
    ESP_OK(0),
    ESP_FAIL(-1),
    ESP_ERR_INVALID_ARG(0x102),
    ESP_ERR_INVALID_SIZE(0x104),
    ESP_ERR_NOT_FOUND(0x105),
    ESP_ERR_NOT_SUPPORTED(0x106),
    ESP_ERR_OTA_PARTITION_CONFLICT(0x1501),
    ESP_ERR_OTA_SELECT_INFO_INVALID(0x1502),
    ESP_ERR_OTA_VALIDATE_FAILED(0x1503),
    ESP_ERR_OTA_SMALL_SEC_VER(0x1504),
    ESP_ERR_OTA_ROLLBACK_FAILED(0x1505),
    ESP_ERR_OTA_ROLLBACK_INVALID_STATE(0x1506);

    private final int code;

    EspErr(int code) { this.code = code; }

    public int code() { return code; }

    public boolean ok() { return this == ESP_OK; }
}
