package esp32ota.examples;

import esp32ota.device.App;
import esp32ota.device.AppContext;
import esp32ota.device.LogLevel;
import esp32ota.image.AppDescriptor;
import esp32ota.ota.EspErr;
import esp32ota.ota.EspHttpsOta;
import esp32ota.ota.OtaApi;
import esp32ota.ota.OtaEvent;
import esp32ota.ota.OtaResult;

/**
 * ESP-IDF's {@code examples/system/ota/advanced_https_ota_example} (tag {@code advanced_https_ota_example}): an
 * event handler that logs every {@code ESP_HTTPS_OTA_EVENT} ({@code OTA started}, {@code Connected to server}, …),
 * and a task that calls {@code esp_https_ota_begin}, {@code esp_https_ota_get_img_desc}, checks the new version
 * against the running one ({@code validate_image_header}), loops {@code esp_https_ota_perform} while it returns
 * IN_PROGRESS, checks {@code esp_https_ota_is_complete_data_received}, then {@code esp_https_ota_finish} and
 * restarts — or {@code esp_https_ota_abort} with its error lines.
 */
public record AdvancedHttpsOtaExample(ExampleConfig config, App diagnostics) implements App {
    public static final String TAG = "advanced_https_ota_example";

    public static AdvancedHttpsOtaExample of(ExampleConfig config) {
        return new AdvancedHttpsOtaExample(config, App.IDLE);
    }

    @Override public void run(AppContext ctx) {
        ctx.log(LogLevel.INFO, TAG, "OTA example app_main start");
        diagnostics.run(ctx);
        task(ctx);
    }

    private void task(AppContext ctx) {
        ctx.log(LogLevel.INFO, TAG, "Starting Advanced OTA example");
        OtaResult<EspHttpsOta> begun = EspHttpsOta.begin(ctx.ota(), SimpleOtaExample.httpsConfig(config),
                e -> handle(ctx, e));
        if (!begun.ok()) {
            error(ctx, "ESP HTTPS OTA Begin failed");
            return;
        }
        EspHttpsOta ota = begun.orElseThrow();
        OtaResult<AppDescriptor> desc = ota.getImgDesc();
        if (!desc.ok()) {
            error(ctx, "esp_https_ota_get_img_desc failed");
            otaEnd(ctx, ota);
            return;
        }
        if (!validateImageHeader(ctx, desc.orElseThrow())) {
            error(ctx, "image header verification failed");
            otaEnd(ctx, ota);
            return;
        }
        EspErr err;
        while ((err = ota.perform()) == EspErr.ESP_ERR_HTTPS_OTA_IN_PROGRESS) {
            ctx.log(LogLevel.DEBUG, TAG, "Image bytes read: %d", ota.getImageLenRead());
        }
        if (!ota.isCompleteDataReceived()) {
            error(ctx, "Complete data was not received.");
            otaEnd(ctx, ota);
            return;
        }
        EspErr finish = ota.finish();
        if (err.ok() && finish.ok()) {
            ctx.log(LogLevel.INFO, TAG, "ESP_HTTPS_OTA upgrade successful. Rebooting ...");
            ctx.delay(1000);
            ctx.restart();
        }
        if (finish == EspErr.ESP_ERR_OTA_VALIDATE_FAILED) error(ctx, "Image validation failed, image is corrupted");
        error(ctx, "ESP_HTTPS_OTA upgrade failed 0x%x".formatted(finish.code()));
    }

    /** {@code ota_end:} abort and the last error line. */
    private static void otaEnd(AppContext ctx, EspHttpsOta ota) {
        ota.abort();
        error(ctx, "ESP_HTTPS_OTA upgrade failed");
    }

    /** {@code validate_image_header}: the running version and the same-version check. */
    private boolean validateImageHeader(AppContext ctx, AppDescriptor incoming) {
        OtaApi api = ctx.ota();
        OtaResult<AppDescriptor> running = api.getPartitionDescription(api.getRunningPartition());
        running.value().ifPresent(d -> ctx.log(LogLevel.INFO, TAG, "Running firmware version: %s", d.versionText()));
        if (!config.skipVersionCheck() && running.value().map(d -> d.version().equals(incoming.version())).orElse(false)) {
            ctx.log(LogLevel.WARN, TAG, "Current running version is the same as a new. We will not continue the update.");
            return false;
        }
        return true;
    }

    /** The example's event handler: one line per ESP_HTTPS_OTA_EVENT; also forwards the event to the device. */
    private static void handle(AppContext ctx, OtaEvent e) {
        ctx.emit(e);
        if (!(e instanceof OtaEvent.HttpsOta h)) return;
        switch (h.id()) {
            case START -> ctx.log(LogLevel.INFO, TAG, "OTA started");
            case CONNECTED -> ctx.log(LogLevel.INFO, TAG, "Connected to server");
            case GET_IMG_DESC -> ctx.log(LogLevel.INFO, TAG, "Reading Image Description");
            case VERIFY_CHIP_ID -> ctx.log(LogLevel.INFO, TAG, "Verifying chip id of new image: %d", h.data());
            case VERIFY_CHIP_REVISION -> ctx.log(LogLevel.INFO, TAG, "Verifying chip revision of new image: %d", h.data());
            case DECRYPT_CB -> ctx.log(LogLevel.INFO, TAG, "Callback to decrypt function");
            case WRITE_FLASH -> ctx.log(LogLevel.DEBUG, TAG, "Writing to flash: %d written", h.data());
            case UPDATE_BOOT_PARTITION -> ctx.log(LogLevel.INFO, TAG, "Boot partition updated. Next Partition: %d", h.data());
            case FINISH -> ctx.log(LogLevel.INFO, TAG, "OTA finish");
            case ABORT -> ctx.log(LogLevel.INFO, TAG, "OTA abort");
        }
    }

    private static void error(AppContext ctx, String text) { ctx.log(LogLevel.ERROR, TAG, "%s", text); }
}
