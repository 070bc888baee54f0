package esp32ota.view;

import esp32ota.boot.BootloaderView;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two otadata copies side by side: one row per field or check, one column per copy, with the words the shared
 * vectors use ({@code crc_ok}, {@code select_invalid}, {@code select_valid}).
 */
final class OtadataCopiesView {
    static final List<String> ROWS = List.of("address", "ota_seq", "seq_label", "ota_state", "crc (stored)",
            "crc (computed)", "crc_ok", "select_invalid", "select_valid", "selects", "active");

    private OtadataCopiesView() {}

    static Table table(OtaData otadata, PartitionTable table) {
        int appCount = BootloaderView.of(table).appCount();
        Optional<Integer> active = otadata.activeCopy();
        List<OtaSelectEntry> copies = otadata.copies();
        Table t = Table.create("otadata at 0x%X: copy %s is active".formatted(otadata.address(),
                active.map(String::valueOf).orElse("none")), StringColumn.create("field", ROWS));
        for (int i = 0; i < copies.size(); i++) {
            OtaSelectEntry c = copies.get(i);
            List<String> cells = new ArrayList<>(List.of("0x%X".formatted(c.address()), seq(c), label(c),
                    OtaSelectEntryDescriber.stateName(c), hex(c.crc()), hex(c.expectedCrc()), yesNo(c.crcOk()), yesNo(c.isSelectInvalid()),
                    yesNo(c.isSelectValid()), selects(c, appCount), yesNo(active.equals(Optional.of(i)))));
            t.addColumns(StringColumn.create("copy " + i, cells));
        }
        return t;
    }

    /** {@code 2}, or {@code 0xFFFFFFFF (blank)}. */
    static String seq(OtaSelectEntry c) { return c.isBlankSeq() ? "0xFFFFFFFF (blank)" : Long.toString(c.otaSeq()); }

    /** The slot with its arithmetic, {@code ota_1 = (2 − 1) mod 2}; a dash for a blank seq or no OTA slots. */
    static String selects(OtaSelectEntry c, int appCount) {
        if (c.isBlankSeq() || appCount == 0) return "–";
        return OtaSelectEntryDescriber.slotEquation(c, appCount);
    }

    /** {@code 20 × FF} when erased, the text when it is NUL-padded printable ASCII, else hex. */
    static String label(OtaSelectEntry c) {
        if (c.seqLabel().allEqual(0xFF)) return "%d × FF".formatted(c.seqLabel().size());
        return c.seqLabel().paddedAscii().map(t -> "\"" + t + "\"").orElse(c.seqLabel().hex());
    }

    static String hex(long u32) { return "0x%08X".formatted(u32); }

    static String yesNo(boolean b) { return b ? "yes" : "no"; }
}
