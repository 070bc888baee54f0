package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.Boot;
import esp32ota.device.ResetReason;
import esp32ota.device.VirtualEsp32;
import esp32ota.ota.OtaApi;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BootTimelineTest {
    static PartitionTable noFactory() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst().orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    /** blink 1.0.0 in ota_0 boots, updates ota_1 to {@code version}, then the device boots until it settles. */
    static List<BootTimeline.Entry> updateTo(String version) {
        VirtualEsp32 d = VirtualEsp32.builder(noFactory()).rollback(true)
                .app(AppSlot.ota(0), ImageSamples.blink("1.0.0", 0).build()).build();
        List<BootTimeline.Entry> boots = new ArrayList<>();
        boots.add(BootTimeline.after(d.reset(), d));
        Bytes image = ImageSamples.blink(version, 1).build();
        OtaApi ota = d.ota();
        int h = ota.begin(AppSlot.ota(1), OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        for (int i = 0; i < image.size(); i += 1024) assertTrue(ota.write(h, image.slice(i, Math.min(image.size(), i + 1024))).ok());
        assertTrue(ota.end(h).ok());
        assertTrue(ota.setBootPartition(AppSlot.ota(1)).ok());
        boots.addAll(BootTimeline.resetUntilSettled(d, 5));
        return boots;
    }

    @Test void aFailedSelfTestReadsAsThreeBootsWithCopy1EndingInvalid() {
        Table t = BootTimeline.table(updateTo("2.0.0-selftest-fail"));
        assertEquals(List.of("POWERON_RESET", "POWERON_RESET", "SW_CPU_RESET"), t.stringColumn("reset reason").asList());
        assertEquals(List.of("ota_0", "ota_1", "ota_0"), t.stringColumn("app").asList());
        assertEquals(List.of("1.0.0", "2.0.0-selftest-fail", "1.0.0"), t.stringColumn("version").asList());
        assertEquals(List.of("runs", "restarts", "runs"), t.stringColumn("end").asList());
        // the first boot confirmed 1.0.0 from blank otadata; the new app failed its self-test and marked itself
        // invalid before it restarted, so the otadata after boot 2 already says INVALID
        assertEquals(List.of("seq 1 VALID", "seq 1 VALID", "seq 1 VALID"), t.stringColumn("copy 0 after").asList());
        assertEquals(List.of("blank", "seq 2 INVALID", "seq 2 INVALID"), t.stringColumn("copy 1 after").asList());
        assertEquals(List.of("0", "0", "0"), t.stringColumn("active copy").asList());
        assertEquals("Boots: ota_0 → ota_1 → ota_0", t.name());
    }

    @Test void cellsAreColouredByStateWithOneFilledLegendPatchPerState() {
        XYChart c = BootTimeline.chart(updateTo("2.0.0-selftest-fail"));
        List<XYSeries> legend = ChartContents.series(c).values().stream().filter(XYSeries::isShowInLegend).toList();
        List<String> names = legend.stream().map(XYSeries::getName).toList();
        assertEquals(List.of("otadata: VALID", "otadata: blank", "otadata: INVALID"), names);   // as they first appear
        for (XYSeries s : legend) {
            assertEquals(BootTimeline.copyColour(s.getName().substring("otadata: ".length())), s.getFillColor());
            assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, s.getXYSeriesRenderStyle().orElseThrow());
        }
        assertEquals(Palette.REDDISH_PURPLE, BootTimeline.copyColour("INVALID"));
        assertEquals(Palette.GOOD, BootTimeline.copyColour("VALID"));
        assertEquals(Palette.BAD, BootTimeline.copyColour("ABORTED"));
        assertEquals(BootTimeline.WIDTH, BitmapEncoder.getBufferedImage(c).getWidth());
    }

    @Test void labelsNumberTheBootsAndNameAppVersionEndAndEachCopy() {
        var labels = BootTimeline.labels(updateTo("2.0.0-hang"));
        List<String> texts = labels.stream().map(BootTimeline.Label::text).toList();
        assertEquals(List.of("copy 1", "copy 0", "app"), texts.subList(0, 3));   // bottom up
        assertTrue(texts.containsAll(List.of("1. power-on", "2. power-on", "hangs: watchdog",
                "2.0.0-hang", "PENDING_VERIFY", "ABORTED")), texts.toString());
        // boot 2 hung and the watchdog panicked: boot 3's SW_CPU_RESET is the panic's restart, not esp_restart()
        assertEquals(new BootTimeline.Label("3. panic", 2, BootTimeline.HEADER_Y),
                labels.stream().filter(l -> l.text().startsWith("3. ")).findFirst().orElseThrow());
    }

    @Test void aSoftwareResetAfterAnAppThatRestartedReadsEspRestart() {
        List<BootTimeline.Entry> boots = updateTo("2.0.0-selftest-fail");
        assertEquals(List.of(Boot.End.RUNNING, Boot.End.RESTART, Boot.End.RUNNING), boots.stream().map(e -> e.boot().end()).toList());
        assertEquals(ResetReason.SW_CPU_RESET, boots.get(2).boot().reason());
        assertEquals(List.of("power-on", "power-on", "esp_restart"),
                List.of(BootTimeline.resetWords(boots, 0), BootTimeline.resetWords(boots, 1), BootTimeline.resetWords(boots, 2)));
    }

    @Test void anErasedChipHasNoOtadataAndNothingBoots() {
        VirtualEsp32 d = VirtualEsp32.fromDump(Bytes.filled(4 << 20, 0xFF)).build();
        Boot b = d.reset();
        var e = BootTimeline.after(b, d);
        assertTrue(e.otadata().isEmpty());
        Table t = BootTimeline.table(List.of(e));
        assertEquals("nothing", t.stringColumn("app").get(0));
        assertEquals("no otadata", t.stringColumn("copy 0 after").get(0));
        assertEquals("nothing booted", t.stringColumn("end").get(0));
        assertEquals(ResetReason.POWERON_RESET.name(), t.stringColumn("reset reason").get(0));
        assertThrows(IllegalArgumentException.class, () -> BootTimeline.chart(List.of()));
        assertEquals(BootTimeline.WIDTH, BitmapEncoder.getBufferedImage(BootTimeline.chart(List.of(e))).getWidth());
    }
}
