package esp32ota.examples;

import esp32ota.http.EspHttpClient;
import esp32ota.http.LinkModel;

import java.time.Duration;
import java.util.Optional;

/**
 * The Kconfig and build-time settings an OTA example app is built with.
 *
 * @param url              {@code CONFIG_EXAMPLE_FIRMWARE_UPG_URL} (native) / {@code CONFIG_EXAMPLE_FIRMWARE_UPGRADE_URL}
 * @param certPem          {@code server_certs/ca_cert.pem} built into the app ({@code cert_pem}); empty: none
 * @param timeout          {@code CONFIG_EXAMPLE_OTA_RECV_TIMEOUT} (5000 ms)
 * @param skipVersionCheck {@code CONFIG_EXAMPLE_SKIP_VERSION_CHECK}
 * @param allowHttp        {@code CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP} (esp_https_ota only)
 * @param bulkFlashErase   {@code esp_https_ota_config_t.bulk_flash_erase}
 * @param partialDownload  {@code partial_http_download} with {@code max_http_request_size} bytes per request
 *                         (0 = off)
 * @param link             how long the network takes on the device's clock
 */
public record ExampleConfig(String url, Optional<String> certPem, Duration timeout, boolean skipVersionCheck,
                            boolean allowHttp, boolean bulkFlashErase, int partialDownload, LinkModel link) {
    public ExampleConfig {
        if (partialDownload < 0) throw new IllegalArgumentException("max_http_request_size must be >= 0");
    }

    /** {@code url}, no certificate, 5 s timeout, version check on, HTTP not allowed, LAN link. */
    public static ExampleConfig of(String url) {
        return new ExampleConfig(url, Optional.empty(), Duration.ofSeconds(5), false, false, false, 0, LinkModel.LAN);
    }

    public ExampleConfig withCertPem(String pem) {
        return new ExampleConfig(url, Optional.of(pem), timeout, skipVersionCheck, allowHttp, bulkFlashErase,
                partialDownload, link);
    }

    public ExampleConfig withAllowHttp(boolean on) {
        return new ExampleConfig(url, certPem, timeout, skipVersionCheck, on, bulkFlashErase, partialDownload, link);
    }

    public ExampleConfig withBulkFlashErase(boolean on) {
        return new ExampleConfig(url, certPem, timeout, skipVersionCheck, allowHttp, on, partialDownload, link);
    }

    public ExampleConfig withPartialDownload(int maxHttpRequestSize) {
        return new ExampleConfig(url, certPem, timeout, skipVersionCheck, allowHttp, bulkFlashErase,
                maxHttpRequestSize, link);
    }

    public ExampleConfig withSkipVersionCheck(boolean on) {
        return new ExampleConfig(url, certPem, timeout, on, allowHttp, bulkFlashErase, partialDownload, link);
    }

    public ExampleConfig withLink(LinkModel l) {
        return new ExampleConfig(url, certPem, timeout, skipVersionCheck, allowHttp, bulkFlashErase, partialDownload, l);
    }

    public ExampleConfig withTimeout(Duration t) {
        return new ExampleConfig(url, certPem, t, skipVersionCheck, allowHttp, bulkFlashErase, partialDownload, link);
    }

    /** The esp_http_client settings: timeout and {@code cert_pem}. */
    public EspHttpClient.Config httpConfig() {
        EspHttpClient.Config c = EspHttpClient.Config.defaults().withTimeout(timeout);
        return certPem.map(c::withCertPem).orElse(c);
    }
}
