package esp32ota.view;

import esp32ota.partition.PartitionCsv;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Offsets and sizes are what gen_esp32part v1.5 made of the same CSV (the kit's sample automatic_offsets.csv, plus
 * one written row): decoded nvs 0x9000 20K, otadata 0xe000 8K, phy_init 0x10000 4K, ota_0 0x20000 1536K,
 * storage 0x1a0000 1664K.
 */
class PlacementTableTest {
    private static final String CSV = """
            # Name,   Type, SubType, Offset, Size
            nvs,      data, nvs,     ,       0x5000
            otadata,  data, ota,     0xe000, 8K
            phy_init, data, phy,     ,       4K
            ota_0,    app,  ota_0,   ,       0x180000
            storage,  data, spiffs,  ,       -0x340000
            """;

    @Test void oneRowPerCsvRowWithWhereItsOffsetAndSizeCameFrom() {
        Table t = Views.placements(PartitionCsv.placements(CSV, PartitionCsv.Options.defaults().withEnv(Map.of())));
        assertEquals("where each CSV row went", t.name());
        assertEquals(List.of("line", "name", "type", "previous end", "offset", "offset from", "size", "size from", "end"),
                t.columnNames());
        assertEquals(List.of(2, 3, 4, 5, 6), t.intColumn("line").asList());
        assertEquals(List.of("data", "data", "data", "app", "data"), t.stringColumn("type").asList());
        assertEquals(List.of("0x9000", "0xE000", "0x10000", "0x11000", "0x1A0000"), t.stringColumn("previous end").asList());
        assertEquals(List.of("0x9000", "0xE000", "0x10000", "0x20000", "0x1A0000"), t.stringColumn("offset").asList());
        assertEquals(List.of("previous end", "written", "previous end", "rounded up to 0x10000",
                "previous end"), t.stringColumn("offset from").asList());
        assertEquals(List.of("0x5000 (20 KiB)", "0x2000 (8 KiB)", "0x1000 (4 KiB)", "0x180000 (1.5 MiB)",
                "0x1A0000 (1.63 MiB)"), t.stringColumn("size").asList());
        assertEquals(List.of("written", "written", "written", "written", "up to 0x340000"),
                t.stringColumn("size from").asList());
        assertEquals(List.of("0xE000", "0x10000", "0x11000", "0x1A0000", "0x340000"), t.stringColumn("end").asList());
    }

    @Test void rowsPlacedByTheToolsOptionsSaySo() {
        // gen_esp32part --primary-bootloader-offset 0x1000: bootloader 0x1000 28K, then nvs at 0x9000.
        var options = PartitionCsv.Options.defaults().withEnv(Map.of()).withPrimaryBootloaderOffset(0x1000);
        Table t = Views.placements(PartitionCsv.placements("bootloader, bootloader, primary, , ,\nnvs, data, nvs, , 0x6000,", options));
        assertEquals(List.of("tool options", "previous end"), t.stringColumn("offset from").asList());
        assertEquals(List.of("bootloader", "data"), t.stringColumn("type").asList());
        assertEquals(List.of("0x1000", "0x9000"), t.stringColumn("offset").asList());
    }
}
