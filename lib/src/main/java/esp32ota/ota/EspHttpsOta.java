package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.boot.LogLine;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.ByteReader;
import esp32ota.http.EspHttpClient;
import esp32ota.http.LinkModel;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Chip;
import esp32ota.partition.PartitionEntry;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * ESP-IDF's {@code esp_https_ota} component on a running app (tag {@code esp_https_ota}): the advanced API
 * ({@link #begin}, {@link #getImgDesc}, {@link #perform} until it stops returning
 * {@link EspErr#ESP_ERR_HTTPS_OTA_IN_PROGRESS}, {@link #isCompleteDataReceived}, {@link #finish} or {@link #abort})
 * and the one-call form {@link #run} ({@code esp_https_ota()}). It downloads over a real socket
 * ({@link Download}) and writes with this app's {@link OtaApi}; it posts the {@code ESP_HTTPS_OTA_EVENT}s in
 * ESP-IDF's order: START, CONNECTED, GET_IMG_DESC, VERIFY_CHIP_ID, VERIFY_CHIP_REVISION, WRITE_FLASH × n,
 * UPDATE_BOOT_PARTITION, FINISH | ABORT (DECRYPT_CB is not modelled).
 *
 * <p>Not modelled: redirects' and 401's own log lines (the client follows redirects silently), OTA resumption,
 * decryption callbacks, the SPI flash mode check of newer releases.
 */
public final class EspHttpsOta implements AutoCloseable {
    static final String TAG = "esp_https_ota";
    /** {@code sizeof(esp_image_header_t) + sizeof(esp_image_segment_header_t) + sizeof(esp_app_desc_t)}. */
    public static final int IMAGE_HEADER_SIZE = 24 + 8 + 256;
    /** {@code DEFAULT_OTA_BUF_SIZE}: the read buffer when {@code buffer_size} is smaller. */
    public static final int DEFAULT_OTA_BUF_SIZE = IMAGE_HEADER_SIZE + 1;

    /**
     * {@code esp_https_ota_config_t} with its {@code esp_http_client_config_t}.
     *
     * @param url                {@code http_config.url}
     * @param certPem            {@code http_config.cert_pem} (no bundle or global CA store is modelled)
     * @param timeout            {@code http_config.timeout_ms}
     * @param bufferSize         {@code http_config.buffer_size} (the read buffer is at least
     *                           {@link #DEFAULT_OTA_BUF_SIZE})
     * @param allowHttp          {@code CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP}: go on without a certificate
     * @param bulkFlashErase     erase the image's size (or the whole partition) in {@code esp_ota_begin} instead of
     *                           sequential erases
     * @param maxHttpRequestSize {@code partial_http_download} with this many bytes per request; 0 = one GET
     * @param link               the network's cost on the device's clock
     */
    public record Config(String url, Optional<String> certPem, Duration timeout, int bufferSize, boolean allowHttp,
                         boolean bulkFlashErase, int maxHttpRequestSize, LinkModel link) {
        public Config {
            if (bufferSize < 0 || maxHttpRequestSize < 0) throw new IllegalArgumentException("sizes must be >= 0");
        }

        /** {@code url}, no certificate, 5 s, default buffer, HTTP not allowed, sequential erase, one GET, LAN. */
        public static Config of(String url) {
            return new Config(url, Optional.empty(), Duration.ofSeconds(5), 0, false, false, 0, LinkModel.LAN);
        }

        public Config withCertPem(String pem) {
            return new Config(url, Optional.of(pem), timeout, bufferSize, allowHttp, bulkFlashErase,
                    maxHttpRequestSize, link);
        }

        public Config withAllowHttp(boolean on) {
            return new Config(url, certPem, timeout, bufferSize, on, bulkFlashErase, maxHttpRequestSize, link);
        }

        EspHttpClient.Config http() {
            EspHttpClient.Config c = EspHttpClient.Config.defaults().withTimeout(timeout);
            return certPem.map(c::withCertPem).orElse(c);
        }
    }

    private enum State { INIT, BEGIN, IN_PROGRESS, SUCCESS }

    private final OtaApi api;
    private final OtaHost host;
    private final Config config;
    private final Consumer<OtaEvent> events;
    private final Download http;
    private final byte[] buf;
    private final AppSlot partition;
    private State state = State.INIT;
    private long imageLength = -1;
    private long lenRead;
    private int buffered;                      // bytes read by getImgDesc, written by the first perform
    private int handle;
    private ChunkWriter writer;
    private boolean partial;

    private EspHttpsOta(OtaApi api, Config config, Consumer<OtaEvent> events, AppSlot partition, Download http) {
        this.api = api;
        this.host = api.host();
        this.config = config;
        this.events = events;
        this.partition = partition;
        this.http = http;
        this.buf = new byte[Math.max(config.bufferSize(), DEFAULT_OTA_BUF_SIZE)];
        this.partial = config.maxHttpRequestSize() > 0;
    }

    // ---- esp_https_ota() ----------------------------------------------------------------------------------------

    /**
     * {@code esp_https_ota(&config)}: begin, perform until done, finish; on a perform error abort and return it.
     * ESP_OK means the new image is written, verified and set to boot; the caller restarts.
     */
    public static EspErr run(OtaApi api, Config config, Consumer<OtaEvent> events) {
        OtaResult<EspHttpsOta> begun = begin(api, config, events);
        if (!begun.ok()) return EspErr.ESP_FAIL;
        EspHttpsOta ota = begun.orElseThrow();
        EspErr err;
        do {
            err = ota.perform();
        } while (err == EspErr.ESP_ERR_HTTPS_OTA_IN_PROGRESS);
        if (!err.ok()) {
            ota.abort();
            return err;
        }
        return ota.finish();
    }

    // ---- the advanced API ---------------------------------------------------------------------------------------

    /**
     * {@code esp_https_ota_begin(&config, &handle)}: posts START; refuses a config without a certificate unless
     * {@code allowHttp}; connects (a HEAD first with partial download) and checks the status (304, 404, 4xx, 5xx);
     * posts CONNECTED; picks {@code esp_ota_get_next_update_partition(NULL)}.
     */
    public static OtaResult<EspHttpsOta> begin(OtaApi api, Config config, Consumer<OtaEvent> events) {
        OtaHost host = api.host();
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.START, 0));
        if (config.certPem().isEmpty()) {
            if (!config.allowHttp()) {
                log(host, 'E', "No option for server verification is enabled in esp_http_client config.");
                return OtaResult.failed(EspErr.ESP_ERR_INVALID_ARG);
            }
            log(host, 'W', "Continuing with insecure option because CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP is set.");
        }
        Download http;
        try {
            http = new Download(config.http(), config.link(), host.flash().clock(), events);
        } catch (IllegalArgumentException e) {
            log(host, 'E', "Failed to initialise HTTP connection");
            return OtaResult.failed(EspErr.ESP_FAIL);
        }
        Optional<AppSlot> next = api.getNextUpdatePartition();
        EspHttpsOta ota = new EspHttpsOta(api, config, events, next.orElse(null), http);
        EspErr connected = ota.connect();
        if (!connected.ok()) {
            log(host, 'E', "Failed to establish HTTP connection");
            ota.close();
            return OtaResult.failed(connected);
        }
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.CONNECTED, 0));
        log(host, 'I', "Starting OTA...");
        if (next.isEmpty()) {
            log(host, 'E', "Passive OTA partition not found");
            ota.close();
            return OtaResult.failed(EspErr.ESP_FAIL);
        }
        PartitionEntry p = AppView.of(host.table()).find(next.get()).orElseThrow();
        log(host, 'I', "Writing to <%s> partition at offset 0x%x".formatted(p.name(), p.offset()));
        ota.state = State.BEGIN;
        return OtaResult.ok(ota);
    }

    /**
     * {@code esp_https_ota_get_img_desc(handle, &desc)}: posts GET_IMG_DESC, reads the image header, segment header
     * and {@code esp_app_desc_t}; ESP_FAIL when they do not all arrive or the descriptor's magic is wrong.
     */
    public OtaResult<AppDescriptor> getImgDesc() {
        if (state != State.BEGIN) {
            log('E', "esp_https_ota_get_img_desc: Invalid state");
            return OtaResult.failed(EspErr.ESP_FAIL);
        }
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.GET_IMG_DESC, 0));
        if (!readHeader()) return OtaResult.failed(EspErr.ESP_FAIL);
        AppDescriptor d = AppDescriptor.decode(ByteReader.of(Bytes.of(buf, 24 + 8, 256), 0));
        if (!d.hasMagic()) {
            log('E', "Incorrect app descriptor magic");
            return OtaResult.failed(EspErr.ESP_FAIL);
        }
        return OtaResult.ok(d);
    }

    /**
     * {@code esp_https_ota_perform(handle)}: the first call checks the image's chip id and revision (posting
     * VERIFY_CHIP_ID and VERIFY_CHIP_REVISION), calls {@code esp_ota_begin} and writes the header bytes; every call
     * writes one buffer (posting WRITE_FLASH) and returns {@link EspErr#ESP_ERR_HTTPS_OTA_IN_PROGRESS}; ESP_OK once
     * the whole image is written; ESP_FAIL when the connection ends early or a read fails.
     */
    public EspErr perform() {
        switch (state) {
            case BEGIN -> {
                if (buffered == 0 && !readHeader()) return EspErr.ESP_FAIL;
                EspErr chip = verifyChip(Bytes.of(buf, 0, buffered));
                if (!chip.ok()) return chip;
                long eraseSize = !config.bulkFlashErase() ? OtaApi.OTA_WITH_SEQUENTIAL_WRITES
                        : imageLength > 0 ? imageLength : OtaApi.OTA_SIZE_UNKNOWN;
                OtaResult<Integer> begun = api.begin(partition, eraseSize);
                if (!begun.ok()) {
                    log('E', "esp_ota_begin failed (%s)".formatted(begun.err()));
                    return begun.err();
                }
                handle = begun.orElseThrow();
                writer = new ChunkWriter(api, handle, imageLength >= 0 ? OptionalLong.of(imageLength)
                        : OptionalLong.empty(), events, http::wallNanos);
                state = State.IN_PROGRESS;
                int n = buffered;
                buffered = 0;
                return write(Bytes.of(buf, 0, n));
            }
            case IN_PROGRESS -> {
                int n;
                try {
                    n = http.read(buf);
                } catch (IOException e) {
                    log('E', "data read -1, errno 0");
                    return EspErr.ESP_FAIL;
                }
                if (n > 0) return write(Bytes.of(buf, 0, n));
                if (partial && lenRead < imageLength) {
                    EspErr next = nextRange();
                    return next.ok() ? EspErr.ESP_ERR_HTTPS_OTA_IN_PROGRESS : next;
                }
                if (!isCompleteDataReceived()) {
                    log('E', "Connection closed before complete data was received!");
                    return EspErr.ESP_FAIL;
                }
                log('D', "Connection closed");
                state = State.SUCCESS;
                return EspErr.ESP_OK;
            }
            case SUCCESS -> { return EspErr.ESP_OK; }
            default -> {
                log('E', "esp_https_ota_perform: Invalid state");
                return EspErr.ESP_FAIL;
            }
        }
    }

    /** {@code esp_https_ota_is_complete_data_received(handle)}. */
    public boolean isCompleteDataReceived() {
        if (partial) return imageLength >= 0 && lenRead == imageLength;
        return http.client().isCompleteDataReceived();
    }

    /** {@code esp_https_ota_get_image_len_read(handle)}: image bytes written so far. */
    public long getImageLenRead() { return lenRead; }

    /** {@code esp_https_ota_get_image_size(handle)}: the announced size, -1 when the server did not say. */
    public long getImageSize() { return imageLength; }

    /** The slot being written. */
    public AppSlot updatePartition() { return partition; }

    /**
     * {@code esp_https_ota_finish(handle)}: {@code esp_ota_end} (the image is verified), then, when the download
     * succeeded, {@code esp_ota_set_boot_partition} (posting UPDATE_BOOT_PARTITION); posts FINISH whatever happened.
     * As in ESP-IDF, finishing before {@link #perform} returned ESP_OK gives ESP_OK without setting the boot
     * partition (when {@code esp_ota_end} accepts what was written): check {@link #isCompleteDataReceived} first.
     */
    public EspErr finish() {
        EspErr err = EspErr.ESP_OK;
        if (state == State.IN_PROGRESS || state == State.SUCCESS) err = api.end(handle);
        close();
        if (err.ok() && state == State.SUCCESS) {
            EspErr set = api.setBootPartition(partition);
            if (!set.ok()) {
                log('E', "esp_ota_set_boot_partition failed! err=0x%x".formatted(set.code()));
                err = set;
            } else {
                events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.UPDATE_BOOT_PARTITION, partition.subtype()));
            }
        }
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.FINISH, 0));
        state = State.INIT;
        return err;
    }

    /** {@code esp_https_ota_abort(handle)}: posts ABORT, frees the update ({@code esp_ota_abort}); flash keeps what was written. */
    public EspErr abort() {
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.ABORT, 0));
        EspErr err = EspErr.ESP_OK;
        if (state == State.IN_PROGRESS || state == State.SUCCESS) {
            err = api.abort(handle);
        } else if (state == State.INIT) {
            log('E', "Invalid ESP HTTPS OTA State");
            err = EspErr.ESP_ERR_INVALID_STATE;
        }
        close();
        state = State.INIT;
        return err;
    }

    /** Closes the connection (finish and abort do). */
    @Override public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // http_cleanup: nothing the device could do about it
        }
    }

    // ---- inside -------------------------------------------------------------------------------------------------

    private EspErr connect() {
        try {
            if (partial) {
                int head = http.open("HEAD", config.url(), Map.of());
                EspErr s = status(head);
                if (!s.ok()) return s;
                imageLength = http.client().contentLength();
                if (imageLength <= 0) partial = false;
            }
            Map<String, String> range = partial ? Map.of("Range", rangeHeader(0)) : Map.of();
            int status = http.open("GET", config.url(), range);
            EspErr s = status(status);
            if (!s.ok()) return s;
            if (partial && status == 200) {
                log('W', "Server ignored the requested Range header");
                partial = false;
            }
            if (!partial) imageLength = http.client().contentLength();
            return EspErr.ESP_OK;
        } catch (SSLException e) {
            log(host, 'E', "esp-tls-mbedtls", "Failed to verify peer certificate!");
            log(host, 'E', "esp-tls", "Failed to open new connection");
            log(host, 'E', "transport_base", "Failed to open a new connection");
            log(host, 'E', "HTTP_CLIENT", "Connection failed, sock < 0");
        } catch (IOException e) {
            log(host, 'E', "transport_base", "Failed to open a new connection");
            log(host, 'E', "HTTP_CLIENT", "Connection failed, sock < 0");
        }
        log('E', "Failed to open HTTP connection: " + EspErr.ESP_ERR_HTTP_CONNECT);
        return EspErr.ESP_ERR_HTTP_CONNECT;
    }

    /** The next {@code Range} request of a partial download. */
    private EspErr nextRange() {
        try {
            int status = http.open("GET", config.url(), Map.of("Range", rangeHeader(lenRead)));
            EspErr s = status(status);
            if (!s.ok()) return s;
            if (status == 200) {
                log('W', "Server ignored the requested Range header");
                return EspErr.ESP_FAIL;
            }
            return EspErr.ESP_OK;
        } catch (IOException e) {
            log('E', "Failed to open HTTP connection: " + EspErr.ESP_ERR_HTTP_CONNECT);
            return EspErr.ESP_FAIL;
        }
    }

    private String rangeHeader(long start) {
        long end = start + config.maxHttpRequestSize() - 1;
        return imageLength > 0 && end >= imageLength - 1 ? "bytes=" + start + "-" : "bytes=" + start + "-" + end;
    }

    /** {@code _http_handle_response_code}. */
    private EspErr status(int code) {
        if (code == 304) {
            log('W', "OTA image not modified since last request (status code: %d)".formatted(code));
            return EspErr.ESP_ERR_HTTP_NOT_MODIFIED;
        }
        if (code == 404 || code == 403) {
            log('E', "File not found(%d)".formatted(code));
            return EspErr.ESP_FAIL;
        }
        if (code == 416) {
            log('E', "Requested range is incorrect");
            return EspErr.ESP_FAIL;
        }
        if (code >= 400 && code < 500) {
            log('E', "Client error (%d)".formatted(code));
            return EspErr.ESP_FAIL;
        }
        if (code >= 500) {
            log('E', "Server error (%d)".formatted(code));
            return EspErr.ESP_FAIL;
        }
        return EspErr.ESP_OK;
    }

    /** {@code read_header}: fills the buffer's first {@link #IMAGE_HEADER_SIZE} bytes. */
    private boolean readHeader() {
        byte[] header = new byte[IMAGE_HEADER_SIZE];
        int n;
        try {
            n = http.read(header);
        } catch (IOException e) {
            n = 0;
        }
        System.arraycopy(header, 0, buf, 0, n);
        buffered = n;
        if (n < IMAGE_HEADER_SIZE) {
            log('E', "Complete headers were not received");
            return false;
        }
        return true;
    }

    private EspErr verifyChip(Bytes header) {
        int chipId = header.u16le(12);
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.VERIFY_CHIP_ID, chipId));
        int expected = host.target().chip().orElse(Chip.ESP32).imageChipId();
        if (chipId != expected) {
            log('E', "Mismatch chip id, expected %d, found %d".formatted(expected, chipId));
            return EspErr.ESP_ERR_INVALID_VERSION;
        }
        int minRevFull = header.u16le(15);
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.VERIFY_CHIP_REVISION, minRevFull));
        int revision = host.target().chipRevision().orElse(0);
        if (minRevFull > revision) {
            log('E', "Image requires chip rev >= v%d.%d, but chip is v%d.%d".formatted(minRevFull / 100,
                    minRevFull % 100, revision / 100, revision % 100));
            return EspErr.ESP_ERR_INVALID_VERSION;
        }
        return EspErr.ESP_OK;
    }

    private EspErr write(Bytes data) {
        EspErr err = writer.write(data);
        if (!err.ok()) {
            log('E', "Error: esp_ota_write failed! err=0x%x".formatted(err.code()));
            return err;
        }
        lenRead += data.size();
        events.accept(new OtaEvent.HttpsOta(OtaEvent.HttpsOta.Id.WRITE_FLASH, lenRead));
        return EspErr.ESP_ERR_HTTPS_OTA_IN_PROGRESS;
    }

    private void log(char level, String text) { log(host, level, text); }

    private static void log(OtaHost host, char level, String text) { host.log(new LogLine(level, TAG, text)); }

    private static void log(OtaHost host, char level, String tag, String text) { host.log(new LogLine(level, tag, text)); }
}
