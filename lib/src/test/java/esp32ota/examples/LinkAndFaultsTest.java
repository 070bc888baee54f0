package esp32ota.examples;

import esp32ota.device.DeviceEvent;
import esp32ota.http.Fault;
import esp32ota.http.LinkModel;
import esp32ota.ota.OtaEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static esp32ota.examples.NativeOtaExampleTest.lines;
import static esp32ota.examples.NativeOtaExampleTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkAndFaultsTest {
    static List<OtaEvent.Progress> progress(OtaRun.Report r) {
        return r.events().stream().filter(e -> e instanceof DeviceEvent.Ota o && o.event() instanceof OtaEvent.Progress)
                .map(e -> (OtaEvent.Progress) ((DeviceEvent.Ota) e).event()).toList();
    }

    @Test void theLinkModelChargesTheVirtualClockPerChunk() throws Exception {
        var lan = progress(OtaRun.run(options("1.0.0", "2.0.0")));
        var internet = progress(OtaRun.run(options("1.0.0", "2.0.0").withLink(LinkModel.INTERNET)));
        assertEquals(lan.size(), internet.size());
        // chunk 2 → 3: 224 bytes; at 30 kB/s that is 7466 µs more than at 1 MB/s (224 µs), flash work being equal
        long lanStep = lan.get(2).virtualMicros() - lan.get(1).virtualMicros();
        long netStep = internet.get(2).virtualMicros() - internet.get(1).virtualMicros();
        assertEquals(LinkModel.INTERNET.transferMicros(224) - LinkModel.LAN.transferMicros(224), netStep - lanStep);
        assertEquals(7466, LinkModel.INTERNET.transferMicros(224));
        assertTrue(internet.get(0).wallNanos() > 0);
        assertEquals(2 * 80_000 + 1_500_000, LinkModel.INTERNET.requestMicros(true));
        assertEquals(Optional.of(LinkModel.SLOW), LinkModel.named("SLOW"));
    }

    @Test void aResetConnectionIsAReadError() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withFault(Optional.of(new Fault.Reset(1100))));
        List<String> l = lines(r, NativeOtaExample.TAG);
        assertTrue(l.containsAll(List.of("E Error: SSL data read error", "E Exiting task due to fatal error...")), l.toString());
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
        assertTrue(r.device().readFlash(0xe000, 0x1000).allEqual(0xFF));
    }

    @Test void aLongerContentLengthThanTheImageIsAnIncompleteFile() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withFault(Optional.of(new Fault.WrongLength(100))));
        assertTrue(lines(r, NativeOtaExample.TAG).contains("E Error in receiving complete file"));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
    }

    @Test void sequentialWritesStallOncePerSector() throws Exception {
        var stalls = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS)).events().stream()
                .filter(e -> e instanceof DeviceEvent.Ota o && o.event() instanceof OtaEvent.EraseStall).count();
        assertEquals(1, stalls, "2272 bytes: one sector, erased by the first write");
    }

    @Test void aStallLongerThanTheTimeoutIsAReadError() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withApi(OtaRun.Api.HTTPS_ADVANCED)
                .withFault(Optional.of(new Fault.Stall(500, Duration.ofSeconds(1)))).withTimeout(Duration.ofMillis(300)));
        assertTrue(lines(r, "esp_https_ota").contains("E data read -1, errno 0"), lines(r, "esp_https_ota").toString());
        assertTrue(lines(r, AdvancedHttpsOtaExample.TAG).contains("E Complete data was not received."));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
    }
}
