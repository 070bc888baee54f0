package esp32ota.otadata;

import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The per-copy predicates and the slot formula, on entries built from bytes written out here. */
class OtaSelectEntryTest {
    private static OtaSelectEntry entry(String hex) { return OtaSelectEntry.decode(ByteReader.of(Bytes.fromHex(hex), 0)); }

    @Test void layoutFieldWidthsAddUpToThirtyTwo() {
        assertEquals(OtaSelectEntry.SIZE, 4 + OtaSelectEntry.LABEL_SIZE + 4 + 4);
        assertEquals(OtaSelectEntry.OFF_CRC + 4, OtaSelectEntry.SIZE);
        assertEquals(OtaSelectEntry.OFF_STATE, OtaSelectEntry.OFF_LABEL + OtaSelectEntry.LABEL_SIZE);
    }

    @Test void seqOneValidAsFormatsMdSpellsIt() {
        OtaSelectEntry e = OtaSelectEntry.written(0, 1, OtaImgState.UNDEFINED);
        assertEquals("01000000" + "ff".repeat(20) + "ffffffff" + "9a984347", e.encode().hex());
        assertTrue(e.isSelectValid());
        assertEquals(0, e.slot(2));
    }

    @Test void seqZeroIsLegalAndWrapsToTheLastSlot() {
        OtaSelectEntry e = entry("00000000" + "ff".repeat(20) + "02000000" + "ffffffff");
        assertTrue(e.crcOk());
        assertTrue(e.isSelectValid());
        assertEquals(0xFFFFFFFFL, e.seqMinusOne());
        assertEquals(1, e.slot(2));
        assertEquals(0, e.slot(3));
        assertEquals(15, e.slot(16));
    }

    @Test void seqNearTwoToTheThirtyTwo() {
        OtaSelectEntry e = OtaSelectEntry.written(0, 0xFFFFFFFEL, OtaImgState.VALID);
        assertEquals(0x99F8B879L, e.crc());
        assertEquals(0xFFFFFFFDL, e.seqMinusOne());
        assertEquals(1, e.slot(2));
        assertEquals(4294967293L % 7, e.slot(7));
        assertTrue(e.isSelectValid());
    }

    @Test void blankIsInvalidButAWrongCrcIsNot() {
        OtaSelectEntry blank = OtaSelectEntry.blank(0);
        assertTrue(blank.isBlankSeq());
        assertTrue(blank.isSelectInvalid());
        assertTrue(blank.isBlankOrBadCrc());
        OtaSelectEntry badCrc = entry("03000000" + "ff".repeat(20) + "02000000" + "12345678");
        assertFalse(badCrc.isSelectInvalid(), "the CRC is not part of select_invalid");
        assertFalse(badCrc.isSelectValid());
        assertTrue(badCrc.isBlankOrBadCrc());
    }

    @Test void invalidAndAbortedDisqualifyOtherCodesDoNot() {
        for (long code : new long[] {0, 1, 2, 0xFFFFFFFFL, 5, 0x12345678L}) {
            assertTrue(OtaSelectEntry.written(0, 2, OtaImgState.VALID).withState(code).isSelectValid(), "code " + code);
        }
        assertTrue(OtaSelectEntry.written(0, 2, OtaImgState.INVALID).isSelectInvalid());
        assertTrue(OtaSelectEntry.written(0, 2, OtaImgState.ABORTED).isSelectInvalid());
    }

    @Test void unknownStateCodesSurvive() {
        OtaSelectEntry e = entry("02000000" + "00".repeat(20) + "07000000" + "7437f655");
        assertEquals(Optional.empty(), e.state());
        assertEquals(7, e.stateCode());
        assertEquals("UNKNOWN", OtaSelectEntryDescriber.stateName(7));
        assertEquals("02000000" + "00".repeat(20) + "07000000" + "7437f655", e.encode().hex());
    }

    @Test void rewritingKeepsTheLabelAndRecomputesOnlyWhenTheSeqChanges() {
        OtaSelectEntry e = entry("05000000" + "41".repeat(20) + "01000000" + "00000000");
        OtaSelectEntry aborted = e.withState(OtaImgState.ABORTED.code());
        assertEquals(0, aborted.crc(), "the bootloader rewrites the state without touching the CRC");
        assertEquals(e.seqLabel(), aborted.seqLabel());
        OtaSelectEntry reseq = e.withSeqAndCrc(7);
        assertEquals(OtaCrc.of(7), reseq.crc());
        assertEquals(e.seqLabel(), reseq.seqLabel());
    }

    @Test void refusesValuesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new OtaSelectEntry(0, 1L << 32, Bytes.filled(20, 0), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OtaSelectEntry(0, 1, Bytes.filled(19, 0), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> OtaSelectEntry.blank(0).slot(0));
    }
}
