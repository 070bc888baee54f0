package esp32ota.examples;

import esp32ota.device.App;
import esp32ota.device.AppContext;
import esp32ota.device.LogLevel;
import esp32ota.ota.EspErr;
import esp32ota.ota.EspHttpsOta;

/**
 * ESP-IDF's {@code examples/system/ota/simple_ota_example} (tag {@code simple_ota_example}): {@code app_main} prints
 * the SHA-256 of the bootloader and the running firmware, runs the app's own start-up check, then the OTA task:
 * {@code Attempting to download update from <url>}, one {@code esp_https_ota()} call, then
 * {@code OTA Succeed, Rebooting...} and {@code esp_restart()}, or {@code Firmware upgrade failed} (the task then
 * idles). It does not compare versions: it installs whatever the server sends.
 */
public record SimpleOtaExample(ExampleConfig config, App diagnostics) implements App {
    public static final String TAG = "simple_ota_example";

    public static SimpleOtaExample of(ExampleConfig config) { return new SimpleOtaExample(config, App.IDLE); }

    @Override public void run(AppContext ctx) {
        ctx.log(LogLevel.INFO, TAG, "OTA example app_main start");
        StartupHashes.bootloader(ctx, TAG);
        StartupHashes.currentFirmware(ctx, TAG);
        diagnostics.run(ctx);
        ctx.log(LogLevel.INFO, TAG, "Starting OTA example task");
        ctx.log(LogLevel.INFO, TAG, "Attempting to download update from %s", config.url());
        EspErr ret = EspHttpsOta.run(ctx.ota(), httpsConfig(config), ctx::emit);
        if (ret.ok()) {
            ctx.log(LogLevel.INFO, TAG, "OTA Succeed, Rebooting...");
            ctx.restart();
        }
        ctx.log(LogLevel.ERROR, TAG, "Firmware upgrade failed");
    }

    /** The example's settings as an {@code esp_https_ota_config_t}. */
    static EspHttpsOta.Config httpsConfig(ExampleConfig c) {
        return new EspHttpsOta.Config(c.url(), c.certPem(), c.timeout(), 0, c.allowHttp(), c.bulkFlashErase(),
                c.partialDownload(), c.link());
    }
}
