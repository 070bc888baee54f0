package esp32ota.bytes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BytesTest {
    @Test void equalityIsByContent() {
        byte[] a = {1, 2, 3};
        Bytes b = Bytes.of(a);
        a[0] = 9;                                        // the copy does not see later changes
        assertEquals(Bytes.of(1, 2, 3), b);
        assertEquals(Bytes.of(1, 2, 3).hashCode(), b.hashCode());
        assertNotEquals(Bytes.of(1, 2, 4), b);
    }

    @Test void paddedAsciiIsPrintableTextFollowedOnlyByNuls() {
        assertEquals(java.util.Optional.of("nvs"), Bytes.of('n', 'v', 's', 0, 0).paddedAscii());
        assertEquals(java.util.Optional.of("ota"), Bytes.utf8("ota").paddedAscii());
        assertTrue(Bytes.of('a', 0, 'b').paddedAscii().isEmpty());              // text after the padding
        assertTrue(Bytes.of(0, 0).paddedAscii().isEmpty());                     // no text at all
        assertTrue(Bytes.filled(20, 0xFF).paddedAscii().isEmpty());             // erased flash
        assertTrue(Bytes.of('a', 0x7F).paddedAscii().isEmpty());                // DEL is not printable
    }

    @Test void toStringIsOkioStyleHex() {
        assertEquals("[hex=aa50]", Bytes.of(0xAA, 0x50).toString());
        assertTrue(Bytes.filled(100, 0xFF).toString().startsWith("[size=100 hex=ffff"));
    }

    @Test void littleEndianReadsAreUnsigned() {
        Bytes b = Bytes.fromHex("9a984347");
        assertEquals(0x4743989AL, b.u32le(0));
        assertEquals(0x989A, b.u16le(0));
        assertEquals(0x9A, b.u8(0));
    }

    @Test void digestsMatchKnownValues() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Bytes.EMPTY.md5().hex());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Bytes.EMPTY.sha256().hex());
    }

    @Test void withSliceConcatAndFilled() {
        Bytes sector = Bytes.filled(8, 0xFF);
        Bytes patched = sector.with(2, Bytes.of(0, 0));
        assertEquals("ffff0000ffffffff", patched.hex());
        assertEquals("ffffffffffffffff", sector.hex(), "with() returns a copy");
        assertEquals(Bytes.of(0, 0), patched.slice(2, 4));
        assertEquals("0102ff", Bytes.of(1, 2).concat(Bytes.of(0xFF)).hex());
        assertTrue(sector.allEqual(0xFF));
        assertFalse(patched.allEqual(0xFF));
    }

    @Test
    void allEqualOverARangeAgreesWithByteByByte() {
        byte[] b = new byte[100];
        java.util.Arrays.fill(b, (byte) 0xFF);
        b[13] = 0x7F;
        b[71] = (byte) 0xFE;
        Bytes bytes = Bytes.of(b);
        for (int from = 0; from <= b.length; from++) {
            for (int to = from; to <= b.length; to++) {
                boolean expected = true;
                for (int i = from; i < to; i++) expected &= (b[i] & 0xFF) == 0xFF;
                assertEquals(expected, bytes.allEqual(from, to, 0xFF), from + ".." + to);
            }
        }
        assertTrue(bytes.allEqual(13, 14, 0x7F));
        assertFalse(bytes.allEqual(0, 8, 0x1FF));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.allEqual(90, 101, 0xFF));
    }
}
