package esp32ota.examples;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.AppCatalog;
import esp32ota.device.DeviceEvent;
import esp32ota.device.VirtualEsp32;
import esp32ota.http.Fault;
import esp32ota.http.ImageServer;
import esp32ota.http.SelfSignedCertificate;
import esp32ota.ota.EspHttpsOta;
import esp32ota.ota.OtaEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static esp32ota.examples.NativeOtaExampleTest.blink;
import static esp32ota.examples.NativeOtaExampleTest.lines;
import static esp32ota.examples.NativeOtaExampleTest.options;
import static esp32ota.examples.NativeOtaExampleTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpsOtaTest {
    static List<OtaEvent.HttpsOta.Id> httpsEvents(List<DeviceEvent> events) {
        return events.stream().filter(e -> e instanceof DeviceEvent.Ota o && o.event() instanceof OtaEvent.HttpsOta)
                .map(e -> ((OtaEvent.HttpsOta) ((DeviceEvent.Ota) e).event()).id()).toList();
    }

    /** The events with runs of WRITE_FLASH folded into one. */
    static List<OtaEvent.HttpsOta.Id> folded(List<OtaEvent.HttpsOta.Id> ids) {
        List<OtaEvent.HttpsOta.Id> out = new ArrayList<>();
        for (var id : ids) if (out.isEmpty() || out.get(out.size() - 1) != id) out.add(id);
        return out;
    }

    @Test void simpleOtaOverHttpsUpdatesWithEventsInOrder() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS).withHttps(true));
        var ids = httpsEvents(r.events());
        assertEquals(List.of(OtaEvent.HttpsOta.Id.START, OtaEvent.HttpsOta.Id.CONNECTED,
                OtaEvent.HttpsOta.Id.VERIFY_CHIP_ID, OtaEvent.HttpsOta.Id.VERIFY_CHIP_REVISION,
                OtaEvent.HttpsOta.Id.WRITE_FLASH, OtaEvent.HttpsOta.Id.UPDATE_BOOT_PARTITION,
                OtaEvent.HttpsOta.Id.FINISH), folded(ids));
        int size = blink("2.0.0", 1).size();
        // one write of the 288 header bytes, then 289-byte buffers
        long writes = ids.stream().filter(i -> i == OtaEvent.HttpsOta.Id.WRITE_FLASH).count();
        assertEquals(1 + (size - 288 + 288) / 289, writes);
        List<String> simple = lines(r, SimpleOtaExample.TAG);
        assertTrue(simple.contains("I OTA Succeed, Rebooting..."), simple.toString());
        assertTrue(simple.stream().anyMatch(s -> s.startsWith("I Attempting to download update from https://127.0.0.1:")));
        List<String> https = lines(r, "esp_https_ota");
        assertEquals("I Starting OTA...", https.get(0));
        assertEquals("I Writing to <ota_1> partition at offset 0x150000", https.get(1));
        assertEquals(OtaRun.Outcome.UPDATED, r.outcome());
        assertEquals(Optional.of(AppSlot.ota(1)), r.finalSlot());
    }

    @Test void advancedOtaLogsEveryEventAndIsComplete() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS_ADVANCED));
        assertEquals(List.of(OtaEvent.HttpsOta.Id.START, OtaEvent.HttpsOta.Id.CONNECTED,
                OtaEvent.HttpsOta.Id.GET_IMG_DESC, OtaEvent.HttpsOta.Id.VERIFY_CHIP_ID,
                OtaEvent.HttpsOta.Id.VERIFY_CHIP_REVISION, OtaEvent.HttpsOta.Id.WRITE_FLASH,
                OtaEvent.HttpsOta.Id.UPDATE_BOOT_PARTITION, OtaEvent.HttpsOta.Id.FINISH), folded(httpsEvents(r.events())));
        List<String> l = lines(r, AdvancedHttpsOtaExample.TAG);
        assertEquals(List.of("I OTA example app_main start", "I Starting Advanced OTA example", "I OTA started",
                "I Connected to server", "I Reading Image Description", "I Running firmware version: 1.0.0",
                "I Verifying chip id of new image: 0", "I Verifying chip revision of new image: 0",
                "I Boot partition updated. Next Partition: 17", "I OTA finish",
                "I ESP_HTTPS_OTA upgrade successful. Rebooting ..."), l);
        assertTrue(lines(r, "esp_https_ota").contains(
                "W Continuing with insecure option because CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP is set."));
        assertEquals(OtaRun.Outcome.UPDATED, r.outcome());
    }

    @Test void advancedOtaRefusesTheSameVersionAndAborts() throws Exception {
        OtaRun.Report r = OtaRun.run(OtaRun.Options.of(blink("1.0.0", 0), blink("1.0.0", 0),
                table("no_factory_two_ota")).withApi(OtaRun.Api.HTTPS_ADVANCED));
        List<String> l = lines(r, AdvancedHttpsOtaExample.TAG);
        assertTrue(l.contains("W Current running version is the same as a new. We will not continue the update."));
        assertEquals(List.of("E image header verification failed", "I OTA abort", "E ESP_HTTPS_OTA upgrade failed"),
                l.subList(l.size() - 3, l.size()));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
    }

    @Test void aCutConnectionAbortsTheHttpsOta() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS)
                .withFault(Optional.of(new Fault.Cut(1000))));
        assertTrue(lines(r, "esp_https_ota").contains("E Connection closed before complete data was received!"));
        assertEquals(OtaEvent.HttpsOta.Id.ABORT, httpsEvents(r.events()).get(httpsEvents(r.events()).size() - 1));
        assertTrue(lines(r, SimpleOtaExample.TAG).contains("E Firmware upgrade failed"));
        assertTrue(r.device().readFlash(0xe000, 0x1000).allEqual(0xFF));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
    }

    @Test void statusCodesEndTheBegin() throws Exception {
        OtaRun.Report r404 = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS_ADVANCED)
                .withFault(Optional.of(new Fault.Status(404))));
        assertEquals(List.of("W Continuing with insecure option because CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP is set.",
                "E File not found(404)", "E Failed to establish HTTP connection"), lines(r404, "esp_https_ota"));
        assertTrue(lines(r404, AdvancedHttpsOtaExample.TAG).contains("E ESP HTTPS OTA Begin failed"));
        OtaRun.Report r500 = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS)
                .withFault(Optional.of(new Fault.Status(503))));
        assertTrue(lines(r500, "esp_https_ota").contains("E Server error (503)"));
        assertEquals(List.of(OtaEvent.HttpsOta.Id.START), httpsEvents(r500.events()));
        OtaRun.Report r304 = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS)
                .withFault(Optional.of(new Fault.Status(304))));
        assertTrue(lines(r304, "esp_https_ota").contains("W OTA image not modified since last request (status code: 304)"));
        assertTrue(r304.events().stream().noneMatch(e -> e instanceof DeviceEvent.ApiCall c
                && c.function().startsWith("esp_ota_begin")), "nothing was begun");
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r304.outcome());
    }

    @Test void aServerWithoutRangeSupportIsWarnedAboutAndStillWorks() throws Exception {
        try (ImageServer server = ImageServer.http(0)) {
            server.add("/fw.bin", blink("2.0.0", 1).toByteArray());
            server.setFault(Optional.of(new Fault.IgnoreRange()));
            ExampleConfig cfg = ExampleConfig.of(server.url("/fw.bin")).withAllowHttp(true).withPartialDownload(1000);
            VirtualEsp32 d = device(SimpleOtaExample.of(cfg));
            var boots = d.resetUntilSettled(3);
            assertTrue(logOf(d, "esp_https_ota").contains("W Server ignored the requested Range header"));
            assertEquals(Optional.of(AppSlot.ota(1)), boots.get(boots.size() - 1).booted());
            assertEquals(List.of("HEAD", "GET"), server.awaitRequests(2, java.time.Duration.ofSeconds(2)).stream()
                    .map(q -> q.method()).toList());
        }
    }

    @Test void anHtmlPageFailsTheHeaderRead() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS)
                .withFault(Optional.of(new Fault.HtmlPage())));
        assertTrue(lines(r, "esp_https_ota").contains("E Complete headers were not received"));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
    }

    @Test void httpWithoutACertificateIsRefusedUnlessAllowed() throws Exception {
        try (ImageServer server = ImageServer.http(0)) {
            server.add("/fw.bin", blink("2.0.0", 1).toByteArray());
            ExampleConfig cfg = ExampleConfig.of(server.url("/fw.bin"));
            VirtualEsp32 d = device(SimpleOtaExample.of(cfg));
            List<DeviceEvent> events = new ArrayList<>();
            d.addListener(events::add);
            d.reset();
            assertTrue(logOf(d, "esp_https_ota").contains(
                    "E No option for server verification is enabled in esp_http_client config."));
            assertTrue(server.requests().isEmpty());
            assertEquals(List.of(OtaEvent.HttpsOta.Id.START), httpsEvents(events));
        }
    }

    @Test void httpsWithAWrongCertificateIsRefused() throws Exception {
        SelfSignedCertificate served = SelfSignedCertificate.forLocalhost();
        SelfSignedCertificate other = SelfSignedCertificate.forLocalhost();
        try (ImageServer server = ImageServer.https(0, served)) {
            server.add("/fw.bin", blink("2.0.0", 1).toByteArray());
            ExampleConfig cfg = ExampleConfig.of(server.url("/fw.bin")).withCertPem(other.pem());
            VirtualEsp32 d = device(SimpleOtaExample.of(cfg));
            var boot = d.reset();
            List<String> l = logOf(d, "esp_https_ota");
            assertEquals(List.of("E Failed to open HTTP connection: ESP_ERR_HTTP_CONNECT",
                    "E Failed to establish HTTP connection"), l);
            assertTrue(logOf(d, "esp-tls-mbedtls").contains("E Failed to verify peer certificate!"));
            assertTrue(logOf(d, SimpleOtaExample.TAG).contains("E Firmware upgrade failed"));
            assertEquals(Optional.of(AppSlot.ota(0)), boot.booted());
            assertTrue(d.readFlash(0x150000, 0x1000).allEqual(0xFF));
        }
    }

    @Test void bulkEraseAndPartialDownloadUseRangeRequests() throws Exception {
        try (ImageServer server = ImageServer.http(0)) {
            Bytes image = blink("2.0.0", 1);
            server.add("/fw.bin", image.toByteArray());
            ExampleConfig cfg = ExampleConfig.of(server.url("/fw.bin")).withAllowHttp(true)
                    .withBulkFlashErase(true).withPartialDownload(1000);
            VirtualEsp32 d = device(SimpleOtaExample.of(cfg));
            List<DeviceEvent> events = new ArrayList<>();
            d.addListener(events::add);
            var boots = d.resetUntilSettled(3);
            assertEquals(Optional.of(AppSlot.ota(1)), boots.get(boots.size() - 1).booted());
            var reqs = server.awaitRequests(4, java.time.Duration.ofSeconds(5));   // logged once each response ends
            assertEquals("HEAD", reqs.get(0).method());
            assertEquals(List.of("bytes=0-999", "bytes=1000-1999", "bytes=2000-"),
                    reqs.stream().skip(1).map(q -> q.range().orElse("-")).toList());
            assertTrue(events.stream().anyMatch(e -> e instanceof DeviceEvent.ApiCall c
                    && c.function().equals("esp_ota_begin(ota_1, " + image.size() + ")")));
        }
    }

    static VirtualEsp32 device(esp32ota.device.App client) {
        return VirtualEsp32.builder(table("no_factory_two_ota")).app(AppSlot.ota(0), blink("1.0.0", 0))
                .apps(AppCatalog.builtIn().with("blink", "1.0.0", client)).build();
    }

    static List<String> logOf(VirtualEsp32 d, String tag) {
        return d.console().stream().filter(l -> tag.equals(l.tag()))
                .map(l -> l.level().orElseThrow().letter() + " " + l.text()).toList();
    }

    @Test void theHttpsConfigKeepsTheExampleSettings() {
        ExampleConfig c = ExampleConfig.of("https://x/fw.bin").withCertPem("PEM").withPartialDownload(4096);
        EspHttpsOta.Config h = SimpleOtaExample.httpsConfig(c);
        assertEquals("https://x/fw.bin", h.url());
        assertEquals(Optional.of("PEM"), h.certPem());
        assertEquals(4096, h.maxHttpRequestSize());
        assertFalse(h.allowHttp());
    }
}
