package esp32ota.describe;

import esp32ota.bytes.Bytes;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** How an esptool report ends, as a value: printed, esptool's fatal error, or where esptool would crash. */
class EsptoolReportResultTest {
    private static final Bytes BLINK = ImageSamples.blink("1.0.0", 1).build();

    @Test void aGoodImageIsPrintedWithExitStatusZero() {
        var r = assertInstanceOf(EsptoolReport.Result.Printed.class, EsptoolReport.render(BLINK));
        assertEquals(0, r.exitStatus());
        assertEquals(Optional.empty(), r.kitError());
        assertTrue(r.text().startsWith("File size: %d (bytes)\nDetected image type: ESP32\n".formatted(BLINK.size())));
    }

    @Test void esptoolsOwnFatalErrorsEndTheTextAndExitWithTwo() {
        var empty = assertInstanceOf(EsptoolReport.Result.Fatal.class, EsptoolReport.render(Bytes.of()));
        assertEquals("File is empty", empty.message());
        assertEquals("File size: 0 (bytes)\n\nA fatal error occurred: File is empty\n", empty.text());
        assertEquals(2, empty.exitStatus());
        var magic = assertInstanceOf(EsptoolReport.Result.Fatal.class,
                EsptoolReport.render(BLINK.with(0, Bytes.of(0x00))));          // E9 -> 00
        assertEquals("This is not a valid image (invalid magic number: 0x0)", magic.message());
    }

    @Test void aDecoderFailureEsptoolWordsIsFatalTooAndOneItDoesNotIsACrash() {
        var cut = assertInstanceOf(EsptoolReport.Result.Fatal.class, EsptoolReport.render(BLINK.slice(0, 0x40)));
        assertTrue(cut.message().startsWith("End of file reading segment 0x"), cut.message());
        var crash = assertInstanceOf(EsptoolReport.Result.Crash.class, EsptoolReport.render(BLINK.slice(0, 0x18)));
        assertEquals(2, crash.exitStatus());
        assertEquals(Optional.of("Segment[0].load_addr at 0x000018: truncated (expected 4 bytes, got 0 bytes left)"),
                crash.kitError());
        assertFalse(crash.text().contains("fatal error"));
    }
}
