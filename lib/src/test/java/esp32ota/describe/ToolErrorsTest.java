package esp32ota.describe;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.AppImage;
import esp32ota.image.ImageHeader;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ToolErrorsTest {
    private static final Bytes BLINK = ImageSamples.blink("1.0.0", 1).build();

    @Test void aWrongImageMagicInEsptoolsWords() {
        var e = assertThrows(DecodeException.class,
                () -> ImageHeader.decode(ByteReader.of(BLINK.with(0, Bytes.of(0xEB)), 0)));  // E9 -> EB
        assertEquals("Invalid firmware image magic=0xeb", ToolErrors.message(e));
        assertTrue(ToolErrors.genEsp32Part(e).isEmpty());
    }

    @Test void segmentDataCutShortNamesTheLoadAddressAndBothLengths() {
        Bytes cut = BLINK.slice(0, 0x40);                                 // header 0x18 + segment header 8 + 0x20 bytes
        var e = assertThrows(DecodeException.class, () -> AppImage.decode(cut));
        long load = BLINK.u8(0x18) | BLINK.u8(0x19) << 8 | BLINK.u8(0x1A) << 16 | (long) BLINK.u8(0x1B) << 24;
        long len = BLINK.u8(0x1C) | BLINK.u8(0x1D) << 8 | BLINK.u8(0x1E) << 16 | (long) BLINK.u8(0x1F) << 24;
        assertEquals("End of file reading segment 0x%x, length %d (actual length 32)".formatted(load, len),
                ToolErrors.esptool(e).orElseThrow());
    }

    @Test void aFailureNoToolWordsKeepsTheKitsMessage() {
        var e = assertThrows(DecodeException.class, () -> AppImage.decode(BLINK.slice(0, 0x18)));
        assertEquals(DecodeException.Kind.TRUNCATED, e.kind());
        assertEquals("Segment[0].load_addr at 0x000018: truncated (expected 4 bytes, got 0 bytes left)",
                ToolErrors.message(e));
    }

    @Test void pythonReprOfBytesPicksItsQuotesAsPythonDoes() {
        assertEquals("b'\\xaa\\x00'", ToolErrors.pythonRepr(Bytes.of(0xAA, 0x00)));
        assertEquals("b\"it's\"", ToolErrors.pythonRepr(Bytes.utf8("it's")));
        assertEquals("b'\\'\"'", ToolErrors.pythonRepr(Bytes.utf8("'\"")));
    }
}
