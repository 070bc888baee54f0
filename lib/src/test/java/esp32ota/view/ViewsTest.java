package esp32ota.view;

import esp32ota.partition.PartitionTable;
import esp32ota.testing.Vectors;
import esp32ota.image.Chip;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Expected addresses, sizes and flags come from gen_esp32part's own decoding of the vectors
 * ({@code partition_tables/*.decoded.csv}), not from our decoder.
 */
class ViewsTest {
    private static PartitionTable twoOta() {
        return PartitionTable.decode(Vectors.bytes("partition_tables/idf_two_ota.bin"), 0x8000);
    }

    @Test void flashRegionsCoverTheChipWithFreeSpaceBetweenAndAfterPartitions() {
        // idf_two_ota.decoded.csv: nvs 0x9000 16K, otadata 0xd000 8K, phy_init 0xf000 4K, factory 0x10000 1M,
        // ota_0 0x110000 1M, ota_1 0x210000 1M; ends at 0x310000, so the smallest chip is 4 MiB.
        assertEquals(List.of(
                new FlashRegion("unused", FlashRegion.Kind.FREE, 0x0, 0x1000),
                new FlashRegion("bootloader", FlashRegion.Kind.RESERVED, 0x1000, 0x8000),
                new FlashRegion("partition table", FlashRegion.Kind.PARTITION_TABLE, 0x8000, 0x9000),
                new FlashRegion("nvs", FlashRegion.Kind.DATA, 0x9000, 0xD000),
                new FlashRegion("otadata", FlashRegion.Kind.DATA, 0xD000, 0xF000),
                new FlashRegion("phy_init", FlashRegion.Kind.DATA, 0xF000, 0x10000),
                new FlashRegion("factory", FlashRegion.Kind.APP, 0x10000, 0x110000),
                new FlashRegion("ota_0", FlashRegion.Kind.APP, 0x110000, 0x210000),
                new FlashRegion("ota_1", FlashRegion.Kind.APP, 0x210000, 0x310000),
                new FlashRegion("free", FlashRegion.Kind.FREE, 0x310000, 0x400000)),
                Views.flashRegions(twoOta(), 4 << 20));
    }

    @Test void gapsBetweenPartitionsAreFree() {
        // flags_encrypted_readonly.decoded.csv: nvs 0x9000 24K ends at 0xF000; phy_init 0x13000 4K ends at 0x14000,
        // ota_0 starts at 0x20000: free 0x14000-0x20000.
        var t = PartitionTable.decode(Vectors.bytes("partition_tables/flags_encrypted_readonly.bin"), 0x8000);
        var regions = Views.flashRegions(t, 4 << 20);
        assertEquals(new FlashRegion("free", FlashRegion.Kind.FREE, 0x14000, 0x20000), regions.get(8));
        assertEquals(new FlashRegion("free", FlashRegion.Kind.FREE, 0x3A0000, 0x400000), regions.get(regions.size() - 1));
    }

    @Test void theBootloaderSitsAtTheChipsOwnOffset() {
        assertEquals(new FlashRegion("bootloader", FlashRegion.Kind.RESERVED, 0x1000, 0x8000),
                Views.flashRegions(twoOta(), 4 << 20, Chip.ESP32).get(1));
        for (Chip chip : List.of(Chip.ESP32_C3, Chip.ESP32_S3, Chip.ESP32_C6)) {
            assertEquals(new FlashRegion("bootloader", FlashRegion.Kind.RESERVED, 0x0, 0x8000),
                    Views.flashRegions(twoOta(), 4 << 20, chip).get(0), chip.name());
        }
        assertEquals("Flash map: 4 MiB flash (ESP32-C3), partition table at 0x8000; below, the first 64 KiB enlarged",
                Views.flashMap(twoOta(), 4 << 20, Chip.ESP32_C3).getTitle());
    }

    @Test void flashMapHasOneFilledRectanglePerRegionWithAddressesAsXAndAnInsetOfTheFirst64KiB() {
        XYChart chart = Views.flashMap(twoOta());
        assertEquals("Flash map: 4 MiB flash (ESP32), partition table at 0x8000; below, the first 64 KiB enlarged",
                chart.getTitle());
        assertEquals("flash address", chart.getXAxisTitle());
        List<String> legend = ChartContents.series(chart).values().stream().filter(XYSeries::isShowInLegend)
                .map(XYSeries::getName).toList();
        assertEquals(List.of("unused 0x0 (4 KiB)", "bootloader 0x1000 (28 KiB)", "partition table 0x8000 (4 KiB)",
                "nvs 0x9000 (16 KiB)", "otadata 0xD000 (8 KiB)", "phy_init 0xF000 (4 KiB)",
                "factory 0x10000 (1 MiB)", "ota_0 0x110000 (1 MiB)", "ota_1 0x210000 (1 MiB)",
                "free 0x310000 (960 KiB)"), legend);
        XYSeries factory = ChartContents.series(chart).get("factory 0x10000 (1 MiB)");
        double f0 = 0x10000 / FlashMap.MIB, f1 = 0x110000 / FlashMap.MIB;                  // x in MiB
        assertArrayEquals(new double[] {f0, f1, f1, f0}, factory.getXData());
        assertArrayEquals(new double[] {FlashMap.MAIN_BOTTOM, FlashMap.MAIN_BOTTOM, 1, 1}, factory.getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, factory.getXYSeriesRenderStyle().orElseThrow(), "a filled legend patch");
        // the inset: otadata's 8 KiB at 0xD000-0xF000 of 64 KiB, stretched over the 4-unit axis
        XYSeries otadataInset = ChartContents.series(chart).get("otadata 0xD000 (8 KiB) ");
        assertFalse(otadataInset.isShowInLegend());
        assertArrayEquals(new double[] {0xD000 * 4.0 / 0x10000, 0xF000 * 4.0 / 0x10000, 0xF000 * 4.0 / 0x10000,
                0xD000 * 4.0 / 0x10000}, otadataInset.getXData(), 1e-12);
        assertArrayEquals(new double[] {0, 0, FlashMap.INSET_TOP, FlashMap.INSET_TOP}, otadataInset.getYData());
        assertEquals(4.0, chart.getStyler().getXAxisMax());
    }

    @Test void appSlotsAndDataPartitionsHaveDistinctHuesAndNoTwoNeighboursShareAColour() {
        XYChart chart = Views.flashMap(twoOta());
        var s = ChartContents.series(chart);
        var apps = List.of(s.get("factory 0x10000 (1 MiB)").getFillColor(), s.get("ota_0 0x110000 (1 MiB)").getFillColor(),
                s.get("ota_1 0x210000 (1 MiB)").getFillColor());
        var data = List.of(s.get("nvs 0x9000 (16 KiB)").getFillColor(), s.get("otadata 0xD000 (8 KiB)").getFillColor(),
                s.get("phy_init 0xF000 (4 KiB)").getFillColor());
        assertEquals(3, new java.util.HashSet<>(apps).size());
        assertEquals(3, new java.util.HashSet<>(data).size());
        for (var c : apps) assertFalse(data.contains(c));
        assertEquals(List.of(Palette.SKY_BLUE, Palette.BLUISH_GREEN, Palette.BLUE), apps);
        assertEquals(List.of(Palette.ORANGE, Palette.YELLOW, Palette.VERMILLION), data);
        assertEquals(Palette.LIGHT_GREY, s.get("free 0x310000 (960 KiB)").getFillColor());
    }

    @Test void everySmallStretchOfTheFirst64KiBIsLabelledInTheInset() {
        XYChart chart = Views.flashMap(twoOta());
        List<String> labels = ChartContents.texts(chart);
        assertTrue(labels.containsAll(List.of("unused", "bootloader 0x1000", "table", "nvs 0x9000", "otadata 0xD000",
                "phy_init", "factory", "ota_0", "ota_1", "free")), labels.toString());   // inset labels carry addresses
    }

    @Test void flashMapRendersHeadlessWithTheFactoryColourInsideItsStretch() {
        XYChart chart = Views.flashMap(twoOta());
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertEquals(FlashMap.WIDTH, img.getWidth());
        assertEquals(FlashMap.HEIGHT, img.getHeight());
        int x = (int) chart.getScreenXFromChart(0x90000 / FlashMap.MIB);     // a quarter into factory, away from its label
        int y = (int) chart.getScreenYFromChart(0.6);
        assertEquals(FlashMap.colour(FlashRegion.Kind.APP, 0).getRGB(), img.getRGB(x, y));
        int xi = (int) chart.getScreenXFromChart(0xE000 * 4.0 / 0x10000), yi = (int) chart.getScreenYFromChart(0.05);
        assertEquals(FlashMap.colour(FlashRegion.Kind.DATA, 1).getRGB(), img.getRGB(xi, yi), "otadata, in the inset");
    }

    @Test void chipSizeIsTheSmallestUsualSizeHoldingEveryPartition() {
        assertEquals(4 << 20, FlashMap.chipSizeFor(twoOta()));
        // arduino_m5stack_16MB_factory_6_apps ends at 16 MiB exactly (its name says so).
        var m5 = PartitionTable.decode(Vectors.bytes("partition_tables/arduino_m5stack_16MB_factory_6_apps.bin"), 0x8000);
        assertEquals(16 << 20, FlashMap.chipSizeFor(m5));
    }

    @Test void partitionTableHasOneRowPerEntrySpelledLikeGenEsp32part() {
        Table t = Views.partitionTable(twoOta());
        assertEquals("partitions at 0x8000", t.name());
        assertEquals(List.of("label", "type", "subtype", "offset", "size", "end", "bytes", "flags"), t.columnNames());
        assertEquals(List.of("nvs", "otadata", "phy_init", "factory", "ota_0", "ota_1"), t.stringColumn("label").asList());
        assertEquals(List.of("data", "data", "data", "app", "app", "app"), t.stringColumn("type").asList());
        assertEquals(List.of("nvs", "ota", "phy", "factory", "ota_0", "ota_1"), t.stringColumn("subtype").asList());
        assertEquals(List.of("0x9000", "0xD000", "0xF000", "0x10000", "0x110000", "0x210000"), t.stringColumn("offset").asList());
        assertEquals(List.of("16 KiB", "8 KiB", "4 KiB", "1 MiB", "1 MiB", "1 MiB"), t.stringColumn("size").asList());
        assertEquals(List.of(0x4000L, 0x2000L, 0x1000L, 0x100000L, 0x100000L, 0x100000L), t.longColumn("bytes").asList());
        assertEquals(List.of("", "", "", "", "", ""), t.stringColumn("flags").asList());
    }

    @Test void flagsColumnSpellsFlagsAsTheCsvDoes() {
        // flags_encrypted_readonly.decoded.csv, Flags column in table order.
        var t = PartitionTable.decode(Vectors.bytes("partition_tables/flags_encrypted_readonly.bin"), 0x8000);
        assertEquals(List.of("", "encrypted", "readonly", "", "encrypted:readonly", "", "encrypted", "readonly", "encrypted"),
                Views.partitionTable(t).stringColumn("flags").asList());
        assertEquals(List.of("nvs", "nvs_keys", "nvs", "ota", "phy", "ota_0", "ota_1", "littlefs", "fat"),
                Views.partitionTable(t).stringColumn("subtype").asList());
    }

    @Test void byteSizesReadLikeCsvSizes() {
        assertEquals("100 B", ByteSize.format(100));
        assertEquals("4 KiB", ByteSize.format(0x1000));
        assertEquals("1.5 MiB", ByteSize.format(0x180000));
        assertEquals("960 KiB", ByteSize.format(0xF0000));
    }
}
