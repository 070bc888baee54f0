package esp32ota.examples;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.App;
import esp32ota.device.AppContext;
import esp32ota.device.LogLevel;
import esp32ota.image.AppDescriptor;
import esp32ota.ota.AppView;
import esp32ota.ota.ChunkWriter;
import esp32ota.ota.Download;
import esp32ota.ota.EspErr;
import esp32ota.ota.OtaApi;
import esp32ota.ota.OtaResult;
import esp32ota.partition.PartitionEntry;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * ESP-IDF's {@code examples/system/ota/native_ota_example} as an app of the virtual ESP32 (tag
 * {@code native_ota_example}), step by step with its log lines (formats.md §5.3):
 *
 * <ol>
 *   <li>{@code app_main}: {@code OTA example app_main start}, the SHA-256 of the partition table, the bootloader and
 *       the running firmware, then the app's own start-up check ({@code diagnostics}: on the first boot after an
 *       update it confirms itself or rolls back), then the OTA task;</li>
 *   <li>the task: the configured and running partitions, {@code esp_http_client_open} on the configured URL (no
 *       status check, as in the example), {@code esp_ota_get_next_update_partition(NULL)};</li>
 *   <li>a loop of {@code esp_http_client_read} into a 1024-byte buffer ({@code BUFFSIZE}); the first chunk must
 *       hold the image header, segment header and {@code esp_app_desc_t}: the new version is compared with the
 *       running one and with the last invalid one (memcmp of the 32-byte field) before
 *       {@code esp_ota_begin(OTA_WITH_SEQUENTIAL_WRITES)}; every chunk goes to {@code esp_ota_write};</li>
 *   <li>{@code esp_ota_end}, {@code esp_ota_set_boot_partition}, {@code Prepare to restart system!},
 *       {@code esp_restart()}.</li>
 * </ol>
 *
 * Where the example loops forever ("press the reset button", the waiting loop) the model prints the first line of
 * the loop and the app idles; where the task deletes itself after an error the app idles too.
 */
public record NativeOtaExample(ExampleConfig config, App diagnostics) implements App {
    public static final String TAG = "native_ota_example";
    /** {@code BUFFSIZE}: the example reads 1024 bytes at a time. */
    public static final int BUFFSIZE = 1024;
    /** {@code sizeof(esp_image_header_t) + sizeof(esp_image_segment_header_t) + sizeof(esp_app_desc_t)}. */
    public static final int HEADERS_SIZE = 24 + 8 + 256;
    /** lwIP's {@code ENOTCONN}: what {@code errno} holds after the server closed the connection. */
    static final int ENOTCONN = 128;

    /** The example with no start-up check of its own. */
    public static NativeOtaExample of(ExampleConfig config) { return new NativeOtaExample(config, App.IDLE); }

    @Override public void run(AppContext ctx) {
        ctx.log(LogLevel.INFO, TAG, "OTA example app_main start");
        StartupHashes.partitionTable(ctx, TAG);
        StartupHashes.bootloader(ctx, TAG);
        StartupHashes.currentFirmware(ctx, TAG);
        diagnostics.run(ctx);
        task(ctx);
    }

    private void task(AppContext ctx) {
        OtaApi ota = ctx.ota();
        info(ctx, "Starting OTA example task");
        Optional<AppSlot> configured = ota.getBootPartition();
        AppSlot running = ota.getRunningPartition();
        PartitionEntry runningPart = partition(ctx, running);
        if (configured.isPresent() && !configured.get().equals(running)) {
            ctx.log(LogLevel.WARN, TAG, "Configured OTA boot partition at offset 0x%08x, but running from offset 0x%08x",
                    partition(ctx, configured.get()).offset(), runningPart.offset());
            ctx.log(LogLevel.WARN, TAG,
                    "(This can happen if either the OTA boot data or preferred boot image become corrupted somehow.)");
        }
        info(ctx, "Running partition type %d subtype %d (offset 0x%08x)".formatted(runningPart.type(),
                runningPart.subtype(), runningPart.offset()));
        try (Download http = new Download(config.httpConfig(), config.link(), ctx.clock(), ctx::emit)) {
            try {
                http.open("GET", config.url(), Map.of());
            } catch (IOException | IllegalArgumentException e) {
                error(ctx, "Failed to open HTTP connection: " + EspErr.ESP_ERR_HTTP_CONNECT);
                fatal(ctx);
                return;
            }
            download(ctx, ota, http);
        } catch (IOException closing) {
            // http_cleanup: a failing close changes nothing on the device
        }
    }

    private void download(AppContext ctx, OtaApi ota, Download http) {
        Optional<AppSlot> next = ota.getNextUpdatePartition();
        if (next.isEmpty()) throw new IllegalStateException("assert failed: update_partition != NULL (no OTA slot)");
        PartitionEntry update = partition(ctx, next.get());
        info(ctx, "Writing to partition subtype %d at offset 0x%x".formatted(update.subtype(), update.offset()));
        long length = http.client().contentLength();
        OptionalLong total = length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
        byte[] buf = new byte[BUFFSIZE];
        ChunkWriter writer = null;
        int handle = 0;
        long binaryFileLength = 0;
        while (true) {
            int read;
            try {
                read = http.read(buf);
            } catch (IOException e) {
                error(ctx, "Error: SSL data read error");
                if (writer != null) ota.abort(handle);
                fatal(ctx);
                return;
            }
            if (read > 0) {
                Bytes chunk = Bytes.of(buf, 0, read);
                if (writer == null) {
                    if (read <= HEADERS_SIZE) {
                        error(ctx, "received package is not fit len");
                        fatal(ctx);
                        return;
                    }
                    if (!versionsAllowUpdate(ctx, ota, chunk)) return;
                    OtaResult<Integer> begun = ota.begin(next.get(), OtaApi.OTA_WITH_SEQUENTIAL_WRITES);
                    if (!begun.ok()) {
                        error(ctx, "esp_ota_begin failed (%s)".formatted(begun.err()));
                        fatal(ctx);
                        return;
                    }
                    handle = begun.orElseThrow();
                    info(ctx, "esp_ota_begin succeeded");
                    writer = new ChunkWriter(ota, handle, total, ctx::emit, http::wallNanos);
                }
                if (!writer.write(chunk).ok()) {
                    ota.abort(handle);
                    fatal(ctx);
                    return;
                }
                binaryFileLength += read;
                ctx.log(LogLevel.DEBUG, TAG, "Written image length %d", binaryFileLength);
            } else if (http.client().isCompleteDataReceived()) {
                info(ctx, "Connection closed");
                break;
            } else {
                error(ctx, "Connection closed, errno = " + ENOTCONN);
                break;
            }
        }
        info(ctx, "Total Write binary data length: " + binaryFileLength);
        if (!http.client().isCompleteDataReceived()) {
            error(ctx, "Error in receiving complete file");
            if (writer != null) ota.abort(handle);
            fatal(ctx);
            return;
        }
        if (writer == null) {                                   // an empty body: nothing was begun
            fatal(ctx);
            return;
        }
        EspErr end = ota.end(handle);
        if (!end.ok()) {
            if (end == EspErr.ESP_ERR_OTA_VALIDATE_FAILED) error(ctx, "Image validation failed, image is corrupted");
            else error(ctx, "esp_ota_end failed (%s)!".formatted(end));
            fatal(ctx);
            return;
        }
        EspErr set = ota.setBootPartition(next.get());
        if (!set.ok()) {
            error(ctx, "esp_ota_set_boot_partition failed (%s)!".formatted(set));
            fatal(ctx);
            return;
        }
        info(ctx, "Prepare to restart system!");
        ctx.restart();
    }

    /** The version checks on the first chunk; false when the example stops (and waits for a reset). */
    private boolean versionsAllowUpdate(AppContext ctx, OtaApi ota, Bytes firstChunk) {
        Bytes newVersion = firstChunk.slice(HEADERS_SIZE - 256 + AppDescriptor.OFF_VERSION,
                HEADERS_SIZE - 256 + AppDescriptor.OFF_VERSION + 32);
        info(ctx, "New firmware version: " + AppDescriptor.text(newVersion));
        OtaResult<AppDescriptor> runningApp = ota.getPartitionDescription(ota.getRunningPartition());
        runningApp.value().ifPresent(d -> info(ctx, "Running firmware version: " + d.versionText()));
        Optional<AppSlot> lastInvalid = ota.getLastInvalidPartition();
        Optional<AppDescriptor> invalidApp = lastInvalid.flatMap(s -> ota.getPartitionDescription(s).value());
        invalidApp.ifPresent(d -> info(ctx, "Last invalid firmware version: " + d.versionText()));
        if (invalidApp.isPresent() && invalidApp.get().version().equals(newVersion)) {
            warn(ctx, "New version is the same as invalid version.");
            warn(ctx, "Previously, there was an attempt to launch the firmware with %s version, but it failed."
                    .formatted(invalidApp.get().versionText()));
            warn(ctx, "The firmware has been rolled back to the previous version.");
            waitForever(ctx);
            return false;
        }
        if (!config.skipVersionCheck() && runningApp.value().map(d -> d.version().equals(newVersion)).orElse(false)) {
            warn(ctx, "Current running version is the same as a new. We will not continue the update.");
            waitForever(ctx);
            return false;
        }
        return true;
    }

    /** {@code infinite_loop()}: the first of its lines (every 2 s forever on a board); then the app idles. */
    private static void waitForever(AppContext ctx) {
        info(ctx, "When a new firmware is available on the server, press the reset button to download it");
        info(ctx, "Waiting for a new firmware ... 1");
    }

    /** {@code task_fatal_error()}: the task deletes itself; the rest of the app keeps running. */
    private static void fatal(AppContext ctx) { error(ctx, "Exiting task due to fatal error..."); }

    private static PartitionEntry partition(AppContext ctx, AppSlot slot) {
        return AppView.of(ctx.table()).find(slot).orElseThrow();
    }

    private static void info(AppContext ctx, String text) { ctx.log(LogLevel.INFO, TAG, "%s", text); }

    private static void warn(AppContext ctx, String text) { ctx.log(LogLevel.WARN, TAG, "%s", text); }

    private static void error(AppContext ctx, String text) { ctx.log(LogLevel.ERROR, TAG, "%s", text); }
}
