package esp32ota.examples;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.ToolErrors;
import esp32ota.device.App;
import esp32ota.device.AppCatalog;
import esp32ota.device.Boot;
import esp32ota.device.ConsoleLine;
import esp32ota.device.DeviceConfig;
import esp32ota.device.DeviceEvent;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.http.Fault;
import esp32ota.http.ImageServer;
import esp32ota.http.LinkModel;
import esp32ota.http.SelfSignedCertificate;
import esp32ota.http.ServedRequest;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.partition.PartitionTable;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One whole OTA on a virtual ESP32, as a student would do it with a board and a laptop: the old app sits in ota_0,
 * the new image is served on 127.0.0.1 (HTTP or HTTPS with a certificate made now, faults optional), the device is
 * reset and followed through its own restarts: the old app boots and runs the OTA client, downloads, writes, sets
 * the boot partition and restarts; the new app boots and runs its self-test (confirms itself or rolls back) — until
 * an app stays up, nothing boots, or {@link Options#maxBoots} boots happened.
 *
 * <p>The OTA client runs on every boot of the old app (as the example firmware does), so after a rollback it tries
 * again: native_ota_example then stops at "New version is the same as invalid version", the esp_https_ota examples
 * (which do not compare with the last invalid version) download again, and the run ends at {@code maxBoots}.
 *
 * <p>A refused or failed update is an outcome, not an exception: {@link #run} throws only when the inputs are
 * wrong (not an image, does not fit the table) or the local server cannot start.
 */
public final class OtaRun {
    /** Which example firmware the old app is. */
    public enum Api {
        /** native_ota_example: esp_ota_* over esp_http_client. */
        NATIVE,
        /** simple_ota_example: one esp_https_ota() call. */
        HTTPS,
        /** advanced_https_ota_example: begin, get_img_desc, perform loop, finish or abort. */
        HTTPS_ADVANCED;

        /** {@code native}, {@code https}, {@code https-advanced}. */
        public String cliName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Optional<Api> parse(String s) {
            for (Api a : values()) if (a.cliName().equals(s)) return Optional.of(a);
            return Optional.empty();
        }
    }

    /**
     * What to run.
     *
     * @param from      the old app, flashed to ota_0 (or the first app partition), otadata erased
     * @param to        what the server sends: the new image (or anything else, to see the client refuse it)
     * @param table     the partition table
     * @param api       which OTA example the old app runs
     * @param rollback  {@code CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE}
     * @param https     serve over HTTPS; the app has the server's certificate built in
     * @param fault     what goes wrong on the way
     * @param link      the network's cost on the device's clock
     * @param timing    the flash's timing
     * @param maxBoots  how many boots to follow at most
     * @param timeout   the app's esp_http_client {@code timeout_ms} (a wall-clock wait on this machine's socket)
     */
    public record Options(Bytes from, Bytes to, PartitionTable table, Api api, boolean rollback, boolean https,
                          Optional<Fault> fault, LinkModel link, FlashTiming timing, int maxBoots, Duration timeout) {
        public Options {
            if (maxBoots < 1) throw new IllegalArgumentException("maxBoots must be >= 1");
        }

        /** native_ota_example over HTTP, rollback off, no fault, LAN link, typical flash timing, up to 6 boots. */
        public static Options of(Bytes from, Bytes to, PartitionTable table) {
            return new Options(from, to, table, Api.NATIVE, false, false, Optional.empty(), LinkModel.LAN,
                    FlashTiming.TYPICAL, 6, Duration.ofSeconds(5));
        }

        public Options withApi(Api a) { return new Options(from, to, table, a, rollback, https, fault, link, timing, maxBoots, timeout); }

        public Options withRollback(boolean on) {
            return new Options(from, to, table, api, on, https, fault, link, timing, maxBoots, timeout);
        }

        public Options withHttps(boolean on) {
            return new Options(from, to, table, api, rollback, on, fault, link, timing, maxBoots, timeout);
        }

        public Options withFault(Optional<Fault> f) {
            return new Options(from, to, table, api, rollback, https, f, link, timing, maxBoots, timeout);
        }

        public Options withLink(LinkModel l) {
            return new Options(from, to, table, api, rollback, https, fault, l, timing, maxBoots, timeout);
        }

        public Options withTiming(FlashTiming t) {
            return new Options(from, to, table, api, rollback, https, fault, link, t, maxBoots, timeout);
        }

        public Options withTimeout(Duration t) {
            return new Options(from, to, table, api, rollback, https, fault, link, timing, maxBoots, t);
        }

        public Options withMaxBoots(int n) {
            return new Options(from, to, table, api, rollback, https, fault, link, timing, n, timeout);
        }
    }

    /** How the run ended. */
    public enum Outcome {
        /** The new image runs (and, with rollback, confirmed itself). */
        UPDATED,
        /** The new image booted but the device went back to the old one (self-test failed, watchdog). */
        ROLLED_BACK,
        /** The new image never booted: the client refused or the download, verification or set_boot failed. */
        NOT_UPDATED,
        /** In the end no app boots. */
        NOTHING_BOOTS
    }

    /**
     * What happened.
     *
     * @param boots        every boot, in order
     * @param events       every device event, in order
     * @param requests     what the server was asked and sent
     * @param finalSlot    the app partition running at the end
     * @param finalVersion that app's version
     * @param outcome      the verdict
     * @param settled      whether an app stayed up (false: still restarting after maxBoots, or nothing boots)
     * @param device       the device as the run left it (its flash can be saved as a dump)
     * @param flashedImage the whole flash before the first reset, as {@code idf.py flash} left it
     */
    public record Report(List<Boot> boots, List<DeviceEvent> events, List<ServedRequest> requests,
                         Optional<AppSlot> finalSlot, Optional<String> finalVersion, Outcome outcome, boolean settled,
                         VirtualEsp32 device, Bytes flashedImage) {
        public Report {
            boots = List.copyOf(boots);
            events = List.copyOf(events);
            requests = List.copyOf(requests);
        }

        /** The console of every boot, one line each, as a terminal shows it. */
        public List<String> consoleLines() { return device.console().stream().map(ConsoleLine::formatted).toList(); }
    }

    /**
     * Whole OTA runs side by side, one row per name (insertion order): outcome, HTTP requests, erases and page
     * programs, {@code ESP_HTTPS_OTA_EVENT}s in order, and the run's time on the virtual clock.
     */
    public static tech.tablesaw.api.Table table(java.util.Map<String, Report> runs) { return OtaRunTable.table(runs); }

    /** The path the server gives the new image. */
    public static final String IMAGE_PATH = "/firmware.bin";

    private OtaRun() {}

    /** Runs the update; see the class comment. */
    public static Report run(Options o) throws IOException {
        AppDescriptor fromApp = descriptor(o.from(), "from");
        Optional<AppDescriptor> toApp = servedApp(o.to());
        AppSlot first = firstAppSlot(o.table());
        Optional<SelfSignedCertificate> cert = o.https() ? Optional.of(SelfSignedCertificate.forLocalhost())
                : Optional.empty();
        try (ImageServer server = cert.isPresent() ? ImageServer.https(0, cert.get()) : ImageServer.http(0)) {
            server.add(IMAGE_PATH, o.to().toByteArray());
            server.setFault(o.fault());
            ExampleConfig config = ExampleConfig.of(server.url(IMAGE_PATH)).withLink(o.link())
                    .withTimeout(o.timeout());
            if (cert.isPresent()) config = config.withCertPem(cert.get().pem());
            else config = config.withAllowHttp(true);
            AppCatalog builtIn = AppCatalog.builtIn();
            App client = client(o.api(), config, builtIn.find(fromApp));
            VirtualEsp32 device = VirtualEsp32.builder(o.table()).flashSize(flashSizeFor(o.table()))
                    .app(first, o.from()).rollback(o.rollback()).timing(o.timing())
                    .apps(builtIn.with(fromApp.projectNameText(), fromApp.versionText(), client)).build();
            Bytes flashed = device.flash().dump();
            List<DeviceEvent> events = new ArrayList<>();
            device.addListener(events::add);
            List<Boot> boots = device.resetUntilSettled(o.maxBoots());
            Boot last = boots.get(boots.size() - 1);
            Optional<AppSlot> slot = last.end() == Boot.End.RUNNING ? last.booted() : Optional.empty();
            Optional<String> version = slot.flatMap(s -> last.app()).map(AppDescriptor::versionText);
            boolean settled = last.end() == Boot.End.RUNNING;
            int asked = (int) events.stream().filter(e -> e instanceof DeviceEvent.Ota x
                    && x.event() instanceof esp32ota.ota.OtaEvent.Request).count();
            List<ServedRequest> served;
            try {
                served = server.awaitRequests(asked, Duration.ofSeconds(5));  // logged once each response ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                served = server.requests();
            }
            return new Report(boots, events, served, slot, version,
                    outcome(boots, toApp, slot.isPresent() ? last.app() : Optional.empty()), settled, device, flashed);
        }
    }

    /** The OTA client app for {@code api}, running {@code diagnostics} (the app's own start-up check) first. */
    public static App client(Api api, ExampleConfig config, App diagnostics) {
        return switch (api) {
            case NATIVE -> new NativeOtaExample(config, diagnostics);
            case HTTPS -> new SimpleOtaExample(config, diagnostics);
            case HTTPS_ADVANCED -> new AdvancedHttpsOtaExample(config, diagnostics);
        };
    }

    /** The smallest flash (2, 4, 8 or 16 MiB) that holds the table's partitions. */
    public static long flashSizeFor(PartitionTable table) {
        for (long size = NorFlash.MIN_SIZE; size <= NorFlash.MAX_SIZE; size *= 2) {
            if (table.flashEnd() <= size) return size;
        }
        throw new IllegalArgumentException("the table needs 0x%X bytes of flash, more than 16 MiB"
                .formatted(table.flashEnd()));
    }

    private static Outcome outcome(List<Boot> boots, Optional<AppDescriptor> toApp, Optional<AppDescriptor> finalApp) {
        if (toApp.isEmpty()) return finalApp.isPresent() ? Outcome.NOT_UPDATED : Outcome.NOTHING_BOOTS;
        AppDescriptor to = toApp.get();
        if (finalApp.isPresent() && same(finalApp.get(), to) && boots.size() > 1) return Outcome.UPDATED;
        boolean newBooted = boots.stream().skip(1).anyMatch(b -> b.app().filter(a -> same(a, to)).isPresent());
        if (finalApp.isEmpty() && boots.get(boots.size() - 1).end() == Boot.End.NOTHING_BOOTED) {
            return Outcome.NOTHING_BOOTS;
        }
        return newBooted ? Outcome.ROLLED_BACK : Outcome.NOT_UPDATED;
    }

    private static boolean same(AppDescriptor a, AppDescriptor b) {
        return a.version().equals(b.version()) && a.projectName().equals(b.projectName());
    }

    private static AppSlot firstAppSlot(PartitionTable table) {
        if (esp32ota.ota.AppView.of(table).find(AppSlot.ota(0)).isPresent()) return AppSlot.ota(0);
        if (esp32ota.ota.AppView.of(table).find(AppSlot.FACTORY).isPresent()) return AppSlot.FACTORY;
        throw new IllegalArgumentException("the table has no ota_0 or factory partition for the old app");
    }

    /** The served file's app description; empty when it is not an app image (a web page, garbage). */
    private static Optional<AppDescriptor> servedApp(Bytes file) {
        try {
            return AppImage.decode(file).appDescriptor();
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    private static AppDescriptor descriptor(Bytes image, String which) {
        try {
            return AppImage.decode(image).appDescriptor().orElseThrow(() -> new IllegalArgumentException(
                    "the " + which + " image has no esp_app_desc_t"));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("the " + which + " image is not an app image: " + ToolErrors.message(e));
        }
    }
}
