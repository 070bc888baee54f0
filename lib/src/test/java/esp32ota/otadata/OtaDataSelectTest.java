package esp32ota.otadata;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link OtaData#select} and {@link OtaData#activeCopy}: the one selection rule (bootloader_common_select_otadata)
 * that the bootloader and the app both use. Cases from formats.md §3.6: larger seq wins, copy 0 on a tie, an invalid
 * or CRC-wrong copy is not eligible.
 */
class OtaDataSelectTest {
    private static final long AT = 0xD000;

    private static OtaData of(OtaSelectEntry c0, OtaSelectEntry c1) {
        return OtaData.erased(AT).withCopy(0, c0).withCopy(1, c1);
    }

    private static OtaSelectEntry valid(long seq) { return OtaSelectEntry.written(0, seq, OtaImgState.VALID); }

    @Test void theHigherSeqIsActiveAndCopyZeroWinsATie() {
        assertEquals(Optional.of(1), of(valid(1), valid(2)).activeCopy());
        assertEquals(Optional.of(0), of(valid(3), valid(2)).activeCopy());
        assertEquals(Optional.of(0), of(valid(2), valid(2)).activeCopy());
    }

    @Test void anIneligibleCopyIsNeverChosen() {
        OtaSelectEntry aborted = OtaSelectEntry.written(0, 5, OtaImgState.ABORTED);
        OtaSelectEntry badCrc = new OtaSelectEntry(0, 7, valid(7).seqLabel(), OtaImgState.VALID.code(), 0x1234);
        assertEquals(Optional.of(0), of(valid(1), aborted).activeCopy());
        assertEquals(Optional.of(1), of(badCrc, valid(2)).activeCopy());
        assertEquals(Optional.empty(), OtaData.erased(AT).activeCopy());
        assertEquals(Optional.empty(), of(badCrc, aborted).activeCopy());
    }

    @Test void theLowerSeqWhenAskedAndOnlyAmongEligibleCopies() {
        List<OtaSelectEntry> copies = List.of(valid(4), valid(9));
        assertEquals(Optional.of(0), OtaData.select(copies, i -> true, OtaData.Pick.LOWER_SEQ));
        assertEquals(Optional.of(1), OtaData.select(copies, i -> true, OtaData.Pick.HIGHER_SEQ));
        assertEquals(Optional.of(1), OtaData.select(copies, i -> i == 1, OtaData.Pick.LOWER_SEQ));
        assertEquals(Optional.empty(), OtaData.select(copies, i -> false, OtaData.Pick.HIGHER_SEQ));
        assertThrows(IllegalArgumentException.class, () -> OtaData.select(List.of(valid(1)), i -> true,
                OtaData.Pick.HIGHER_SEQ));
    }
}
