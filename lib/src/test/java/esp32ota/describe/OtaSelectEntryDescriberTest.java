package esp32ota.describe;

import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class OtaSelectEntryDescriberTest {
    private static OtaSelectEntry valid(long seq) { return OtaSelectEntry.written(0, seq, OtaImgState.VALID); }

    @Test void slotArithmeticSpellsTheWrapAround() {
        assertEquals("(5 − 1) mod 8 = 4", OtaSelectEntryDescriber.slotArithmetic(valid(5), 8));
        assertEquals("(0 − 1) wraps to 4294967295; 4294967295 mod 3 = 0",
                OtaSelectEntryDescriber.slotArithmetic(valid(0), 3));
    }

    @Test void theOtherPhrasingsOfTheSameArithmetic() {
        assertEquals("(seq − 1) mod 2^32 = 4; 4 mod 2 = 0", OtaSelectEntryDescriber.slotArithmeticInU32(valid(5), 2));
        assertEquals("ota_1 = (2 − 1) mod 2", OtaSelectEntryDescriber.slotEquation(valid(2), 2));
        assertEquals("(seq − 1) mod 3 = 2", OtaSelectEntryDescriber.seqRule(3, 2));
    }

    @Test void aWrittenEntryInOneLineNamesItsStateAndCrc() {
        OtaSelectEntry e = OtaSelectEntry.written(0, 2, OtaImgState.NEW);
        assertEquals("seq 2, NEW, crc 0x%08x".formatted(e.crc()), OtaSelectEntryDescriber.written(e));
    }

    @Test void fieldsEndWithTheSlotOnlyWhenTheSlotCountIsKnown() {
        var without = OtaSelectEntryDescriber.fields(valid(3), Optional.empty());
        var with = OtaSelectEntryDescriber.fields(valid(3), Optional.of(2));
        assertEquals(6, without.size());
        assertEquals(without, with.subList(0, 6));
        assertEquals("  selects ota_0 when active: (seq − 1) mod 2^32 = 2; 2 mod 2 = 0", with.get(6));
        assertEquals("  ota_seq    3 (0x00000003)", without.get(0));
        assertEquals("  crc        0x%08x; CRC of ota_seq = 0x%08x: ok".formatted(valid(3).crc(), valid(3).crc()),
                without.get(3));
    }

    @Test void aCopyInOneLineSaysWhetherTheBootloaderUsesIt() {
        assertEquals("seq 2, state NEW, CRC ok → valid",
                OtaSelectEntryDescriber.summary(OtaSelectEntry.written(0, 2, OtaImgState.NEW)));
        assertEquals("blank (seq 0xFFFFFFFF) → not valid", OtaSelectEntryDescriber.summary(OtaSelectEntry.blank(0)));
        OtaSelectEntry badCrc = new OtaSelectEntry(0, 3, valid(3).seqLabel(), OtaImgState.VALID.code(), 0x1234);
        assertEquals("seq 3, state VALID, CRC wrong (stored 0x00001234, expected 0x%08x) → ignored"
                .formatted(valid(3).crc()), OtaSelectEntryDescriber.summary(badCrc));
        assertEquals("seq 4, state ABORTED, CRC ok → marked ABORTED, never selected",
                OtaSelectEntryDescriber.summary(OtaSelectEntry.written(0, 4, OtaImgState.ABORTED)));
    }

    @Test void anUnknownStateKeepsItsCode() {
        assertEquals("PENDING_VERIFY", OtaSelectEntryDescriber.stateName(OtaSelectEntry.written(0, 1, OtaImgState.PENDING_VERIFY)));
        assertEquals("0x00000007 (unknown, treated like VALID)", OtaSelectEntryDescriber.stateName(valid(1).withState(7)));
    }
}
