package esp32ota.loader;

import esp32ota.serial.ControlLines;
import esp32ota.serial.PipeTransport;
import esp32ota.serial.UsbId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ResetStrategyTest {
    @Test void sequencesInEsptoolsCustomResetNotation() {
        assertEquals("D0|R1|W0.1|D1|R0|W0.05|D0", ResetStrategy.CLASSIC.sequence());
        assertEquals("D0|R1|W0.1|D1|R0|W0.55|D0", ResetStrategy.CLASSIC_LONG.sequence());
        assertEquals("U0,0|U1,1|U0,1|W0.1|U1,0|W0.05|U0,0|D0", ResetStrategy.TIGHT.sequence());
        assertEquals("R0|D0|W0.1|D1|R0|W0.1|R1|D0|R1|W0.1|D0|R0", ResetStrategy.USB_JTAG_SERIAL.sequence());
        assertEquals("R1|W0.1|R0", ResetStrategy.HARD_RESET.sequence());
    }

    @Test void theUsbIdChoosesTheSequence() {
        assertEquals(List.of(ResetStrategy.USB_JTAG_SERIAL),
                ResetStrategy.intoDownloadMode(Optional.of(new UsbId(0x303A, 0x1001))));
        List<ResetStrategy> bridge = List.of(ResetStrategy.TIGHT, ResetStrategy.TIGHT_LONG, ResetStrategy.CLASSIC,
                ResetStrategy.CLASSIC_LONG);
        assertEquals(bridge, ResetStrategy.intoDownloadMode(Optional.of(new UsbId(0x10C4, 0xEA60))));   // CP210x
        assertEquals(bridge, ResetStrategy.intoDownloadMode(Optional.empty()));
        assertEquals(ResetStrategy.HARD_RESET_USB, ResetStrategy.hardReset(Optional.of(new UsbId(0x303A, 0x1001))));
        assertEquals(ResetStrategy.HARD_RESET, ResetStrategy.hardReset(Optional.empty()));
    }

    @Test void tightResetReleasesEnWhileIo0IsLow() {
        PipeTransport[] p = PipeTransport.pair();
        List<ControlLines> seen = new ArrayList<>();
        p[1].onPeerLines(seen::add);
        List<Duration> waits = new ArrayList<>();
        ResetStrategy.Outcome o = ResetStrategy.TIGHT.apply(p[0], waits::add);
        assertTrue(o.linesSupported());
        assertEquals(seen, o.states());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(50)), waits);
        int held = seen.indexOf(new ControlLines(false, true));
        assertTrue(seen.get(held).enLow());
        assertTrue(seen.get(held + 1).io0Low() && !seen.get(held + 1).enLow());   // EN rises as IO0 goes low
        assertEquals(new ControlLines(false, false), seen.get(seen.size() - 1));
    }

    @Test void classicResetSetsOneLineAtATime() {
        PipeTransport[] p = PipeTransport.pair();
        ResetStrategy.Outcome o = ResetStrategy.CLASSIC.apply(p[0], t -> { });
        assertEquals(List.of(new ControlLines(false, false), new ControlLines(false, true),
                new ControlLines(true, true), new ControlLines(true, false), new ControlLines(false, false)), o.states());
    }

    @Test void aPortWithoutLinesIsReportedNotFatal() {
        PipeTransport[] p = PipeTransport.pair(false);
        List<Duration> waits = new ArrayList<>();
        ResetStrategy.Outcome o = ResetStrategy.CLASSIC.apply(p[0], waits::add);
        assertFalse(o.linesSupported());
        assertTrue(o.states().isEmpty());
        assertTrue(waits.isEmpty());
    }
}
