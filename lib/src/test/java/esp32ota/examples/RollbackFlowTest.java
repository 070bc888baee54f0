package esp32ota.examples;

import esp32ota.boot.AppSlot;
import esp32ota.device.Boot;
import esp32ota.device.ResetReason;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static esp32ota.examples.NativeOtaExampleTest.blink;
import static esp32ota.examples.NativeOtaExampleTest.lines;
import static esp32ota.examples.NativeOtaExampleTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollbackFlowTest {
    static OtaRun.Options to(String version) {
        return OtaRun.Options.of(blink("1.0.0", 0), ImageSamples.blink(version, 1).build(), table("no_factory_two_ota"))
                .withRollback(true);
    }

    @Test void aPassingSelfTestConfirmsTheNewApp() throws Exception {
        OtaRun.Report r = OtaRun.run(to("2.0.0"));
        assertEquals(OtaRun.Outcome.UPDATED, r.outcome());
        assertEquals(List.of(ResetReason.POWERON_RESET, ResetReason.SW_CPU_RESET),
                r.boots().stream().map(Boot::reason).toList());
        assertTrue(lines(r, "blink").contains("I Diagnostics completed successfully! Continuing execution ..."));
        // ota_1's otadata copy (copy 1: seq 2) is VALID (2) after the confirmation
        assertEquals(2, r.device().readFlash(0xe000, 4).u32le(0));
        assertEquals(2, r.device().readFlash(0xe000 + 24, 4).u32le(0));
    }

    @Test void aFailingSelfTestRollsBackAndTheExampleDoesNotTryTheSameVersionAgain() throws Exception {
        OtaRun.Report r = OtaRun.run(to("2.0.0-selftest-fail"));
        assertEquals(OtaRun.Outcome.ROLLED_BACK, r.outcome());
        assertEquals(List.of(Optional.of(AppSlot.ota(0)), Optional.of(AppSlot.ota(1)), Optional.of(AppSlot.ota(0))),
                r.boots().stream().map(Boot::booted).toList());
        List<String> l = lines(r, NativeOtaExample.TAG);
        assertTrue(l.contains("I Last invalid firmware version: 2.0.0-selftest-fail"), l.toString());
        assertEquals(List.of("W New version is the same as invalid version.",
                "W Previously, there was an attempt to launch the firmware with 2.0.0-selftest-fail version, but it failed.",
                "W The firmware has been rolled back to the previous version.",
                "I When a new firmware is available on the server, press the reset button to download it",
                "I Waiting for a new firmware ... 1"), l.subList(l.size() - 5, l.size()));
        assertTrue(r.settled());
        assertEquals(Optional.of("1.0.0"), r.finalVersion());
        assertEquals(2, r.requests().size(), "the old app asked twice");
        assertEquals(1, r.events().stream().filter(e -> e instanceof esp32ota.device.DeviceEvent.ApiCall c
                && c.function().startsWith("esp_ota_begin")).count(), "but wrote once");
    }

    @Test void aHangInTheSelfTestIsAbortedByTheWatchdog() throws Exception {
        OtaRun.Report r = OtaRun.run(to("2.0.0-hang"));
        assertEquals(OtaRun.Outcome.ROLLED_BACK, r.outcome());
        assertEquals(ResetReason.SW_CPU_RESET, r.boots().get(2).reason());   // the task watchdog's panic
        assertEquals(Optional.of(AppSlot.ota(0)), r.finalSlot());
        assertTrue(lines(r, NativeOtaExample.TAG).contains("W New version is the same as invalid version."));
    }

    @Test void withoutRollbackTheFailingAppJustRuns() throws Exception {
        OtaRun.Report r = OtaRun.run(to("2.0.0-selftest-fail").withRollback(false));
        assertEquals(OtaRun.Outcome.UPDATED, r.outcome());
        assertFalse(lines(r, "blink").contains("E Diagnostics failed! Start rollback to the previous version ..."));
    }

    @Test void theHttpsExampleTriesAgainAfterARollbackUntilMaxBoots() throws Exception {
        OtaRun.Report r = OtaRun.run(to("2.0.0-selftest-fail").withApi(OtaRun.Api.HTTPS).withMaxBoots(5));
        assertEquals(5, r.boots().size());
        assertFalse(r.settled());
        assertEquals(OtaRun.Outcome.ROLLED_BACK, r.outcome());
    }
}
