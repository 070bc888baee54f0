package esp32ota.view;

import esp32ota.device.DeviceEvent;
import esp32ota.ota.OtaEvent;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A live view of one OTA: a progress bar (bytes of total, percent, phase) and a throughput chart (KiB/s on the
 * virtual and on the wall clock over bytes written, erase stalls marked), shown when it starts and updated in place
 * through {@link LiveDisplay} while the update runs. Re-rendering costs wall time, so updates are throttled by the
 * samples' wall clock: the bar at most every {@link #BAR_INTERVAL_NANOS}, the chart at most every
 * {@link #CHART_INTERVAL_NANOS}; a phase change updates the bar, {@link #finish()} always updates both.
 * <pre>{@code
 * var view = OtaProgressView.start("ota");                         // shows both, empty
 * device.addListener(view::onEvent);                               // phases from esp_ota_* calls
 * ... for each progress report: view.accept(new OtaProgress.Sample(bytes, total, virtualMicros, System.nanoTime()));
 * view.finish();                                                   // the final picture
 * }</pre>
 */
public final class OtaProgressView {
    public static final long BAR_INTERVAL_NANOS = 100_000_000L, CHART_INTERVAL_NANOS = 500_000_000L;
    static final int BAR_WIDTH = 800, BAR_HEIGHT = 150, CHART_WIDTH = 1000, CHART_HEIGHT = 400;
    static final Color DONE = Palette.BLUE, TO_DO = Palette.LIGHT_GREY;
    /** Above this many intervals the lines carry no dots (they would hide the line). */
    static final int MAX_DOTS = 120;
    static final Color VIRTUAL = Palette.BLUE, WALL = Palette.ORANGE, STALL = Palette.VERMILLION;

    private final String id;
    private final LiveDisplay display;
    private final List<OtaProgress.Sample> samples = new ArrayList<>();
    private String phase = "starting";
    private long barShownAt = Long.MIN_VALUE, chartShownAt = Long.MIN_VALUE;
    private int updates;

    private OtaProgressView(String id, LiveDisplay display) {
        this.id = id;
        this.display = display;
    }

    /** Shows an empty bar and chart under {@code id + "-bar"} and {@code id + "-chart"} on the kernel's display. */
    public static OtaProgressView start(String id) { return start(id, LiveDisplay.current()); }

    /** As {@link #start(String)}, on {@code display}. */
    public static OtaProgressView start(String id, LiveDisplay display) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a display id must not be blank");
        var view = new OtaProgressView(id, display);
        OtaProgress p = view.progress();
        display.show(view.barId(), bar(p));
        display.show(view.chartId(), throughput(p));
        return view;
    }

    public String barId() { return id + "-bar"; }

    public String chartId() { return id + "-chart"; }

    /** Records a progress report; redraws what is due. */
    public void accept(OtaProgress.Sample s) {
        samples.add(s);
        long now = s.wallNanos();
        if (barShownAt == Long.MIN_VALUE || now - barShownAt >= BAR_INTERVAL_NANOS) {
            barShownAt = now;
            pushBar();
        }
        if (chartShownAt == Long.MIN_VALUE || now - chartShownAt >= CHART_INTERVAL_NANOS) {
            chartShownAt = now;
            pushChart();
        }
    }

    /** Names the phase the update is in now ({@code writing}, {@code verifying}, …); the bar shows it at once. */
    public void phase(String newPhase) {
        if (newPhase.equals(phase)) return;
        phase = newPhase;
        pushBar();
    }

    /**
     * Follows a device's events for the phase: {@code esp_ota_begin} → writing, {@code esp_ota_end} → verified (or
     * "verification failed: ESP_ERR_…"), {@code esp_ota_set_boot_partition} → boot partition set, {@code esp_ota_abort}
     * → aborted, a power cut → power lost. Other events change nothing.
     */
    public void onEvent(DeviceEvent e) {
        if (e instanceof DeviceEvent.Ota o) onOtaEvent(o.event());
        if (e instanceof DeviceEvent.PowerLoss p) phase("power lost at flash operation " + p.opIndex());
        if (!(e instanceof DeviceEvent.ApiCall c)) return;
        String fn = c.function();
        boolean ok = c.result().ok();
        if (fn.startsWith("esp_ota_begin")) phase(ok ? "writing" : "begin failed: " + c.result().name());
        else if (fn.startsWith("esp_ota_write") && !ok) phase("write failed: " + c.result().name());
        else if (fn.startsWith("esp_ota_end")) phase(ok ? "verified" : "verification failed: " + c.result().name());
        else if (fn.startsWith("esp_ota_set_boot_partition")) phase(ok ? "boot partition set" : "set_boot failed: " + c.result().name());
        else if (fn.startsWith("esp_ota_abort")) phase("aborted");
    }

    /**
     * Follows an OTA client's reports ({@link esp32ota.ota.ChunkWriter}, the example apps): each
     * {@link OtaEvent.Progress} becomes a sample (its total, or unknown); other reports change nothing.
     */
    public void onOtaEvent(OtaEvent e) {
        if (e instanceof OtaEvent.Progress p) {
            accept(new OtaProgress.Sample(p.written(), p.total().orElse(0), p.virtualMicros(), p.wallNanos()));
        }
    }

    /** The final picture: both views redrawn whatever the throttle says. */
    public void finish() {
        pushBar();
        pushChart();
    }

    /** The progress so far, as a value. */
    public OtaProgress progress() { return new OtaProgress(phase, samples); }

    /** How many updates (bar and chart counted apart) this view has sent; the two first shows are not counted. */
    public int updates() { return updates; }

    private void pushBar() {
        updates++;
        display.update(barId(), bar(progress()));
    }

    private void pushChart() {
        updates++;
        display.update(chartId(), throughput(progress()));
    }

    // ---- the two pictures, from a value --------------------------------------------------------------------

    /** {@code OTA writing: 412 KiB of 1 MiB (40 %)}; {@code OTA writing: 412 KiB (size unknown)}. */
    static String barTitle(OtaProgress p) {
        String amount = p.percent().isPresent()
                ? "%s of %s (%.0f %%)".formatted(ByteSize.format(p.bytes()), ByteSize.format(p.total()), p.percent().getAsDouble())
                : "%s (size unknown)".formatted(ByteSize.format(p.bytes()));
        return "OTA %s: %s".formatted(p.phase(), amount);
    }

    /**
     * A bar from 0 to 100 %: the written share filled, the rest light grey; the title says phase, bytes and percent.
     * With the size unknown the bar stays empty and the title gives the bytes.
     */
    public static XYChart bar(OtaProgress p) {
        XYChart chart = ChartStyle.xy(BAR_WIDTH, BAR_HEIGHT, barTitle(p), "percent of the image written", "",
                ChartStyle.Legend.NONE);
        ChartStyle.noYAxis(chart);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(100.0).setYAxisMin(0.0).setYAxisMax(1.0);
        double pct = p.percent().orElse(0);
        area(chart, "written", 0, pct, DONE);
        area(chart, "to do", pct, 100, TO_DO);
        return chart;
    }

    private static void area(XYChart chart, String name, double from, double to, Color c) {
        XYSeries s = chart.addSeries(name, new double[] {from, to}, new double[] {1, 1});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(c);
        s.setLineColor(c);
    }

    /** {@code Throughput: 315 KiB/s on the virtual clock, 20480 KiB/s on the wall clock, 3 erase stalls}. */
    static String chartTitle(OtaProgress p) {
        long stalls = p.rates().stream().filter(OtaProgress.Rate::stall).count();
        return "Throughput: %.0f KiB/s on the virtual clock, %.0f KiB/s on the wall clock, %d erase stall%s"
                .formatted(p.averageVirtualKiBs(), p.averageWallKiBs(), stalls, stalls == 1 ? "" : "s");
    }

    /**
     * KiB/s over bytes written: the virtual clock on the left axis (blue), the wall clock on the right axis (orange),
     * the intervals slower than half the median virtual rate marked (vermillion). Before two samples the series
     * hold a single point at 0.
     */
    public static XYChart throughput(OtaProgress p) {
        List<OtaProgress.Rate> rates = p.rates();
        XYChart chart = ChartStyle.xy(CHART_WIDTH, CHART_HEIGHT, chartTitle(p), "image bytes written (KiB)",
                "KiB/s, virtual clock (flash time)", ChartStyle.Legend.BELOW);
        var style = chart.getStyler();
        style.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        style.setYAxisMin(0, 0.0).setYAxisMin(1, 0.0).setXAxisMin(0.0);
        style.setMarkerSize(5);
        chart.setYAxisGroupTitle(1, "KiB/s, wall clock (this computer)");
        double[] x = rates.isEmpty() ? new double[] {0} : rates.stream().mapToDouble(r -> r.toBytes() / 1024.0).toArray();
        double[] virtual = rates.isEmpty() ? new double[] {0} : rates.stream().mapToDouble(OtaProgress.Rate::virtualKiBs).toArray();
        double[] wall = rates.isEmpty() ? new double[] {0} : rates.stream().mapToDouble(OtaProgress.Rate::wallKiBs).toArray();
        boolean dots = rates.size() <= MAX_DOTS;
        line(chart, "virtual clock (left axis)", x, virtual, VIRTUAL, 0, dots);
        line(chart, "wall clock (right axis)", x, wall, WALL, 1, dots);
        List<OtaProgress.Rate> stalls = rates.stream().filter(OtaProgress.Rate::stall).toList();
        if (!stalls.isEmpty()) {
            XYSeries s = chart.addSeries("erase stall (< ½ median rate)",
                    stalls.stream().mapToDouble(r -> r.toBytes() / 1024.0).toArray(),
                    stalls.stream().mapToDouble(OtaProgress.Rate::virtualKiBs).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(STALL);
        }
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color c, int group, boolean dots) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(dots ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setMarkerColor(c);
        s.setLineColor(c);
        s.setYAxisGroup(group);
    }
}
