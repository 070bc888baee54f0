package esp32ota.loader;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SlipTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test void escapesEndAndEscAfterFraming() {
        byte[] framed = Slip.encode(HEX.parseHex("01c0dbff"));
        assertEquals("c001dbdcdbddffc0", HEX.formatHex(framed));
    }

    @Test void decodesWhatItEncodesEvenByteByByte() {
        byte[] payload = HEX.parseHex("00c0dbdcdd c0c0 db".replace(" ", ""));
        SlipDecoder d = new SlipDecoder();
        List<byte[]> frames = new ArrayList<>();
        for (byte b : Slip.encode(payload)) frames.addAll(d.feed(new byte[] {b}));
        assertEquals(1, frames.size());
        assertArrayEquals(payload, frames.get(0));
        assertEquals(0, d.noiseBytes());
    }

    @Test void bootTextBetweenFramesIsNoiseNotAFrame() {
        String boot = "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n";
        byte[] text = boot.getBytes(StandardCharsets.US_ASCII);
        SlipDecoder d = new SlipDecoder();
        List<byte[]> frames = new ArrayList<>(d.feed(text));
        frames.addAll(d.feed(Slip.encode(new byte[] {1, 2})));
        frames.addAll(d.feed("noise".getBytes(StandardCharsets.US_ASCII)));
        frames.addAll(d.feed(Slip.encode(new byte[] {3})));
        assertEquals(2, frames.size());
        assertArrayEquals(new byte[] {1, 2}, frames.get(0));
        assertArrayEquals(new byte[] {3}, frames.get(1));
        assertEquals(text.length + 5, d.noiseBytes());
        assertEquals(boot + "noise", new String(d.takeNoise(), StandardCharsets.US_ASCII));
        assertEquals(0, d.takeNoise().length);
    }

    @Test void joiningMidFrameResynchronisesAtTheNextFrame() {
        // the tail of a frame we missed the start of, its closing C0, then a whole frame
        byte[] stream = HEX.parseHex("0203" + "c0" + "c00405c0");
        List<byte[]> frames = new SlipDecoder().feed(stream);
        assertEquals(1, frames.size());
        assertArrayEquals(new byte[] {4, 5}, frames.get(0));
    }

    @Test void aBadEscapeDropsThatFrameOnly() {
        byte[] stream = HEX.parseHex("c001db02c0" + "c00607c0");
        SlipDecoder d = new SlipDecoder();
        List<byte[]> frames = d.feed(stream);
        assertEquals(1, frames.size());
        assertArrayEquals(new byte[] {6, 7}, frames.get(0));
        assertEquals(1, d.droppedFrames());
    }

    @Test void anOverlongFrameIsDropped() {
        SlipDecoder d = new SlipDecoder(4);
        List<byte[]> frames = d.feed(HEX.parseHex("c00102030405c0c00102c0"));
        assertEquals(1, frames.size());
        assertArrayEquals(new byte[] {1, 2}, frames.get(0));
        assertEquals(1, d.droppedFrames());
    }

    @Test void emptyFramesAreNotFrames() {
        assertTrue(new SlipDecoder().feed(HEX.parseHex("c0c0c0c0")).isEmpty());
    }
}
