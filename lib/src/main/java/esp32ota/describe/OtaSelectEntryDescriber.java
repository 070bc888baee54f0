package esp32ota.describe;

import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Words about one otadata copy ({@link OtaSelectEntry}, {@code esp_ota_select_entry_t}): the slot arithmetic
 * {@code (ota_seq − 1) mod app_count} in its few phrasings, its state's name, a copy or a written entry in one
 * line, and the field-by-field explanation of {@code ./kit otadata}. The CLI, the boot and OTA journals and the views take these phrases from
 * here, so the arithmetic is worded in one place.
 */
public final class OtaSelectEntryDescriber {
    private OtaSelectEntryDescriber() {}

    /** The slot arithmetic in words: "(5 − 1) mod 8 = 4", or the wrap-around spelled out for seq 0. */
    public static String slotArithmetic(OtaSelectEntry e, int count) {
        if (e.otaSeq() == 0) {
            long m = e.seqMinusOne();
            return "(0 − 1) wraps to %d; %d mod %d = %d".formatted(m, m, count, e.slot(count));
        }
        return "(%d − 1) mod %d = %d".formatted(e.otaSeq(), count, e.slot(count));
    }

    /** The slot arithmetic with the u32 step shown: "(seq − 1) mod 2^32 = 4; 4 mod 2 = 0". */
    public static String slotArithmeticInU32(OtaSelectEntry e, int count) {
        return "(seq − 1) mod 2^32 = %d; %d mod %d = %d".formatted(e.seqMinusOne(), e.seqMinusOne(), count,
                e.slot(count));
    }

    /** The slot as an equation: "ota_1 = (2 − 1) mod 2". */
    public static String slotEquation(OtaSelectEntry e, int count) {
        return "ota_%d = (%d − 1) mod %d".formatted(e.slot(count), e.otaSeq(), count);
    }

    /** The rule a seq must meet to select {@code slot}: "(seq − 1) mod 2 = 1". */
    public static String seqRule(int count, int slot) { return "(seq − 1) mod %d = %d".formatted(count, slot); }

    /** The state's name, or the code with a note when ESP-IDF does not name it. */
    public static String stateName(OtaSelectEntry e) {
        return e.state().map(Enum::name).orElse("0x%08x (unknown, treated like VALID)".formatted(e.stateCode()));
    }

    /** The state's name in one word: the enum name, or {@code UNKNOWN} for a code ESP-IDF does not name. */
    public static String stateName(long code) { return OtaImgState.fromCode(code).map(Enum::name).orElse("UNKNOWN"); }

    /** One line in plain words: "seq 2, state NEW, CRC ok → valid". */
    public static String summary(OtaSelectEntry e) {
        if (e.isBlankSeq()) return "blank (seq 0xFFFFFFFF) → not valid";
        String crcText = e.crcOk() ? "CRC ok"
                : "CRC wrong (stored 0x%08x, expected 0x%08x)".formatted(e.crc(), e.expectedCrc());
        String verdict = e.isSelectInvalid() ? "marked " + stateName(e) + ", never selected"
                : e.crcOk() ? "valid" : "ignored";
        return "seq %d, state %s, %s → %s".formatted(e.otaSeq(), stateName(e), crcText, verdict);
    }

    /** A written entry in one line: "seq 2, NEW, crc 0x55f63774" (the state's name, or its code). */
    public static String written(OtaSelectEntry e) {
        return "seq %d, %s, crc 0x%08x".formatted(e.otaSeq(), stateName(e.stateCode()), e.crc());
    }

    /**
     * Field by field, as {@code ./kit otadata} explains a copy: seq, label, state, CRC check, the bootloader's
     * select_invalid / select_valid tests and, with {@code appCount}, the slot it selects.
     */
    public static List<String> fields(OtaSelectEntry e, Optional<Integer> appCount) {
        List<String> lines = new ArrayList<>();
        lines.add("  ota_seq    %d (0x%08x)%s".formatted(e.otaSeq(), e.otaSeq(), e.isBlankSeq() ? "  blank: erased flash" : ""));
        lines.add("  seq_label  %s (not used by any decision)".formatted(e.seqLabel().hex()));
        lines.add("  ota_state  0x%08x %s".formatted(e.stateCode(), stateName(e)));
        lines.add("  crc        0x%08x; CRC of ota_seq = 0x%08x: %s".formatted(e.crc(), e.expectedCrc(),
                e.crcOk() ? "ok" : "WRONG"));
        lines.add("  select_invalid: %s".formatted(e.isSelectInvalid()
                ? "yes (" + (e.isBlankSeq() ? "seq is blank" : "state is " + stateName(e)) + ")"
                : "no (seq not blank, state not INVALID/ABORTED; the CRC is not looked at here)"));
        lines.add("  select_valid:   %s".formatted(e.isSelectValid() ? "yes" : e.isSelectInvalid() ? "no" : "no (wrong CRC)"));
        appCount.ifPresent(n -> lines.add("  selects ota_%d when active: %s".formatted(e.slot(n),
                slotArithmeticInU32(e, n))));
        return lines;
    }
}
