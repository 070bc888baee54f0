package esp32ota.view;

import esp32ota.analysis.Corpus;
import esp32ota.analysis.CorpusRow;
import esp32ota.analysis.DumpReport;
import esp32ota.analysis.FileKind;
import esp32ota.analysis.ImageDiff;
import esp32ota.bytes.Bytes;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.samples.ImageSamples;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FirmwareChartsTest {
    static List<CorpusRow> rows;

    @BeforeAll
    static void scan() throws IOException { rows = Corpus.rows(Vectors.path("real/files"), Optional.empty(), 2, p -> { }); }

    static List<?> x(CategoryChart c, String series) { return new ArrayList<>(ChartContents.series(c).get(series).getXData()); }

    static List<Double> y(CategoryChart c, String series) {
        List<Double> out = new ArrayList<>();
        for (Number n : ChartContents.series(c).get(series).getYData()) out.add(n.doubleValue());
        return out;
    }

    @Test
    void sizesByChip() {
        CategoryChart c = FirmwareCharts.sizesByChip(rows);
        long apps = rows.stream().filter(r -> r.kind() == FileKind.APP_IMAGE).count();
        assertEquals("App image sizes by chip (%d images)".formatted(apps), c.getTitle());
        assertEquals(List.of("median", "largest"), List.copyOf(ChartContents.series(c).keySet()));
        List<?> chips = x(c, "median");
        assertEquals(rows.stream().filter(r -> r.kind() == FileKind.APP_IMAGE).map(CorpusRow::chip).distinct().sorted()
                .toList(), chips);
        int esp32 = chips.indexOf("ESP32");                     // 111360, 124416, 142320 bytes
        assertEquals(124416 / 1024.0, y(c, "median").get(esp32));
        assertEquals(142320 / 1024.0, y(c, "largest").get(esp32));
    }

    @Test
    void idfVersions() {
        CategoryChart c = FirmwareCharts.idfVersions(rows);
        assertEquals(List.of("app images", "bootloaders"), List.copyOf(ChartContents.series(c).keySet()));
        List<?> versions = x(c, "app images");
        int v522 = versions.indexOf("v5.2.2-dirty");
        long apps = rows.stream().filter(r -> r.kind() == FileKind.APP_IMAGE && "v5.2.2-dirty".equals(r.idfVer())).count();
        long boots = rows.stream().filter(r -> r.kind() == FileKind.BOOTLOADER && "v5.2.2-dirty".equals(r.idfVer())).count();
        assertEquals(7, apps);
        assertEquals((double) apps, y(c, "app images").get(v522));
        assertEquals((double) boots, y(c, "bootloaders").get(v522));
        long named = rows.stream().filter(r -> r.idfVer() != null
                && (r.kind() == FileKind.APP_IMAGE || r.kind() == FileKind.BOOTLOADER)).count();
        assertEquals("ESP-IDF versions (%d files name one)".formatted(named), c.getTitle());
    }

    @Test
    void memoryTypesOfTheRealEsp32App() {
        AppImage img = AppImage.decode(Vectors.bytes("real/files/app/sf_hello_esp32_hello_world.bin"));
        CategoryChart c = FirmwareCharts.memoryTypes(img);
        assertEquals("Segments of a ESP32 image by memory type (5 segments)", c.getTitle());
        // esptool: DROM 0x01ee4, BYTE_ACCESSIBLE+DRAM 0x01840, IRAM 0x097ac, PADDING 0x03110, IROM 0x0e5b4
        assertEquals(List.of("DROM", "BYTE_ACCESSIBLE", "DRAM", "IRAM", "PADDING", "IROM"), x(c, "bytes loaded"));
        assertEquals(List.of(0x1ee4 / 1024.0, 0x1840 / 1024.0, 0x1840 / 1024.0, 0x97ac / 1024.0, 0x3110 / 1024.0,
                0xe5b4 / 1024.0), y(c, "bytes loaded"));
    }

    @Test
    void flashUsageAcrossDumps() {
        Map<String, DumpReport> dumps = new LinkedHashMap<>();
        dumps.put("micropython", DumpReport.split(Vectors.bytes(
                "real/files/merged-flash/esptool_pr1150_micropython_ESP32_GENERIC-20240602-v1.23.0.bin"),
                DumpReport.Options.detect()));
        CategoryChart c = FirmwareCharts.flashUsage(dumps);
        assertEquals("Flash used per partition (1 dumps)", c.getTitle());
        assertEquals(List.of("micropython"), List.copyOf(ChartContents.series(c).keySet()));
        assertEquals(List.of("nvs", "phy_init", "factory", "vfs"), x(c, "micropython"));
        assertEquals(List.of(0.0, 0.0, 82.3, 0.0), y(c, "micropython"));
    }

    @Test
    void diffOfTwoBlinkVersions() {
        Bytes a = ImageSamples.blink("1.0.0", 0).build(), b = ImageSamples.blink("1.1.0", 0).build();
        ImageDiff d = ImageDiff.of(a, b);
        CategoryChart c = FirmwareCharts.diff(d);
        assertEquals("%d of %d 4 KiB blocks differ (%.1f %%): 4 of 4 segments changed".formatted(d.changed(), d.blocks(),
                100 * d.changedShare()), c.getTitle());
        assertEquals(List.of("A", "B"), List.copyOf(ChartContents.series(c).keySet()));
        assertEquals(d.segments().stream().map(s -> "0x%08X %s".formatted(s.loadAddr(), s.change())).toList(), x(c, "A"));
        assertEquals(d.segments().get(0).sizeA() / 1024.0, y(c, "A").get(0));
        assertEquals(Chip.ESP32, AppImage.decode(a).chip().orElseThrow());
    }
}
