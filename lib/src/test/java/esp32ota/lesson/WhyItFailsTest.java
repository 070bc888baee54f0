package esp32ota.lesson;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionTableException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WhyItFailsTest {
    @Test void aBadMagicSaysWhichStructureAndWhatAMagicIs() {
        var e = assertThrows(DecodeException.class, () -> PartitionTable.decode(Bytes.filled(32, 0), 0x8000));
        String why = WhyItFails.of(e);
        assertEquals("why it fails: every PartitionEntry starts with a fixed magic value, and these bytes hold something "
                + "else (another structure, erased flash, a damaged copy): decoding stops at once", why);
    }

    @Test void eachDecodeKindHasItsOwnOneLineReason() {
        var lines = new java.util.HashSet<String>();
        for (var kind : DecodeException.Kind.values()) {
            String why = WhyItFails.of(new DecodeException(kind, 0xD000, "OtaData", "otadata[1]", 32, 16));
            assertTrue(why.startsWith("why it fails: ") && !why.contains("\n"), why);
            lines.add(why);
        }
        assertEquals(DecodeException.Kind.values().length, lines.size());
        assertTrue(WhyItFails.of(new DecodeException(DecodeException.Kind.TRUNCATED, 0, "OtaData", "otadata[1]", 32, 16))
                .contains("OtaData ends, so its field otadata[1]"));
    }

    @Test void aPartitionTableRuleNamesTheToolWhoseWordsTheMessageUses() {
        var e = assertThrows(PartitionTableException.class, () -> PartitionCsv.parse(
                "nvs, data, nvs, 0x9000, 0x6000\notadata, data, ota, 0xe000, 0x2000\n"));
        assertTrue(WhyItFails.of(e).contains("gen_esp32part"), WhyItFails.of(e));
    }

    @Test void anyOtherExceptionNamesWhereItWasThrown() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("zz"));
        String why = WhyItFails.of(e);
        assertTrue(why.startsWith("why it fails: a method was given a value it does not accept in "), why);
    }
}
