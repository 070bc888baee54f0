package esp32ota.serial;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PipeTransportTest {
    @Test void bytesCrossInOrderAndAnEmptyPipeTimesOutWithZero() throws IOException {
        PipeTransport[] p = PipeTransport.pair();
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        p[0].write(new byte[] {1, 2, 3});
        p[0].write(big);
        byte[] got = new byte[3 + big.length];
        int n = 0;
        while (n < got.length) n += p[1].read(got, n, got.length - n, Duration.ofMillis(100));
        assertEquals(1, got[0]);
        assertEquals(3, got[2]);
        assertEquals((byte) 99_999, got[got.length - 1]);
        assertEquals(0, p[1].read(got, 0, 10, Duration.ofMillis(20)));
        assertEquals(0, p[1].read(got, 0, 10, Duration.ZERO));
    }

    @Test void closingEitherEndEndsBoth() throws IOException {
        PipeTransport[] p = PipeTransport.pair();
        p[0].write(new byte[] {9});
        p[1].close();
        byte[] b = new byte[4];
        assertEquals(1, p[1].read(b, 0, 4, Duration.ofMillis(10)));     // what was sent before the close
        assertEquals(9, b[0]);
        assertEquals(-1, p[1].read(b, 0, 4, Duration.ofMillis(10)));
        assertEquals(-1, p[0].read(b, 0, 4, Duration.ofMillis(10)));
        IOException e = assertThrows(IOException.class, () -> p[0].write(new byte[] {1}));
        assertEquals("pipe:a is closed", e.getMessage());
    }

    @Test void controlLinesReachThePeer() throws IOException {
        PipeTransport[] p = PipeTransport.pair();
        List<ControlLines> seen = new ArrayList<>();
        p[1].onPeerLines(seen::add);
        assertTrue(p[0].setLines(false, true));
        assertTrue(p[0].setLines(true, false));
        assertEquals(List.of(new ControlLines(false, true), new ControlLines(true, false)), seen);
        assertTrue(p[1].peerLines().io0Low());
        assertTrue(seen.get(0).enLow());
    }

    @Test void withoutLinesSetLinesAnswersFalse() throws IOException {
        PipeTransport[] p = PipeTransport.pair(false);
        assertFalse(p[0].setLines(true, true));
        assertEquals(new ControlLines(false, false), p[1].peerLines());
    }

    @Test void discardInputDropsWhatWaits() throws IOException {
        PipeTransport[] p = PipeTransport.pair();
        p[0].write(new byte[5000]);
        p[1].discardInput();
        assertEquals(0, p[1].read(new byte[10], 0, 10, Duration.ZERO));
    }
}
