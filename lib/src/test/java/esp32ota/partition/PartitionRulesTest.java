package esp32ota.partition;

import esp32ota.bytes.Bytes;
import esp32ota.partition.Violation.Rule;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link PartitionRules} and {@link BootloaderListing} as data. The tool's exact stderr for each rule is pinned in
 * esp32ota.cli.PartitionOracleCasesTest; here: the list goes on past the first error, in the tool's order.
 */
class PartitionRulesTest {
    /** idf_two_ota.bin's six rows and an end row, so patched rows need no new MD5 row. */
    private static Bytes twoOtaRows() {
        return Vectors.bytes("partition_tables/idf_two_ota.bin").slice(0, 6 * 0x20).concat(Bytes.filled(0x20, 0xFF));
    }

    /**
     * Three problems at once: row 2 renamed "fat" (+0x4C label), nvs moved to 0x8000 (+0x04 offset), ota_0 moved to
     * 0x100000 (+0x84 offset). The oracle prints the warning and "below"; with nvs fixed, the warning and the
     * overlap; with both fixed only the warning (outputs of gen_esp32part.py v1.5 on those three binaries).
     */
    @Test void theListContinuesWhereTheToolStops() {
        Bytes bad = twoOtaRows().with(0x4C, Bytes.fromHex("6661740000000000"))
                .with(0x04, Bytes.fromHex("00800000")).with(0x84, Bytes.fromHex("00001000"));
        PartitionTable t = PartitionTable.decode(bad, 0x8000);
        List<Violation> found = PartitionRules.validate(t);
        PartitionEntry fat = t.entries().get(2), nvs = t.entries().get(0), ota0 = t.entries().get(4);
        assertEquals(List.of(new Violation(Rule.NAME_IS_OTHER_SUBTYPE, List.of(fat), List.of(1L, 1L)),
                new Violation(Rule.BELOW_TABLE, List.of(nvs), List.of(0x8000L, 0x9000L)),
                new Violation(Rule.OVERLAP, List.of(ota0, t.entries().get(3)), List.of(0x100000L, 0x10000L, 0x10ffffL))),
                found);
        assertEquals(List.of(Violation.Severity.WARNING, Violation.Severity.ERROR, Violation.Severity.ERROR),
                found.stream().map(Violation::severity).toList());
    }

    @Test void perPartitionChecksComeBeforeTableChecksAndKeepTableOrder() {
        String csv = "zeta,data,nvs,0x9000,0x2000\nzeta,app,factory,0x10000,0x100800\n";
        PartitionTable t = PartitionCsv.parseWithLines(csv, PartitionCsv.Options.defaults().withEnv(Map.of())).table();
        List<Violation> found = PartitionRules.validate(t);
        assertEquals(List.of(new Violation(Rule.NVS_TOO_SMALL_FOR_READ_WRITE, List.of(t.entries().get(0)),
                        List.of(1L, 2L, 0x2000L, 0x3000L)),
                new Violation(Rule.SIZE_NOT_ALIGNED, List.of(t.entries().get(1)), List.of(0x100800L, 0x1000L)),
                new Violation(Rule.DUPLICATE_NAMES, t.entries(), List.of())), found);
        assertTrue(found.stream().allMatch(Violation::isError));
    }

    @Test void unknownFlagBitsAreWarningsNotErrors() {
        Bytes flagged = twoOtaRows().with(0x5C, Bytes.fromHex("07000080"));        // phy_init flags 0x80000007
        PartitionTable t = PartitionTable.decode(flagged, 0x8000);
        assertEquals(List.of(new Violation(Rule.UNKNOWN_FLAGS, List.of(t.entries().get(2)), List.of(0x80000004L))),
                PartitionRules.unknownFlags(t));
        assertFalse(PartitionRules.unknownFlags(t).get(0).isError());
        assertEquals(List.of(), PartitionRules.validate(t));
        assertEquals("phy_init,data,phy,0xf000,4K,encrypted:readonly", PartitionCsv.row(t.entries().get(2)));
    }

    @Test void flashSizeUsesTheEntryWithTheHighestOffset() {
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/idf_two_ota.bin"), 0x8000);
        assertEquals(0x310000, t.flashEnd());
        assertEquals(Optional.empty(), PartitionRules.flashSize(t, 4));
        assertEquals(new Violation(Rule.FLASH_SIZE, List.of(), List.of(0x310000L, 2L)),
                PartitionRules.flashSize(t, 2).orElseThrow());
    }

    /** Expected lines: Python's printf-style % with bootloader_utility.c's C format string, on the same values. */
    @Test void bootloaderListingOfTheTwoOtaTable() {
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/idf_two_ota.bin"), 0x8000);
        assertEquals(List.of("Partition Table:", "## Label            Usage          Type ST Offset   Length",
                " 0 nvs              WiFi data        01 02 00009000 00004000",
                " 1 otadata          OTA data         01 00 0000d000 00002000",
                " 2 phy_init         RF data          01 01 0000f000 00001000",
                " 3 factory          factory app      00 00 00010000 00100000",
                " 4 ota_0            OTA app          00 10 00110000 00100000",
                " 5 ota_1            OTA app          00 11 00210000 00100000",
                "End of partition table"), BootloaderListing.lines(t));
    }

    /**
     * Usage strings of the other branches; widths count bytes (é is two); a 16-byte label has no NUL, so C's %s runs
     * on into the flags word (0x01 = encrypted). Expected lines: Python bytes % with the C format string.
     */
    @Test void bootloaderListingUsagesLabelBytesAndRunOnLabels() {
        PartitionTable t = PartitionTable.of(0x8000, List.of(
                new PartitionEntry(0, 0x00, 0x20, 0x10000, 0x10000, "test", 0),
                new PartitionEntry(0, 0x00, 0x30, 0x20000, 0x10000, "tee", 0),
                new PartitionEntry(0, 0x01, 0x04, 0x9000, 0x1000, "keys", 0),
                new PartitionEntry(0, 0x01, 0x05, 0xA000, 0x2000, "efuse", 0),
                new PartitionEntry(0, 0x01, 0x81, 0x30000, 0x10000, "fat", 0),
                new PartitionEntry(0, 0x02, 0x00, 0x1000, 0x7000, "bootloader", 0),
                new PartitionEntry(0, 0x01, 0x06, 0xB000, 0x1000, "\u00e9t\u00e9", 0),
                new PartitionEntry(0, 0x00, 0x00, 0x40000, 0x100000, "abcdefghijklmnop", 1)));
        assertEquals(List.of(
                " 0 test             test app         00 20 00010000 00010000",
                " 1 tee              Unknown app      00 30 00020000 00010000",
                " 2 keys             NVS keys         01 04 00009000 00001000",
                " 3 efuse            efuse            01 05 0000a000 00002000",
                " 4 fat              Unknown data     01 81 00030000 00010000",
                " 5 bootloader       unknown          02 00 00001000 00007000",
                " 6 \u00e9t\u00e9            Unknown data     01 06 0000b000 00001000",
                " 7 abcdefghijklmnop\u0001 factory app      00 00 00040000 00100000"),
                BootloaderListing.lines(t).subList(2, 10));
    }
}
