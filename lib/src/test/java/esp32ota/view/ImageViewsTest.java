package esp32ota.view;

import esp32ota.bytes.Bytes;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.SegmentHeader;
import esp32ota.image.Target;
import esp32ota.samples.Samples;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The image views, on the shared vector {@code app_images/gen_esp32s2_pins_revisions}: offsets and lengths from its
 * JSON, memory types from esptool v4.12.0's "Segments information" (quoted), regions from esptool's
 * {@code esp32s2.py MEMORY_MAP} (DROM 0x3F000000-0x3FF80000, DRAM 0x3FFB0000-0x40000000, IRAM 0x40020000-0x40070000,
 * IROM 0x40080000-0x40800000, RTC_DATA 0x50000000-0x50002000).
 */
class ImageViewsTest {
    static final AppImage PINS = AppImage.decode(Vectors.bytes("app_images/gen_esp32s2_pins_revisions.bin"));
    /** File 4576 bytes: a quarter is 1144, so the file axis counts KiB. */
    static final double FILE_UNIT = 1024;
    /** Regions 0x3F000000-0x50002000: 0x11002000 bytes, a quarter rounded down to a power of two is 0x4000000. */
    static final double MEMORY_UNIT = 0x4000000;

    static double[] box(double x0, double x1, double y0, double y1) { return new double[] {x0, x1, x1, x0, y0, y0, y1, y1}; }

    static double[] xy(XYSeries s) {
        double[] out = new double[8];
        System.arraycopy(s.getXData(), 0, out, 0, 4);
        System.arraycopy(s.getYData(), 0, out, 4, 4);
        return out;
    }

    @Test void fileChartHasEveryStretchInFileOrder() {
        XYChart chart = Views.segmentsInFile(PINS);
        assertEquals("Segments by file offset: pins drv, 4576 bytes", chart.getTitle());
        assertEquals("file offset", chart.getXAxisTitle());
        assertEquals(List.of("header", "segment 0 header", "segment 0: DROM", "segment 1 header",
                "segment 1: BYTE_ACCESSIBLE, MEM_INTERNAL, DRAM", "segment 2 header", "segment 2: MEM_INTERNAL, IRAM",
                "segment 3 header", "segment 3: IROM", "segment 4 header", "segment 4: MEM_INTERNAL, IRAM",
                "segment 5 header", "segment 5: RTC_DATA", "padding", "checksum", "SHA-256"),
                List.copyOf(ChartContents.series(chart).keySet()));
        // segment 3: data_offset 0x878, length 2048
        assertArrayEquals(box(0x878 / FILE_UNIT, 0x1078 / FILE_UNIT, 0, 1), xy(ChartContents.series(chart).get("segment 3: IROM")));
        // checksum_offset 0x11bf, then the 32-byte digest to the end of the file
        assertArrayEquals(box(0x11C0 / FILE_UNIT, 4576 / FILE_UNIT, 0, 1), xy(ChartContents.series(chart).get("SHA-256")));
        assertArrayEquals(box(0x11B8 / FILE_UNIT, 0x11BF / FILE_UNIT, 0, 1), xy(ChartContents.series(chart).get("padding")));
        assertEquals(4576 / FILE_UNIT, chart.getStyler().getXAxisMax());
    }

    @Test void fileLegendNamesEachMemoryTypeOnce() {
        XYChart chart = Views.segmentsInFile(PINS);
        List<String> legend = ChartContents.series(chart).values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getLabel).toList();
        assertEquals(List.of("headers", "DROM", "BYTE_ACCESSIBLE, MEM_INTERNAL, DRAM", "MEM_INTERNAL, IRAM", "IROM",
                "RTC_DATA", "padding", "checksum", "SHA-256"), legend);
        var s = ChartContents.series(chart);
        assertEquals(MemoryColours.of("IROM"), s.get("segment 3: IROM").getFillColor());
        assertEquals(MemoryColours.of("DRAM"), s.get("segment 1: BYTE_ACCESSIBLE, MEM_INTERNAL, DRAM").getFillColor());
        assertEquals(MemoryColours.of("IRAM"), s.get("segment 4: MEM_INTERNAL, IRAM").getFillColor());
        assertEquals(s.get("segment 2: MEM_INTERNAL, IRAM").getFillColor(), s.get("segment 4: MEM_INTERNAL, IRAM").getFillColor());
    }

    @Test void memoryChartPutsEachSegmentInItsRegion() {
        XYChart chart = Views.segmentsInMemory(PINS);
        assertEquals("Segments by load address: pins drv on ESP32-S2", chart.getTitle());
        assertEquals("load address", chart.getXAxisTitle());
        var s = ChartContents.series(chart);
        assertEquals(List.of("segment 0 in DROM 0x3F000000-0x3FF80000", "segment 0 at 0x3F000020",
                "segment 1 in DRAM 0x3FFB0000-0x40000000", "segment 1 at 0x3FFBDE90",
                "segment 2 in IRAM 0x40020000-0x40070000", "segment 2 at 0x40022000",
                "segment 3 in IROM 0x40080000-0x40800000", "segment 3 at 0x40080020",
                "segment 4 in IRAM 0x40020000-0x40070000", "segment 4 at 0x40022400",
                "segment 5 in RTC_DATA 0x50000000-0x50002000", "segment 5 at 0x50000000"), List.copyOf(s.keySet()));
        // six lanes, segment 0 on top: segment 3 is lane 2
        assertArrayEquals(box(0x40080000 / MEMORY_UNIT, 0x40800000 / MEMORY_UNIT, 1.55, 2.45),
                xy(s.get("segment 3 in IROM 0x40080000-0x40800000")), 1e-12);
        // a 16-byte segment is drawn 0.6% of the 0x11002000-byte axis wide
        double w = 0.006 * 0x11002000 / MEMORY_UNIT;
        assertArrayEquals(box(0x50000000 / MEMORY_UNIT, 0x50000000 / MEMORY_UNIT + w, -0.3, 0.3),
                xy(s.get("segment 5 at 0x50000000")), 1e-12);
        assertEquals(List.of("DROM 0x3F000000-0x3FF80000", "DRAM 0x3FFB0000-0x40000000", "IRAM 0x40020000-0x40070000",
                "IROM 0x40080000-0x40800000", "RTC_DATA 0x50000000-0x50002000"),
                s.values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getLabel).toList(), "IRAM once");
        assertEquals(-0.5, chart.getStyler().getYAxisMin());
        assertEquals(5.5, chart.getStyler().getYAxisMax());
    }

    @Test void aSegmentsLabelSitsRightBesideItsBar() {
        assertEquals(10 + 1 + 3, SegmentLanes.labelCentre(5, 10, 3, 1, 100), 1e-12);        // after the bar
        assertEquals(90 - 1 - 3, SegmentLanes.labelCentre(90, 98, 3, 1, 100), 1e-12);       // no room after: before it
        XYChart chart = Views.segmentsInMemory(PINS);
        assertTrue(ChartContents.texts(chart).contains("segment 5: RTC_DATA 0x50000000, 16 B"), ChartContents.texts(chart).toString());
    }

    @Test void bandsNameEveryTypeOfTheirRange() {
        // esptool esp32c6.py: DRAM, BYTE_ACCESSIBLE and IRAM are all 0x40800000-0x40880000; DROM and IROM 0x42000000-0x43000000
        assertEquals(new SegmentLanes.Band(List.of("DRAM", "BYTE_ACCESSIBLE", "IRAM"), 0x40800000L, 0x40880000L),
                SegmentLanes.bandOf(Chip.ESP32_C6, 0x40808000L));
        assertEquals(new SegmentLanes.Band(List.of("DROM", "IROM"), 0x42000000L, 0x43000000L),
                SegmentLanes.bandOf(Chip.ESP32_C6, 0x42800020L));
        assertNull(SegmentLanes.bandOf(Chip.ESP32, 0x60000000L));
        SegmentHeader seg1 = PINS.segmentHeaders().get(1);
        assertEquals("segment 1: DRAM 0x3FFBDE90, 576 B", SegmentLanes.label(Chip.ESP32_S2, seg1));
    }

    @Test void aChipIdNobodyKnowsNeedsAChipForTheMemoryChart() {
        AppImage unknown = AppImage.decode(Vectors.bytes("app_images/gen_unknown_chip_id.bin"));
        var e = assertThrows(IllegalArgumentException.class, () -> Views.segmentsInMemory(unknown));
        assertTrue(e.getMessage().startsWith("chip id " + unknown.header().chipId() + " is unknown"), e.getMessage());
        assertEquals("Segments by load address: app image on ESP32", Views.segmentsInMemory(unknown, Chip.ESP32).getTitle()
                .replaceFirst(": .* on", ": app image on"));
        assertTrue(ChartContents.series(Views.segmentsInFile(unknown)).containsKey("segment 0: unknown chip"));
    }

    @Test void bothChartsRenderHeadlessWithTheMemoryColoursInPlace() {
        XYChart file = Views.segmentsInFile(PINS);
        BufferedImage img = BitmapEncoder.getBufferedImage(file);
        assertEquals(ImageFileMap.WIDTH, img.getWidth());
        int x = (int) file.getScreenXFromChart(0xC00 / FILE_UNIT);           // inside segment 3's data, left of its label
        assertEquals(MemoryColours.of("IROM").getRGB(), img.getRGB(x, (int) file.getScreenYFromChart(0.25)));
        XYChart memory = Views.segmentsInMemory(PINS);
        BufferedImage m = BitmapEncoder.getBufferedImage(memory);
        assertEquals(SegmentLanes.EXTRA_HEIGHT + 6 * SegmentLanes.LANE_HEIGHT, m.getHeight());
        int bx = (int) memory.getScreenXFromChart(0x40600000 / MEMORY_UNIT);  // IROM band, right of segment 3's bar
        assertEquals(MemoryColours.light(MemoryColours.of("IROM")).getRGB(), m.getRGB(bx, (int) memory.getScreenYFromChart(2.4)));
        int sx = (int) memory.getScreenXFromChart(0x40080020 / MEMORY_UNIT + 0.001);  // segment 3's own bar
        assertEquals(MemoryColours.of("IROM").getRGB(), m.getRGB(sx + 1, (int) memory.getScreenYFromChart(2.0)));
    }

    @Test void segmentTableHasEsptoolsColumnsAndThePlacement() {
        Table t = Views.segments(PINS);
        assertEquals("segments of pins drv (ESP32-S2)", t.name());
        assertEquals(List.of("segment", "header at", "data at", "length", "load address", "memory", "placement"), t.columnNames());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), t.intColumn("segment").asList());
        // esptool: File offs 0x18 0x220 0x468 0x870 0x1078 0x11a0; Length 0x200 0x240 0x400 0x800 0x120 0x10
        assertEquals(List.of("0x18", "0x220", "0x468", "0x870", "0x1078", "0x11A0"), t.stringColumn("header at").asList());
        assertEquals(List.of("0x20", "0x228", "0x470", "0x878", "0x1080", "0x11A8"), t.stringColumn("data at").asList());
        assertEquals(List.of("0x200", "0x240", "0x400", "0x800", "0x120", "0x10"), t.stringColumn("length").asList());
        assertEquals(List.of("0x3F000020", "0x3FFBDE90", "0x40022000", "0x40080020", "0x40022400", "0x50000000"),
                t.stringColumn("load address").asList());
        assertEquals(List.of("DROM", "BYTE_ACCESSIBLE, MEM_INTERNAL, DRAM", "MEM_INTERNAL, IRAM", "IROM", "MEM_INTERNAL, IRAM",
                "RTC_DATA"), t.stringColumn("memory").asList());
        assertEquals(List.of("mapped from flash", "copied to RAM", "copied to RAM", "mapped from flash", "copied to RAM",
                "copied to RAM"), t.stringColumn("placement").asList());
    }

    @Test void memoryMapTableIsEsptoolsTableByAddress() {
        Table t = Views.memoryMap(Chip.ESP32_S2);
        assertEquals("ESP32-S2 memory map (esptool v4.12.0)", t.name());
        assertEquals(List.of("PADDING", "DROM", "EXTRAM_DATA", "RTC_DRAM", "BYTE_ACCESSIBLE", "MEM_INTERNAL", "DRAM",
                "IROM_MASK", "IRAM", "RTC_IRAM", "IROM", "RTC_DATA"), t.stringColumn("type").asList());
        assertEquals(List.of("DRAM", "0x3FFB0000", "0x40000000", "320 KiB"), t.row(6).columnNames().stream()
                .map(c -> t.getString(6, c)).toList());
        // ESP32: regions listed out of address order in esptool (IROM 0x40000000 after DIRAM_DRAM 0x3FFE0000) come sorted
        Table esp32 = Views.memoryMap(Chip.ESP32);
        assertEquals(15, esp32.rowCount());
        assertEquals(List.of("0x00000000", "0x3F400000", "0x3F800000"), esp32.stringColumn("start").asList().subList(0, 3));
    }

    @Test void fieldTablesShowOffsetsInHex() {
        Table ext = Views.extendedHeader(PINS.header());
        assertEquals("extended header, bytes 0x08-0x17", ext.name());
        assertEquals(List.of("offset", "size", "field", "value", "meaning"), ext.columnNames());
        assertEquals(List.of("0x08", "0x09", "0x0C", "0x0E", "0x0F", "0x11", "0x13", "0x17"), ext.stringColumn("offset").asList());
        assertEquals(List.of(1, 3, 2, 1, 2, 2, 4, 1), ext.intColumn("size").asList());
        assertEquals("esp_image_header_t, bytes 0x00-0x07", Views.imageHeader(PINS.header()).name());
        assertEquals(6, Views.imageHeader(PINS.header()).rowCount());
        Table d = Views.appDescriptor(PINS.appDescriptor().orElseThrow());
        assertEquals("esp_app_desc_t at 0x20, 256 bytes", d.name());
        assertEquals("pins", d.stringColumn("value").get(4));           // esptool: "Project name: pins"
        assertEquals("0x50", d.stringColumn("offset").get(4));
    }

    @Test void checksumTableStartsFromTheSeed() {
        // per-segment XORs from Python over the vector's bytes; "Checksum: 0x39 (valid)"
        Table t = Views.checksumSteps(PINS);
        assertEquals("checksum of pins drv: stored 0x39 at 0x11BF, computed 0x39", t.name());
        assertEquals(List.of("seed", "segment 0", "segment 1", "segment 2", "segment 3", "segment 4", "segment 5"),
                t.stringColumn("step").asList());
        assertEquals(List.of("", "0x20-0x220", "0x228-0x468", "0x470-0x870", "0x878-0x1078", "0x1080-0x11A0", "0x11A8-0x11B8"),
                t.stringColumn("data bytes").asList());
        assertEquals(List.of("", "0x0B", "0xD9", "0x03", "0x8D", "0xD1", "0x5B"), t.stringColumn("XOR of the bytes").asList());
        assertEquals(List.of("0xEF", "0xE4", "0x3D", "0x3E", "0xB3", "0x62", "0x39"), t.stringColumn("checksum so far").asList());
    }

    @Test void verdictTableJudgesEveryBinFileByName(@TempDir Path dir) throws Exception {
        for (String n : List.of("app_images/gen_bad_sha256.bin", "app_images/gen_bad_magic_00.bin", "image_info/esp_idf_blink_esp32s2.bin")) {
            Files.copy(Vectors.path(n), dir.resolve(Path.of(n).getFileName()));
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.createDirectory(dir.resolve("sub.bin"));
        var files = Samples.readBinFiles(dir);
        assertEquals(List.of("esp_idf_blink_esp32s2.bin", "gen_bad_magic_00.bin", "gen_bad_sha256.bin"), List.copyOf(files.keySet()));
        assertEquals(Bytes.read(Vectors.path("app_images/gen_bad_sha256.bin")), files.get("gen_bad_sha256.bin"));
        Table t = Views.verdicts(files, Target.any().withChip(Chip.ESP32_S2));
        assertEquals("verdicts for 3 files", t.name());
        assertEquals(List.of("file", "bootable", "stopped by", "the bootloader says"), t.columnNames());
        assertEquals(List.of("esp_idf_blink_esp32s2.bin", "gen_bad_magic_00.bin", "gen_bad_sha256.bin"), t.stringColumn("file").asList());
        assertEquals(List.of("yes", "no", "no"), t.stringColumn("bootable").asList());
        assertEquals(List.of("", "MAGIC", "CHIP_ID"), t.stringColumn("stopped by").asList());
        // gen_bad_sha256 is an ESP32 image (chip id 0), so on an ESP32-S2 the chip check comes first
        assertEquals(List.of("", "image at 0x10000 has invalid magic byte (nothing flashed here?)",
                "mismatch chip ID, expected 2, found 0"), t.stringColumn("the bootloader says").asList());
        Table onEsp32 = Views.verdicts(files, Target.any().withChip(Chip.ESP32));
        // on an ESP32 it meets the MMU rule first: IROM segment 3 loads at 0x400d0020 (esptool), its data lies at flash
        // 0x10000 + 0x878 (JSON data_offset), and 0x0020 != 0x0878 modulo 64 KiB
        assertEquals("Segment 3 load address 0x400d0020, doesn't match data 0x00010878",
                onEsp32.stringColumn("the bootloader says").get(2));
        assertThrows(java.io.IOException.class, () -> Samples.readBinFiles(dir.resolve("missing")));
    }

    @Test void oneSegmentImageGetsOneLane() {
        AppImage one = AppImage.decode(esp32ota.image.ImageBuilder.forChip(Chip.ESP32).withSegment(0x3FFB0000L, Bytes.filled(64, 7)).build());
        XYChart chart = Views.segmentsInMemory(one);
        assertEquals(SegmentLanes.EXTRA_HEIGHT + SegmentLanes.LANE_HEIGHT, chart.getHeight());
        assertEquals(List.of("segment 0 in DRAM 0x3FFAE000-0x40000000", "segment 0 at 0x3FFB0000"), List.copyOf(ChartContents.series(chart).keySet()));
        // 24 header + 8 + 64 data = 96 = 0x60: checksum at 0x6F, then the 32-byte digest
        assertEquals("Segments by file offset: app image, 144 bytes", Views.segmentsInFile(one).getTitle());
    }
}
