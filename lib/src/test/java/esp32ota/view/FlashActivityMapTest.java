package esp32ota.view;

import esp32ota.flash.FlashActivity;
import esp32ota.flash.FlashOp;
import esp32ota.partition.PartitionTable;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FlashActivityMapTest {
    static PartitionTable twoOta() {
        return PartitionTable.decode(Vectors.bytes("partition_tables/idf_two_ota.bin"), 0x8000);
    }

    /**
     * A small update into ota_0 (0x110000): sectors 0x110000 and 0x111000 erased once, 0x112000 three times;
     * 16 pages programmed in the first, 8 in the second; otadata copy 0 (0xD000) erased twice and 32 bytes written.
     */
    static FlashActivity update() {
        List<FlashOp> ops = new ArrayList<>();
        long[] erases = {0x110000, 0x111000, 0x112000, 0x112000, 0x112000, 0xD000, 0xD000};
        for (long a : erases) ops.add(new FlashOp.Erase(ops.size(), a, 0x1000, 0, 45_000));
        for (int p = 0; p < 16; p++) ops.add(new FlashOp.Program(ops.size(), 0x110000 + p * 256L, 256, 0, 400));
        for (int p = 0; p < 8; p++) ops.add(new FlashOp.Program(ops.size(), 0x111000 + p * 256L, 256, 0, 400));
        ops.add(new FlashOp.Program(ops.size(), 0xD000, 32, 0, 100));
        return FlashActivity.of(ops, 4 << 20);
    }

    @Test void smallStretchesGetAtLeastTheMinimumShareAndAddressesAreToScaleInside() {
        var layout = FlashActivityMap.layout(twoOta(), 4 << 20);
        assertEquals(List.of("unused", "bootloader", "partition table", "nvs", "otadata", "phy_init", "factory",
                "ota_0", "ota_1", "free"), layout.stream().map(s -> s.region().label()).toList());
        var otadata = layout.get(4);
        var factory = layout.get(6);
        // six small stretches at 6 % each, the four large ones share the rest in proportion to their size
        double scale = 100 / (6 * 0.06 + (3 * (1 << 20) + 0xF0000) / (double) (4 << 20));
        assertEquals(0.06 * scale, otadata.x1() - otadata.x0(), 1e-9);
        assertEquals(0.25 * scale, factory.x1() - factory.x0(), 1e-9);
        assertEquals(100.0, layout.get(9).x1(), 1e-9);
        assertEquals((otadata.x0() + otadata.x1()) / 2, FlashActivityMap.x(layout, 0xE000), 1e-9);   // copy 1
    }

    @Test void erasesAreColouredByCountAndProgramsAreBarsOfTheSectorsPages() {
        XYChart c = FlashActivityMap.chart(twoOta(), update());
        var layout = FlashActivityMap.layout(twoOta(), 4 << 20);
        List<XYSeries> legend = ChartContents.series(c).values().stream().filter(XYSeries::isShowInLegend).toList();
        assertEquals(List.of(FlashActivityMap.ONCE, FlashActivityMap.TWICE, FlashActivityMap.MORE, FlashActivityMap.PROGRAMMED),
                legend.stream().map(XYSeries::getName).toList());
        assertEquals(List.of(Palette.SKY_BLUE, Palette.BLUE, Palette.REDDISH_PURPLE, Palette.ORANGE),
                legend.stream().map(XYSeries::getFillColor).toList());
        XYSeries twice = ChartContents.series(c).get(FlashActivityMap.TWICE);            // otadata copy 0, 0xD000-0xE000
        assertArrayEquals(new double[] {FlashActivityMap.x(layout, 0xD000), FlashActivityMap.x(layout, 0xE000),
                FlashActivityMap.x(layout, 0xE000), FlashActivityMap.x(layout, 0xD000)}, twice.getXData(), 1e-9);
        XYSeries more = ChartContents.series(c).get(FlashActivityMap.MORE);              // one sector: widened, centred
        double[] mx = more.getXData();
        assertEquals(FlashActivityMap.MIN_BOX_WIDTH, mx[1] - mx[0], 1e-9);
        assertEquals(FlashActivityMap.x(layout, 0x112800), (mx[0] + mx[1]) / 2, 1e-9);
        assertEquals("erased 3 or more times", List.copyOf(ChartContents.series(c).keySet()).get(2));   // drawn over once
        XYSeries pages = ChartContents.series(c).get(FlashActivityMap.PROGRAMMED);
        int sector = 0x110000 / 0x1000;
        assertEquals(0.9, pages.getYData()[1 + 2 * sector], 1e-9);                // 16 of 16 pages
        assertEquals(0.45, pages.getYData()[1 + 2 * (sector + 1)], 1e-9);         // 8 of 16
        assertEquals(0.9 / 16, pages.getYData()[1 + 2 * 0xD], 1e-9);              // one page in otadata
        assertEquals(0.0, pages.getYData()[1 + 2 * (sector + 2)], 1e-9);          // erased, never programmed
        assertEquals("Flash activity: 4 sectors erased (at most 3× each), 25 page programs (6.03 KiB) in otadata, ota_0",
                c.getTitle());
    }

    @Test void everyStretchIsLabelledWithNameAndAddress() {
        var labels = FlashActivityMap.labels(FlashActivityMap.layout(twoOta(), 4 << 20));
        assertEquals(new FlashActivityMap.Label("unused", labels.get(1).x(), 2.82), labels.get(0));   // ESP32: 0x0-0x1000
        assertEquals("0x0", labels.get(1).text());
        assertEquals("bootloader", labels.get(2).text());
        assertEquals("0x1000", labels.get(3).text());
        assertEquals("table", labels.get(4).text());
        assertEquals("otadata", labels.get(8).text());
        assertEquals("0xD000", labels.get(9).text());
        assertEquals(List.of("partitions", "erases", "programs"),
                labels.subList(labels.size() - 3, labels.size()).stream().map(FlashActivityMap.Label::text).toList());
    }

    @Test void theTableSumsEachStretch() {
        Table t = Views.flashActivityTable(twoOta(), update());
        assertEquals("ota_0", t.stringColumn("stretch").get(7));
        assertEquals(3, t.intColumn("sectors erased").get(7));
        assertEquals(5, t.intColumn("erases").get(7));
        assertEquals(24, t.intColumn("page programs").get(7));
        assertEquals(24 * 256L, t.longColumn("bytes programmed").get(7));
        assertEquals(2, t.intColumn("erases").get(4));                           // otadata
        assertEquals(0, t.intColumn("erases").get(6));                           // factory untouched
    }

    @Test void rendersHeadlessWithTheTwiceColourInsideOtadataCopy0() {
        XYChart c = Views.flashActivity(twoOta(), update());
        BufferedImage img = BitmapEncoder.getBufferedImage(c);
        assertEquals(FlashActivityMap.WIDTH, img.getWidth());
        var layout = FlashActivityMap.layout(twoOta(), 4 << 20);
        int x = (int) c.getScreenXFromChart(FlashActivityMap.x(layout, 0xD800));   // middle of otadata copy 0
        int y = (int) c.getScreenYFromChart(1.5);
        assertEquals(Palette.BLUE.getRGB(), img.getRGB(x, y));
    }
}
