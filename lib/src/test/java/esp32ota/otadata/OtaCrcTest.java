package esp32ota.otadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The otadata CRC against the worked values of formats.md §3.2 (checked there with binascii, zlib and a bit loop). */
class OtaCrcTest {
    @ParameterizedTest(name = "seq {0} -> {1}")
    @CsvSource({
            "0x00000001, 0x4743989A",
            "0x00000002, 0x55F63774",
            "0x00000003, 0xED4A5011",
            "0xFFFFFFFE, 0x99F8B879",
            "0x00000000, 0xFFFFFFFF",
            "0xFFFFFFFF, 0x2144DF1C",
    })
    void workedValues(String seq, String crc) {
        assertEquals(Long.decode(crc), OtaCrc.of(Long.decode(seq)));
    }

    @Test void isNotJavaUtilZipCrc32() {
        CRC32 standard = new CRC32();
        standard.update(new byte[] {1, 0, 0, 0});
        assertEquals(0x99F8B879L, standard.getValue());
        assertNotEquals(standard.getValue(), OtaCrc.of(1));
    }

    @Test void mirrorsTheStandardCrcOfTheComplement() {
        for (long seq : new long[] {0, 1, 2, 5, 0x12345678L, 0xFFFFFFFEL}) {
            CRC32 standard = new CRC32();
            long inverted = ~seq & 0xFFFFFFFFL;
            standard.update(new byte[] {(byte) inverted, (byte) (inverted >> 8), (byte) (inverted >> 16), (byte) (inverted >> 24)});
            assertEquals(standard.getValue(), OtaCrc.of(seq), "seq " + seq);
        }
    }

    @Test void romFunctionInvertsItsStartValueAndResult() {
        assertEquals(0L, OtaCrc.romCrc32Le(0, new byte[0]));
        assertEquals(0xFFFFFFFFL, OtaCrc.romCrc32Le(0xFFFFFFFFL, new byte[0]));
        CRC32 standard = new CRC32();
        standard.update("123456789".getBytes());
        assertEquals(0xCBF43926L, standard.getValue());
        assertEquals(0xCBF43926L, OtaCrc.romCrc32Le(0, "123456789".getBytes()), "start 0 = the standard CRC-32");
    }
}
