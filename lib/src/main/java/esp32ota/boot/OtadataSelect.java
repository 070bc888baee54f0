package esp32ota.boot;

import esp32ota.otadata.OtaSelectEntry;

import java.util.List;

/**
 * {@code bootloader_common_select_otadata} and {@code bootloader_common_get_active_otadata}
 * (bootloader_common_loader.c, tag {@code boot_comm}); the application links the same code.
 */
final class OtadataSelect {
    static final String TAG = "boot_comm";

    private OtadataSelect() {}

    /**
     * Among the copies flagged in {@code eligible}: both → the larger seq ({@code max}) or the smaller, copy 0 on a
     * tie; one → that one; none → -1.
     */
    static int select(List<OtaSelectEntry> copies, boolean[] eligible, boolean max, Journal j) {
        if (eligible[0] && eligible[1]) {
            long s0 = copies.get(0).otaSeq(), s1 = copies.get(1).otaSeq();
            long wanted = max ? Math.max(s0, s1) : Math.min(s0, s1);
            j.log('D', TAG, "Both OTA copies are valid");
            return wanted == s0 ? 0 : 1;
        }
        for (int i = 0; i < 2; i++) {
            if (eligible[i]) {
                j.log('D', TAG, "Only otadata[%d] is valid", i);
                return i;
            }
        }
        return -1;
    }

    /** The active copy: the select-valid one with the higher seq (copy 0 on a tie), or -1. */
    static int active(List<OtaSelectEntry> copies, Journal j) {
        return select(copies, new boolean[] {copies.get(0).isSelectValid(), copies.get(1).isSelectValid()}, true, j);
    }

    /** One line for the trail: "copy 1: seq 2, state NEW, CRC ok → valid". */
    static String describe(int i, OtaSelectEntry e) {
        if (e.isBlankSeq()) return "copy %d: blank (seq 0xFFFFFFFF) → not valid".formatted(i);
        String crc = e.crcOk() ? "CRC ok"
                : "CRC wrong (stored 0x%08x, expected 0x%08x)".formatted(e.crc(), e.expectedCrc());
        String verdict = e.isSelectInvalid() ? "marked " + stateName(e) + ", never selected"
                : e.crcOk() ? "valid" : "ignored";
        return "copy %d: seq %d, state %s, %s → %s".formatted(i, e.otaSeq(), stateName(e), crc, verdict);
    }

    static String stateName(OtaSelectEntry e) {
        return e.state().map(Enum::name).orElse("0x%08x (unknown, treated like VALID)".formatted(e.stateCode()));
    }
}
