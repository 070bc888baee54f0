package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The checksum rule (formats.md §4.5) and the in-place XOR and digest helpers it relies on. */
class ChecksumTest {
    @Test void xorOfARangeEqualsAByteLoop() {
        byte[] b = new byte[300];
        new Random(4).nextBytes(b);
        Bytes bytes = Bytes.of(b);
        for (int from = 0; from < 20; from++) {
            for (int to = from; to <= b.length; to += 7) {
                int x = 0;
                for (int i = from; i < to; i++) x ^= b[i] & 0xFF;
                assertEquals(x, bytes.xor(from, to), from + ".." + to);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.xor(10, 301));
    }

    @Test void digestOfARange() throws Exception {
        Bytes b = Bytes.fromHex("00112233445566778899");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        b.updateDigest(sha, 2, 5);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(b.toByteArray(), 2, 7)), sha.digest());
    }

    @Test void checksumByteEndsA16ByteBlock() {
        assertEquals(0x0F, Checksum.offsetAfter(0x00));
        assertEquals(0x1F, Checksum.offsetAfter(0x10));
        assertEquals(0x1F, Checksum.offsetAfter(0x1F), "already at the last byte: no padding");
        assertEquals(0x11BF, Checksum.offsetAfter(0x11B0));
    }

    @Test void sharedImagesChecksumFromRawBytes() {
        Bytes img = Vectors.bytes("image_info/bootloader_esp32.bin");    // "Checksum: 0x83 (valid)"
        AppImage d = AppImage.decode(img);
        int x = 0xEF;
        for (SegmentHeader h : d.segmentHeaders()) for (long i = h.dataOffset(); i < h.dataEnd(); i++) x ^= img.u8((int) i);
        assertEquals(0x83, x);
        assertEquals(0x83, d.computedChecksum());
        assertEquals(0x83, d.storedChecksum());
        assertEquals(img.size() - 1, d.checksumOffset());
    }
}
