package esp32ota.partition;

import esp32ota.samples.PartitionTableSamples;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static esp32ota.partition.RowPlacement.Source.AUTOMATIC;
import static esp32ota.partition.RowPlacement.Source.OPTIONS;
import static esp32ota.partition.RowPlacement.Source.WRITTEN;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link PartitionCsv#placements}: every offset and size expected here is what gen_esp32part v1.5 printed when
 * decoding the binary it made of the same CSV ({@code python3 gen_esp32part.py -q IN.csv OUT.bin}, then
 * {@code gen_esp32part.py -q OUT.bin}); each previous end is the end of the row before in that output.
 */
class RowPlacementTest {
    private static final PartitionCsv.Options DEFAULTS = PartitionCsv.Options.defaults().withEnv(Map.of());

    /** The kit's sample automatic_offsets.csv (sample-images/partition-tables): five comment lines, then six rows. */
    private static final String AUTOMATIC_OFFSETS = PartitionTableSamples.csvText(PartitionTableSamples.ALL.stream()
            .filter(s -> s.name().equals("automatic_offsets")).findFirst().orElseThrow());

    @Test void automaticOffsetsStartAtThePreviousEndRoundedUpToTheTypesAlignment() {
        // The tool's decoded CSV: nvs 0x9000 20K, otadata 0xe000 8K, phy_init 0x10000 4K, ota_0 0x20000 1536K,
        // ota_1 0x1a0000 1536K, storage 0x320000 896K.
        List<RowPlacement> p = PartitionCsv.placements(AUTOMATIC_OFFSETS, DEFAULTS);
        assertEquals(List.of("nvs", "otadata", "phy_init", "ota_0", "ota_1", "storage"),
                p.stream().map(RowPlacement::name).toList());
        assertEquals(List.of(0x9000L, 0xE000L, 0x10000L, 0x20000L, 0x1A0000L, 0x320000L),
                p.stream().map(RowPlacement::offset).toList());
        assertEquals(List.of(0x5000L, 0x2000L, 0x1000L, 0x180000L, 0x180000L, 0xE0000L),
                p.stream().map(RowPlacement::size).toList());
        assertEquals(List.of(0x9000L, 0xE000L, 0x10000L, 0x11000L, 0x1A0000L, 0x320000L),
                p.stream().map(RowPlacement::previousEnd).toList());
        assertEquals(List.of(0x1000L, 0x1000L, 0x1000L, 0x10000L, 0x10000L, 0x1000L),
                p.stream().map(RowPlacement::alignment).toList());
        assertEquals(List.of(6, 7, 8, 9, 10, 11), p.stream().map(RowPlacement::line).toList());
        assertTrue(p.stream().allMatch(RowPlacement::isAutomatic));
        // Only ota_0 is moved past the previous end: 0x11000 → 0x20000 leaves 0xF000 bytes unused.
        assertEquals(List.of(false, false, false, true, false, false), p.stream().map(RowPlacement::isRoundedUp).toList());
    }

    @Test void aNegativeSizeIsAnEndAddress() {
        RowPlacement storage = PartitionCsv.placements(AUTOMATIC_OFFSETS, DEFAULTS).get(5);
        assertEquals(-0x400000L, storage.csvSize());
        assertTrue(storage.sizeIsEndAddress());
        assertEquals(0x400000L, storage.end());
        assertEquals(0x400000L - 0x320000L, storage.size());
    }

    @Test void writtenOffsetsCustomTypesAndOptionRowsAsTheToolPlacesThem() {
        // gen_esp32part.py -q --primary-bootloader-offset 0x1000 IN.csv OUT.bin, decoded: bootloader 0x1000 28K,
        // table 0x8000 4K, nvs 0x9000 24K, custom (type 64) 0xf000 2K, factory 0x10000 1M, fixed 0x200000 64K,
        // storage 0x210000 960K, tail 0x310000 960K.
        String csv = """
                bootloader, bootloader, primary, , ,
                table, partition_table, primary, , ,
                nvs, data, nvs, , 0x6000,
                custom, 0x40, 0x01, , 0x800,
                factory, app, factory, , 1M,
                fixed, data, fat, 0x200000, 64K,
                storage, data, spiffs, , -0x300000,
                tail, data, fat, 0x310000, -4M,
                """;
        List<RowPlacement> p = PartitionCsv.placements(csv, DEFAULTS.withPrimaryBootloaderOffset(0x1000));
        assertEquals(List.of(0x1000L, 0x8000L, 0x9000L, 0xF000L, 0x10000L, 0x200000L, 0x210000L, 0x310000L),
                p.stream().map(RowPlacement::offset).toList());
        assertEquals(List.of(0x7000L, 0x1000L, 0x6000L, 0x800L, 0x100000L, 0x10000L, 0xF0000L, 0xF0000L),
                p.stream().map(RowPlacement::size).toList());
        assertEquals(List.of(OPTIONS, OPTIONS, AUTOMATIC, AUTOMATIC, AUTOMATIC, WRITTEN, AUTOMATIC, WRITTEN),
                p.stream().map(RowPlacement::source).toList());
        // Option rows leave the running end where it was (0x9000); a custom type rounds up to 0x1000 like data.
        assertEquals(List.of(0x9000L, 0x9000L, 0x9000L, 0xF000L, 0xF800L, 0x110000L, 0x210000L, 0x300000L),
                p.stream().map(RowPlacement::previousEnd).toList());
        assertEquals(0x1000L, p.get(3).alignment());
        assertTrue(p.get(4).isRoundedUp());                       // factory: 0xF800 → 0x10000
        assertFalse(p.get(5).isRoundedUp());                      // written offsets are never "rounded"
        assertTrue(p.get(7).sizeIsEndAddress());
    }

    @Test void entriesAreThoseParseReturnsAtTheirTableAddresses() {
        String csv = Vectors.text("partition_tables/idf_two_ota.csv");
        PartitionTable parsed = PartitionCsv.parse(csv, DEFAULTS);
        assertEquals(parsed.entries(), PartitionCsv.placements(csv, DEFAULTS).stream().map(RowPlacement::entry).toList());
        assertEquals(0x80A0L, parsed.entries().get(5).address());
    }

    @Test void failsWhereParseFailsWithTheToolsMessage() {
        // partition_tables_invalid/overlap.csv and its .error.txt (the tool's stderr).
        String csv = Vectors.text("partition_tables_invalid/overlap.csv");
        var e = assertThrows(PartitionTableException.class, () -> PartitionCsv.placements(csv, DEFAULTS));
        assertEquals(Vectors.text("partition_tables_invalid/overlap.error.txt").strip(), e.getMessage());
        // An end address below the offset gives a negative size; the tool crashes while writing the binary, the
        // kit's parse refuses it with a line error, and placements refuses it with the same one.
        String endBelowStart = "nvs, data, nvs, 0x9000, -0x8000,";
        var byParse = assertThrows(PartitionTableException.class, () -> PartitionCsv.parse(endBelowStart, DEFAULTS));
        var byPlacements = assertThrows(PartitionTableException.class, () -> PartitionCsv.placements(endBelowStart, DEFAULTS));
        assertEquals(byParse.getMessage(), byPlacements.getMessage());
        assertTrue(byPlacements.getMessage().startsWith("Error at line 1: size -0x1000"), byPlacements.getMessage());
    }
}
