package esp32ota.ota;


import java.util.Optional;

/**
 * What an {@code esp_ota_*} function that fills an out-parameter gives back: its {@code esp_err_t} and, when it
 * succeeded, the value C writes through the pointer ({@code esp_ota_begin}'s handle,
 * {@code esp_ota_get_partition_description}'s {@code esp_app_desc_t}, {@code esp_ota_get_state_partition}'s state).
 */
public record OtaResult<T>(EspErr err, Optional<T> value) {
    public static <T> OtaResult<T> ok(T value) { return new OtaResult<>(EspErr.ESP_OK, Optional.of(value)); }

    public static <T> OtaResult<T> failed(EspErr err) { return new OtaResult<>(err, Optional.empty()); }

    public boolean ok() { return err.ok(); }

    /** The value; {@link IllegalStateException} naming the error when the call failed. */
    public T orElseThrow() {
        return value.orElseThrow(() -> new IllegalStateException("the call returned " + err));
    }
}
