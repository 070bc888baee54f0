package esp32ota.view;

import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A window of the flash map. The table is the kit's sample automatic_offsets.csv; gen_esp32part v1.5 places it at
 * nvs 0x9000 20K, otadata 0xe000 8K, phy_init 0x10000 4K, ota_0 0x20000 1536K, ota_1 0x1a0000 1536K, storage
 * 0x320000 896K (its decoded CSV), so 0x11000-0x20000 is left free.
 */
class FlashMapWindowTest {
    private static final PartitionTable TABLE = PartitionCsv.parse(PartitionTableSamples.csvText(
            PartitionTableSamples.ALL.stream().filter(s -> s.name().equals("automatic_offsets")).findFirst().orElseThrow()),
            PartitionCsv.Options.defaults().withEnv(Map.of()));

    @Test void aWindowCutsStretchesAtItsEdgesAndLeavesOutTheRest() {
        XYChart chart = Views.flashMapWindow(TABLE, 0, 0x30000);
        assertEquals("Flash map 0x0-0x30000, partition table at 0x8000", chart.getTitle());
        assertEquals(List.of("unused 0x0 (4 KiB)", "bootloader 0x1000 (28 KiB)", "partition table 0x8000 (4 KiB)", "nvs 0x9000 (20 KiB)",
                "otadata 0xE000 (8 KiB)", "phy_init 0x10000 (4 KiB)", "free 0x11000 (60 KiB)", "ota_0 0x20000 (1.5 MiB)"),
                List.copyOf(ChartContents.series(chart).keySet()));
        // x counts 64 KiB units on a 0x30000-byte window: the free gap is 0x11000-0x20000, ota_0 is cut at 0x30000.
        assertArrayEquals(new double[] {0x11000 / 65536.0, 2.0, 2.0, 0x11000 / 65536.0},
                ChartContents.series(chart).get("free 0x11000 (60 KiB)").getXData());
        assertArrayEquals(new double[] {2.0, 3.0, 3.0, 2.0}, ChartContents.series(chart).get("ota_0 0x20000 (1.5 MiB)").getXData());
        assertFalse(chart.getTitle().contains("enlarged"), "a window needs no inset");
        assertEquals(0.0, chart.getStyler().getXAxisMin());
        assertEquals(3.0, chart.getStyler().getXAxisMax());
    }

    @Test void aWindowInTheMiddleStartsAtItsOwnAddress() {
        XYChart chart = Views.flashMapWindow(TABLE, 0x300000, 0x400000);   // unit 0x40000
        assertEquals(List.of("ota_1 0x1A0000 (1.5 MiB)", "storage 0x320000 (896 KiB)"), List.copyOf(ChartContents.series(chart).keySet()));
        assertEquals(0x300000 / (double) 0x40000, chart.getStyler().getXAxisMin());
        assertEquals(0x400000 / (double) 0x40000, chart.getStyler().getXAxisMax());
        assertThrows(IllegalArgumentException.class, () -> Views.flashMapWindow(TABLE, 0x30000, 0x30000));
    }

    @Test void unitsArePowersOfTwoThatTheSpanHoldsAtLeastThreeTimes() {
        assertEquals(0x10000, HexAxis.unitFor(0x30000));
        assertEquals(1 << 20, HexAxis.unitFor(4 << 20));
        assertEquals(4 << 20, HexAxis.unitFor(16 << 20));
        assertEquals(0x40000, HexAxis.unitFor(0x100000));
    }

    @Test void theFreeGapIsDrawnInTheFreeColourWhenRenderedHeadless() {
        XYChart chart = Views.flashMapWindow(TABLE, 0, 0x30000);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertEquals(FlashMap.WIDTH, img.getWidth());
        int x = (int) chart.getScreenXFromChart(0x14000 / 65536.0);            // inside the gap, left of its label
        int y = (int) chart.getScreenYFromChart(0.25);
        assertEquals(FlashMap.colour(FlashRegion.Kind.FREE, 0).getRGB(), img.getRGB(x, y));
        int app = (int) chart.getScreenXFromChart(0x2C000 / 65536.0);          // ota_0, the first app colour
        assertEquals(FlashMap.colour(FlashRegion.Kind.APP, 0).getRGB(), img.getRGB(app, y));
    }
}
