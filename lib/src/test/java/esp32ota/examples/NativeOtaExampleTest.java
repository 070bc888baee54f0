package esp32ota.examples;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.ConsoleLine;
import esp32ota.device.DeviceEvent;
import esp32ota.http.Fault;
import esp32ota.ota.OtaEvent;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeOtaExampleTest {
    static PartitionTable table(String name) {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    static Bytes blink(String version, long sv) { return ImageSamples.blink(version, sv).build(); }

    static OtaRun.Options options(String from, String to) {
        return OtaRun.Options.of(blink(from, 0), blink(to, 1), table("no_factory_two_ota"));
    }

    /** The lines of one tag, without level letters' timestamps: {@code I text}. */
    static List<String> lines(OtaRun.Report r, String tag) {
        return r.device().console().stream().filter(l -> tag.equals(l.tag()))
                .map(l -> l.level().orElseThrow().letter() + " " + l.text()).toList();
    }

    static Bytes otadata(OtaRun.Report r) { return r.device().readFlash(0xd000, 0x2000); }

    @Test void aFullNativeOtaLogsTheExamplesLinesInOrder() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0"));
        List<String> l = lines(r, NativeOtaExample.TAG);
        Bytes image = blink("2.0.0", 1);
        List<String> expected = List.of(
                "I OTA example app_main start",
                l.get(1), l.get(2), l.get(3),
                "I Starting OTA example task",
                "I Running partition type 0 subtype 16 (offset 0x00010000)",
                "I Writing to partition subtype 17 at offset 0x150000",
                "I New firmware version: 2.0.0",
                "I Running firmware version: 1.0.0",
                "I esp_ota_begin succeeded",
                "I Connection closed",
                "I Total Write binary data length: " + image.size(),
                "I Prepare to restart system!");
        assertEquals(expected, l);
        assertTrue(l.get(1).matches("I SHA-256 for the partition table: : [0-9a-f]{64}"), l.get(1));
        assertTrue(l.get(2).matches("I SHA-256 for bootloader: : [0-9a-f]{64}"), l.get(2));
        assertEquals("I SHA-256 for current firmware: : " + blink("1.0.0", 0).slice(blink("1.0.0", 0).size() - 32,
                blink("1.0.0", 0).size()).hex(), l.get(3));
        assertEquals(OtaRun.Outcome.UPDATED, r.outcome());
        assertEquals(Optional.of(AppSlot.ota(1)), r.finalSlot());
        assertEquals(Optional.of("2.0.0"), r.finalVersion());
        assertTrue(r.settled());
        assertEquals(2, r.boots().size());
        assertEquals(image, r.device().readFlash(0x150000, image.size()));
        // progress: one report per 1024-byte buffer, the last one the whole image, total from Content-Length
        List<OtaEvent.Progress> progress = r.events().stream().filter(e -> e instanceof DeviceEvent.Ota o
                && o.event() instanceof OtaEvent.Progress).map(e -> (OtaEvent.Progress) ((DeviceEvent.Ota) e).event()).toList();
        assertEquals(List.of(1024L, 2048L, (long) image.size()), progress.stream().map(OtaEvent.Progress::written).toList());
        assertEquals(image.size(), progress.get(0).total().orElseThrow());
        assertTrue(progress.get(1).virtualMicros() > progress.get(0).virtualMicros());
        // the first chunk erased sector 0 of ota_1 first: an erase stall
        assertTrue(r.events().stream().anyMatch(e -> e instanceof DeviceEvent.Ota o
                && o.event() instanceof OtaEvent.EraseStall s && s.address() == 0x150000 && s.erases() == 1));
        assertEquals(1, r.requests().size());
    }

    @Test void theSameVersionIsNotInstalled() throws Exception {
        OtaRun.Report r = OtaRun.run(OtaRun.Options.of(blink("1.0.0", 0), blink("1.0.0", 0), table("no_factory_two_ota")));
        List<String> l = lines(r, NativeOtaExample.TAG);
        assertTrue(l.contains("W Current running version is the same as a new. We will not continue the update."), l.toString());
        assertFalse(l.contains("I esp_ota_begin succeeded"));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
        assertEquals(1, r.boots().size());
    }

    @Test void aCutConnectionIsAnIncompleteFileAndOtadataStaysAsItWas() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withFault(Optional.of(new Fault.Cut(1500))));
        List<String> l = lines(r, NativeOtaExample.TAG);
        int total = l.indexOf("I Total Write binary data length: 1500");
        assertTrue(total > 0, l.toString());
        assertEquals("E Connection closed, errno = 128", l.get(total - 1));
        assertEquals(List.of("E Error in receiving complete file", "E Exiting task due to fatal error..."),
                l.subList(total + 1, l.size()));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
        // the bootloader's first boot wrote ota_seq 1 (VALID) to copy 0; the failed update wrote nothing
        assertTrue(r.events().stream().filter(e -> e instanceof DeviceEvent.OtadataWritten).count() == 1);
        assertTrue(otadata(r).slice(0x1000, 0x2000).allEqual(0xFF));
    }

    @Test void anHtmlPageLongerThanTheHeadersIsRefusedForItsMagicByte() throws Exception {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body>");
        while (page.length() < 2000) page.append("<p>Please accept the terms of use of this hotel Wi-Fi.</p>");
        page.append("</body></html>");
        OtaRun.Report r = OtaRun.run(OtaRun.Options.of(blink("1.0.0", 0), Bytes.utf8(page.toString()),
                table("no_factory_two_ota")));
        List<String> ops = r.device().console().stream().map(ConsoleLine::formatted).toList();
        assertTrue(ops.stream().anyMatch(s -> s.endsWith("esp_ota_ops: OTA image has invalid magic byte (expected 0xE9, saw 0x3c)")),
                ops.toString());
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
        assertTrue(otadata(r).slice(0x1000, 0x2000).allEqual(0xFF));
    }

    @Test void theShortHtmlPageOfTheFaultDoesNotHoldTheHeaders() throws Exception {
        OtaRun.Report r = OtaRun.run(options("1.0.0", "2.0.0").withFault(Optional.of(new Fault.HtmlPage())));
        assertTrue(lines(r, NativeOtaExample.TAG).contains("E received package is not fit len"));
        assertEquals(OtaRun.Outcome.NOT_UPDATED, r.outcome());
    }
}
