package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

class PacketTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test void readRegRequestBytes() {
        byte[] b = Request.of(Command.READ_REG, ChipDetect.MAGIC_REGISTER).encode();
        // dir 00, cmd 0A, size 0004, checksum 0, address 0x40001000 LE
        assertEquals("000a04000000000000100040", HEX.formatHex(b));
        Request back = Request.decode(b);
        assertEquals(Command.READ_REG.code(), back.command());
        assertEquals(0x40001000L, back.word(0));
    }

    @Test void checksumIsXorSeededWith0xEF() {
        assertEquals(0xEF, Request.checksum(Bytes.EMPTY));
        assertEquals(0xEF ^ 0x01 ^ 0x02 ^ 0xFF, Request.checksum(Bytes.of(1, 2, 0xFF)));
        Request block = Request.block(Command.FLASH_DATA, 3, Bytes.of(0x10, 0x20));
        assertEquals(0xEF ^ 0x30, block.checksum());
        assertEquals(2, block.word(0));
        assertEquals(3, block.word(1));
        assertEquals(Request.DATA_HEADER + 2, block.data().size());
    }

    @Test void responseStatusSitsAfterTheExpectedPayload() {
        Response r = Response.of(0x13, 0, Bytes.utf8("0123456789abcdef0123456789abcdef"), false, 0, Response.ROM_STATUS);
        Response back = Response.decode(r.encode());
        assertEquals(36, back.data().size());
        assertTrue(back.hasStatusAfter(32));
        assertEquals(0, back.status(32));
        Response failed = Response.decode(Response.of(0x03, 0, Bytes.EMPTY, true, 0x07, Response.ROM_STATUS).encode());
        assertEquals(1, failed.status(0));
        assertEquals(RomError.CHECKSUM, RomError.fromCode(failed.error(0)).orElseThrow());
    }

    @Test void decodeRefusesWrongDirectionShortFramesAndLyingSizes() {
        assertEquals(DecodeException.Kind.BAD_MAGIC,
                assertThrows(DecodeException.class, () -> Response.decode(HEX.parseHex("000a000000000000"))).kind());
        assertEquals(DecodeException.Kind.TRUNCATED,
                assertThrows(DecodeException.class, () -> Response.decode(HEX.parseHex("010a00"))).kind());
        assertEquals(DecodeException.Kind.BAD_VALUE,
                assertThrows(DecodeException.class, () -> Request.decode(HEX.parseHex("000a050000000000"))).kind());
    }

    @Test void unknownCodesSurvive() {
        assertTrue(Command.fromCode(0x7F).isEmpty());
        assertEquals("0x7F", Command.describe(0x7F));
        assertEquals("SPI_FLASH_MD5 (0x13)", Command.describe(0x13));
        assertTrue(RomError.fromCode(0x42).isEmpty());
        assertEquals("0x05 (the format of the received message is invalid)", RomError.describe(0x05));
        Request unknown = Request.decode(new Request(0x7F, 0, Bytes.of(1)).encode());
        assertEquals(0x7F, unknown.command());
    }
}
