package esp32ota.boot;

import esp32ota.otadata.OtaData;
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
        int chosen = OtaData.select(copies.get(0), copies.get(1), eligible[0], eligible[1], max);
        if (eligible[0] && eligible[1]) j.log('D', TAG, "Both OTA copies are valid");
        else if (chosen != -1) j.log('D', TAG, "Only otadata[%d] is valid", chosen);
        return chosen;
    }

    /** The active copy: the select-valid one with the higher seq (copy 0 on a tie), or -1. */
    static int active(List<OtaSelectEntry> copies, Journal j) {
        return select(copies, new boolean[] {copies.get(0).isSelectValid(), copies.get(1).isSelectValid()}, true, j);
    }

    /** One line for the trail: "copy 1: seq 2, state NEW, CRC ok → valid". */
    static String describe(int i, OtaSelectEntry e) { return "copy " + i + ": " + e.summary(); }
}
