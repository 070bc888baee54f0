package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.ota.UpdateSession;
import esp32ota.otadata.OtaSelectEntry;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An {@link UpdateSession} over time: one column per step, three rows (copy 0, copy 1, the running app). A copy's cell
 * is coloured by its state (or grey when blank or when its CRC is wrong) and names seq and state; the running app's
 * cell is coloured by the slot. Rollback shows as the running row going back to the old slot while copy 1 turns
 * ABORTED. Each colour class is one line series of thick, square-ended strokes (NaN between cells); the cells name
 * themselves, so there is no legend.
 */
final class SessionTimeline {
    static final int WIDTH = 1000, HEIGHT = 380;
    static final int ROW_COPY_0 = 0, ROW_COPY_1 = 1, ROW_RUNNING = 2;
    static final List<String> ROW_NAMES = List.of("copy 0", "copy 1", "running app");
    /** Half the width of a cell, in steps. */
    private static final double HALF = 0.45;
    private static final BasicStroke CELL = new BasicStroke(46f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    /** Where the row names sit, left of step 0. */
    private static final double ROW_NAME_X = -0.85;

    private SessionTimeline() {}

    /** The colour class of a copy: its state name, {@code blank}, {@code CRC wrong} or {@code unknown state}. */
    static String copyClass(OtaSelectEntry c) {
        if (c.isBlankSeq()) return "blank";
        if (!c.crcOk()) return "CRC wrong";
        return c.state().map(Enum::name).orElse("unknown state");
    }

    /**
     * Okabe–Ito by meaning, in every view of otadata: VALID green, PENDING_VERIFY orange, NEW sky blue, ABORTED
     * vermillion, INVALID purple, UNDEFINED yellow; blank light grey, a wrong CRC grey, an unknown state a tint.
     */
    static Color copyColour(String copyClass) {
        return switch (copyClass) {
            case "NEW" -> Palette.SKY_BLUE;
            case "PENDING_VERIFY" -> Palette.WAITING;
            case "VALID" -> Palette.GOOD;
            case "INVALID" -> Palette.REDDISH_PURPLE;
            case "ABORTED" -> Palette.BAD;
            case "UNDEFINED" -> Palette.YELLOW;
            case "CRC wrong" -> Palette.GREY;
            case "blank" -> Palette.LIGHT_GREY;
            default -> Palette.tint(Palette.REDDISH_PURPLE);
        };
    }

    /** Light tints of {@link Palette} colours (the cell's text stays readable): one per OTA slot, factory yellow. */
    static Color appColour(AppSlot s) {
        Color[] ota = {Palette.tint(Palette.SKY_BLUE), Palette.tint(Palette.REDDISH_PURPLE), Palette.tint(Palette.BLUISH_GREEN)};
        return s.isOta() ? ota[s.index() % ota.length] : Palette.tint(Palette.YELLOW);
    }

    /** {@code esp_ota_set_boot_partition(ota_1)} → {@code set_boot(ota_1)}: short enough for a column header. */
    static String shortEvent(String event) {
        return event.replace("esp_ota_", "").replace("_partition(", "(").replace("mark_app_", "mark_")
                .replace("_cancel_rollback()", "").replace("_rollback()", "");
    }

    /** What a step was: {@code start}, {@code boot}, or the C call, e.g. {@code esp_ota_set_boot_partition(ota_1)}. */
    static String event(UpdateSession.Step st) {
        if (st instanceof UpdateSession.ApiCall c) return c.call().function();
        return st instanceof UpdateSession.Boot ? "boot" : "start";
    }

    /**
     * What a step came to: {@code otadata erased} / {@code otadata as given} for the start, {@code booted ota_1} /
     * {@code nothing bootable} for a boot, the {@code esp_err_t} name for a call.
     */
    static String result(UpdateSession.Step st) {
        if (st instanceof UpdateSession.ApiCall c) return c.result().name();
        if (st instanceof UpdateSession.Boot b) return b.running().map(s -> "booted " + s).orElse("nothing bootable");
        return ((UpdateSession.Start) st).erased() ? "otadata erased" : "otadata as given";
    }

    /** A call that returned an error (a boot or the start is never refused). */
    static boolean refused(UpdateSession.Step st) {
        return st instanceof UpdateSession.ApiCall c && !c.result().ok();
    }

    static String title(UpdateSession s) {
        String runs = s.steps().stream().filter(st -> st instanceof UpdateSession.Boot)
                .map(st -> st.running().map(AppSlot::name).orElse("nothing")).collect(Collectors.joining(" → "));
        return "Update session: the app each boot runs: " + (runs.isEmpty() ? "no boot yet" : runs);
    }

    static XYChart chart(UpdateSession s) {
        List<UpdateSession.Step> steps = s.steps();
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title(s), "", "", ChartStyle.Legend.NONE);
        ChartStyle.noAxes(chart);
        chart.getStyler().setXAxisMin(-1.2).setXAxisMax(steps.size() - 0.5).setYAxisMin(-0.6).setYAxisMax(3.0);
        for (int row = 0; row < ROW_NAMES.size(); row++) ChartStyle.text(chart, ROW_NAMES.get(row), ROW_NAME_X, row);
        Map<String, List<double[]>> cells = new LinkedHashMap<>();
        Map<String, Color> colours = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            UpdateSession.Step st = steps.get(i);
            ChartStyle.text(chart, "%d. %s".formatted(i, shortEvent(event(st))), i, 2.75);
            if (refused(st)) ChartStyle.text(chart, "refused", i, 2.45);
            for (int row : new int[] {ROW_COPY_0, ROW_COPY_1}) {
                OtaSelectEntry c = st.otadata().copy(row);
                String k = copyClass(c);
                cells.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {i, row});
                colours.put(k, copyColour(k));
                double y = c.isBlankSeq() ? row : row + 0.14;
                ChartStyle.text(chart, c.isBlankSeq() ? "blank" : "seq " + c.otaSeq(), i, y);
                if (!c.isBlankSeq()) ChartStyle.text(chart, stateText(c), i, row - 0.14);
            }
            if (st.running().isPresent()) {
                String k = "runs " + st.running().get();
                cells.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {i, ROW_RUNNING});
                colours.put(k, appColour(st.running().get()));
                ChartStyle.text(chart, st.running().get().name(), i, ROW_RUNNING);
            }
        }
        cells.forEach((k, list) -> addCells(chart, k, list, colours.get(k)));
        return chart;
    }

    /** One series per colour class: a thick horizontal stroke per cell, NaN between cells so that they stay apart. */
    private static void addCells(XYChart chart, String name, List<double[]> cells, Color colour) {
        double[] x = new double[cells.size() * 3], y = new double[cells.size() * 3];
        for (int j = 0; j < cells.size(); j++) {
            double[] c = cells.get(j);
            x[3 * j] = c[0] - HALF;
            x[3 * j + 1] = c[0] + HALF;
            x[3 * j + 2] = c[0];
            y[3 * j] = c[1];
            y[3 * j + 1] = c[1];
            y[3 * j + 2] = Double.NaN;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(CELL);
        s.setShowInLegend(false);
    }

    /**
     * One row per step: what happened, what it returned, both copies after it, the running app, which copies it wrote
     * and, when anti-rollback is on, the eFuse counter.
     */
    static Table table(UpdateSession s) {
        List<UpdateSession.Step> steps = s.steps();
        Table t = Table.create("update session (%d steps)".formatted(steps.size()),
                IntColumn.create("step", IntStream.range(0, steps.size()).toArray()),
                StringColumn.create("event", steps.stream().map(SessionTimeline::event).toList()),
                StringColumn.create("result", steps.stream().map(SessionTimeline::result).toList()),
                StringColumn.create("copy 0", steps.stream().map(st -> copyText(st.otadata().copy(0))).toList()),
                StringColumn.create("copy 1", steps.stream().map(st -> copyText(st.otadata().copy(1))).toList()),
                StringColumn.create("running", steps.stream().map(st -> st.running().map(AppSlot::name).orElse("–"))
                        .toList()),
                StringColumn.create("written", steps.stream().map(SessionTimeline::written).toList()));
        if (steps.stream().anyMatch(st -> st.antiRollback().isPresent())) {
            t.addColumns(StringColumn.create("eFuse", steps.stream().map(st -> st.antiRollback()
                    .map(a -> Long.toString(a.efuseSecureVersion())).orElse("–")).toList()));
        }
        return t;
    }

    /** The sectors a step rewrote, {@code copy 1} or {@code copy 0, copy 1}; a dash when none. */
    static String written(UpdateSession.Step st) {
        if (st.writes().isEmpty()) return "–";
        return st.writes().stream().map(w -> "copy " + w.sector()).distinct().collect(Collectors.joining(", "));
    }

    /** {@code NEW}, {@code 0x7} for a code ESP-IDF does not name, {@code NEW, CRC wrong}. */
    static String stateText(OtaSelectEntry c) {
        String state = c.state().map(Enum::name).orElse("0x%X".formatted(c.stateCode()));
        return c.crcOk() ? state : state + ", CRC wrong";
    }

    /** {@code seq 2 NEW}, {@code blank}, or {@code seq 2 NEW, CRC wrong}. */
    static String copyText(OtaSelectEntry c) {
        return c.isBlankSeq() ? "blank" : "seq %d %s".formatted(c.otaSeq(), stateText(c));
    }
}
