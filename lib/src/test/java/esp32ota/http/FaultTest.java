package esp32ota.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class FaultTest {
    @Test void textFormsRoundTrip() {
        var cases = List.of(
                new Object[] {"cut:1000", new Fault.Cut(1000), "cut after 1000 bytes"},
                new Object[] {"html", new Fault.HtmlPage(), "HTML page instead of the image"},
                new Object[] {"stall:4096:3000", new Fault.Stall(4096, Duration.ofMillis(3000)),
                        "stall of 3000 ms after 4096 bytes"},
                new Object[] {"reset:0", new Fault.Reset(0), "reset after 0 bytes"},
                new Object[] {"length:+16", new Fault.WrongLength(16), "Content-Length 16 bytes too large"},
                new Object[] {"status:404", new Fault.Status(404), "status 404"},
                new Object[] {"norange", new Fault.IgnoreRange(), "Range header ignored"});
        for (Object[] c : cases) {
            Fault f = Fault.parse((String) c[0]);
            assertEquals(c[1], f, (String) c[0]);
            assertEquals(c[0], f.spec());
            assertEquals(c[2], f.describe());
        }
    }

    @Test void badFormsSayWhatIsAccepted() {
        for (String bad : List.of("", "cut", "cut:x", "cut:1:2", "html:1", "norange:1", "stall:5", "length:16", "nope:1")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Fault.parse(bad), bad);
            assertEquals("bad fault '" + bad + "' (expected cut:N, html, stall:N:MS, reset:N, length:+N, status:CODE or norange)",
                    e.getMessage());
        }
        assertEquals("bad fault 'cut:-1': byte count must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> Fault.parse("cut:-1")).getMessage());
        assertEquals("bad fault 'status:200': status fault needs a code 300..599",
                assertThrows(IllegalArgumentException.class, () -> Fault.parse("status:200")).getMessage());
        assertEquals("bad fault 'length:+0': length fault must declare more bytes (+N, N > 0)",
                assertThrows(IllegalArgumentException.class, () -> Fault.parse("length:+0")).getMessage());
    }

    @Test void logLinesNameTheFault() {
        var r = new ServedRequest("GET", "/a.bin", Optional.of("bytes=0-99"), 206, 50, Optional.of(new Fault.Cut(50)));
        assertEquals("GET /a.bin range=bytes=0-99 -> 206, 50 bytes [cut after 50 bytes]", r.toString());
    }
}
