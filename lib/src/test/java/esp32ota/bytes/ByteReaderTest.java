package esp32ota.bytes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ByteReaderTest {
    private static final Bytes ENTRY = Bytes.fromHex(
            "aa50 0102 0090 0000 0040 0000 6e76 7300 0000 0000 0000 0000 0000 0000 0000 0000");

    @Test void readsLittleEndianFieldsAtAbsoluteAddresses() {
        var r = ByteReader.of(ENTRY, 0x8000).structure("PartitionEntry");
        assertEquals(0x8000, r.address());
        assertEquals(0x50AA, r.u16("magic"));
        assertEquals(0x01, r.u8("type"));
        assertEquals(0x02, r.u8("subtype"));
        assertEquals(0x9000L, r.u32("offset"));
        assertEquals(0x4000L, r.u32("size"));
        assertEquals("nvs", r.cString(16, "label"));
        assertEquals(0L, r.u32("flags"));
        assertEquals(0x8020, r.address());
        assertEquals(0, r.remaining());
    }

    @Test void recordsOneSpanPerField() {
        var r = ByteReader.of(ENTRY, 0x8000).structure("PartitionEntry");
        r.u16("magic");
        r.u8("type");
        r.skip(1, "subtype");
        assertEquals(List.of(
                new FieldSpan("PartitionEntry", "magic", 0x8000, 2),
                new FieldSpan("PartitionEntry", "type", 0x8002, 1),
                new FieldSpan("PartitionEntry", "subtype", 0x8003, 1)), r.spans());
    }

    @Test void u32IsUnsigned() {
        var r = ByteReader.of(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF), 0);
        assertEquals(0xFFFF_FFFFL, r.u32("ota_seq"));
    }

    @Test void truncationNamesTheFieldAndAddress() {
        var r = ByteReader.of(Bytes.of(1, 2, 3), 0xD000).structure("OtaSelectEntry");
        var e = assertThrows(DecodeException.class, () -> r.u32("ota_seq"));
        assertEquals(DecodeException.Kind.TRUNCATED, e.kind());
        assertEquals(0xD000, e.address());
        assertEquals("OtaSelectEntry.ota_seq at 0x00D000: truncated (expected 4 bytes, got 3 bytes left)",
                e.getMessage());
        assertEquals(0, r.position(), "a failed read does not move the cursor");
    }

    @Test void cStringStopsAtFirstNulAndKeepsSixteenCharNames() {
        assertEquals("abcdefghijklmnop",
                ByteReader.of(Bytes.utf8("abcdefghijklmnop"), 0).cString(16, "label"));
        assertEquals("ab", ByteReader.of(Bytes.of('a', 'b', 0, 'c'), 0).cString(4, "label"));
    }

    @Test void seekOutsideTheDataIsADecodeError() {
        var r = ByteReader.of(Bytes.filled(8, 0), 0x100);
        var e = assertThrows(DecodeException.class, () -> r.seek(9));
        assertEquals(0x109, e.address());
        assertEquals(8, r.seek(8).position());
    }

    @Test void aDecodeExceptionCarriesTheRawValuesItWasGivenButNoWording() {
        var e = new DecodeException(DecodeException.Kind.BAD_MAGIC, 0x8020, "PartitionEntry", "magic", "0x50AA", "0x00AA");
        var withValue = e.with("magic", 0x00AA);
        assertEquals(0x00AA, withValue.value("magic").orElseThrow());
        assertTrue(e.value("magic").isEmpty());
        assertEquals("PartitionEntry.magic at 0x008020: bad magic (expected 0x50AA, got 0x00AA)", withValue.getMessage());
        assertEquals(0x8020, withValue.address());
    }
}
