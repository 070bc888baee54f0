package esp32ota.view;

import esp32ota.device.DeviceEvent;
import esp32ota.ota.EspErr;
import esp32ota.ota.OtaEvent;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

class OtaProgressViewTest {
    private static final long MS = 1_000_000L;

    /**
     * 100 reports of 1 KiB each, 10 ms of wall time apart; each KiB takes 4 ms of flash time (256 KiB/s), except the
     * 51st, which waits 45 ms more for a sector erase.
     */
    private static List<OtaProgress.Sample> oneHundredKiB() {
        List<OtaProgress.Sample> s = new ArrayList<>();
        long virtual = 0;
        for (int i = 0; i < 100; i++) {
            virtual += 4_000 + (i == 50 ? 45_000 : 0);
            s.add(new OtaProgress.Sample((i + 1) * 1024L, 100 * 1024L, virtual, i * 10 * MS));
        }
        return s;
    }

    @Test void ratesAreKiBPerSecondOnBothClocksAndTheEraseIsTheOneStall() {
        var p = new OtaProgress("writing", oneHundredKiB());
        List<OtaProgress.Rate> rates = p.rates();
        assertEquals(99, rates.size());
        assertEquals(new OtaProgress.Rate(1024, 2048, 250.0, 100.0, false), rates.get(0));   // 1 KiB in 4 ms / 10 ms
        OtaProgress.Rate erase = rates.get(49);                                               // samples 49 → 50
        assertEquals(51 * 1024, erase.toBytes());
        assertEquals(1.0 / 0.049, erase.virtualKiBs(), 1e-9);
        assertTrue(erase.stall());
        assertEquals(1, rates.stream().filter(OtaProgress.Rate::stall).count());
        assertEquals(100.0, p.percent().getAsDouble());
        assertEquals(99 * 4_000 + 45_000, p.virtualMicros());
    }

    @Test void progressReportsFromTheDeviceBecomeSamplesAndOtherReportsDoNot() {
        var view = OtaProgressView.start("ota", new LiveDisplayTest.Recording());
        view.onOtaEvent(new OtaEvent.Request("GET", "http://127.0.0.1/x", java.util.Optional.empty(), 200, 2048));
        view.onOtaEvent(new OtaEvent.EraseStall(0x150000, 1, 45_000));
        view.onEvent(new DeviceEvent.Ota(new OtaEvent.Progress(1024, OptionalLong.of(2048), 50_000, 3 * MS)));
        view.onOtaEvent(new OtaEvent.Progress(2048, OptionalLong.empty(), 54_000, 4 * MS));
        assertEquals(List.of(new OtaProgress.Sample(1024, 2048, 50_000, 3 * MS),
                new OtaProgress.Sample(2048, 0, 54_000, 4 * MS)), view.progress().samples());
    }

    @Test void anUnknownSizeHasNoPercent() {
        var p = new OtaProgress("writing", List.of(new OtaProgress.Sample(4096, 0, 10, 10)));
        assertTrue(p.percent().isEmpty());
        assertEquals("OTA writing: 4 KiB (size unknown)", OtaProgressView.barTitle(p));
        assertThrows(IllegalArgumentException.class, () -> new OtaProgress.Sample(-1, 0, 0, 0));
    }

    @Test void updatesAreThrottledByWallTimeAndTheFinalOneAlwaysComes() {
        var shown = new LiveDisplayTest.Recording();
        var view = OtaProgressView.start("ota", shown);
        assertEquals(List.of("show ota-bar", "show ota-chart"), shown.calls);
        oneHundredKiB().forEach(view::accept);                  // 0 … 990 ms of wall time
        assertEquals(10, shown.count("update ota-bar"));         // at 0, 100, … 900 ms
        assertEquals(2, shown.count("update ota-chart"));        // at 0 and 500 ms
        view.finish();
        assertEquals(11, shown.count("update ota-bar"));
        assertEquals(3, shown.count("update ota-chart"));
        assertEquals(14, view.updates());
        XYChart last = (XYChart) shown.values.get(shown.values.size() - 1);
        assertEquals(OtaProgressView.chartTitle(view.progress()), last.getTitle());
    }

    @Test void apiCallsSetThePhaseAndEachChangeRedrawsTheBar() {
        var shown = new LiveDisplayTest.Recording();
        var view = OtaProgressView.start("ota", shown);
        view.onEvent(new DeviceEvent.ApiCall("esp_ota_begin(ota_1, OTA_SIZE_UNKNOWN)", EspErr.ESP_OK));
        assertEquals("writing", view.progress().phase());
        view.onEvent(new DeviceEvent.ApiCall("esp_ota_write(1, 1024 bytes)", EspErr.ESP_OK));   // no change
        view.onEvent(new DeviceEvent.ApiCall("esp_ota_end(1)", EspErr.ESP_ERR_OTA_VALIDATE_FAILED));
        assertEquals("verification failed: ESP_ERR_OTA_VALIDATE_FAILED", view.progress().phase());
        view.onEvent(new DeviceEvent.PowerLoss(17));
        assertEquals("power lost at flash operation 17", view.progress().phase());
        assertEquals(3, shown.count("update ota-bar"));
        XYChart bar = (XYChart) shown.values.get(shown.values.size() - 1);
        assertEquals("OTA power lost at flash operation 17: 0 B (size unknown)", bar.getTitle());
    }

    @Test void theBarFillsThePercentWrittenAndSaysHowMuch() {
        var p = new OtaProgress("writing", List.of(new OtaProgress.Sample(412 * 1024, 1024 * 1024, 0, 0)));
        XYChart bar = OtaProgressView.bar(p);
        assertEquals("OTA writing: 412 KiB of 1 MiB (40 %)", bar.getTitle());
        assertArrayEquals(new double[] {0, 412 / 10.24}, ChartContents.series(bar).get("written").getXData(), 1e-9);
        assertEquals(OtaProgressView.DONE, ChartContents.series(bar).get("written").getFillColor());
        assertArrayEquals(new double[] {412 / 10.24, 100}, ChartContents.series(bar).get("to do").getXData(), 1e-9);
        assertEquals(Palette.LIGHT_GREY, ChartContents.series(bar).get("to do").getFillColor());
    }

    @Test void theThroughputChartHasBothClocksOnTwoAxesAndTheStallsMarked() {
        XYChart c = OtaProgressView.throughput(new OtaProgress("verified", oneHundredKiB()));
        assertEquals(List.of("virtual clock (left axis)", "wall clock (right axis)", "erase stall (< ½ median rate)"),
                List.copyOf(ChartContents.series(c).keySet()));
        var virtual = ChartContents.series(c).get("virtual clock (left axis)");
        assertEquals(99, virtual.getXData().length);
        assertEquals(2.0, virtual.getXData()[0]);                    // the first interval ends at 2 KiB
        assertEquals(250.0, virtual.getYData()[0]);
        assertEquals(Palette.BLUE, virtual.getLineColor());
        assertEquals(1, ChartContents.series(c).get("wall clock (right axis)").getYAxisGroup());
        assertEquals(Palette.ORANGE, ChartContents.series(c).get("wall clock (right axis)").getLineColor());
        var stall = ChartContents.series(c).get("erase stall (< ½ median rate)");
        assertArrayEquals(new double[] {51.0}, stall.getXData());
        assertEquals(Palette.VERMILLION, stall.getMarkerColor());
        assertEquals("image bytes written (KiB)", c.getXAxisTitle());
        assertTrue(c.getTitle().endsWith("1 erase stall"), c.getTitle());
    }

    @Test void longRunsDrawPlainLinesAndShortOnesDots() {
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE, OtaProgressView.throughput(
                new OtaProgress("writing", oneHundredKiB())).getSeries("virtual clock (left axis)").getMarker());
        List<OtaProgress.Sample> many = new ArrayList<>();
        for (int i = 0; i <= OtaProgressView.MAX_DOTS + 1; i++) many.add(new OtaProgress.Sample(i * 1024L, 0, i * 4_000L, i * MS));
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, OtaProgressView.throughput(
                new OtaProgress("writing", many)).getSeries("virtual clock (left axis)").getMarker());
    }

    @Test void bothPicturesRenderHeadlessEmptyAndFull() {
        for (OtaProgress p : List.of(OtaProgress.starting(), new OtaProgress("writing", oneHundredKiB()))) {
            BufferedImage bar = BitmapEncoder.getBufferedImage(OtaProgressView.bar(p));
            assertEquals(OtaProgressView.BAR_WIDTH, bar.getWidth());
            BufferedImage chart = BitmapEncoder.getBufferedImage(OtaProgressView.throughput(p));
            assertEquals(OtaProgressView.CHART_HEIGHT, chart.getHeight());
        }
    }
}
