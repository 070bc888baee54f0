package esp32ota.view;

import esp32ota.sweep.Outcome;
import esp32ota.sweep.SweepResult;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A power-cut sweep at a glance: for each cut point (the index of the flash operation during which power failed) the
 * app that booted afterwards, as a strip of coloured boxes along the operation axis, under a strip of the phases the
 * operations belong to ({@code begin: erase}, {@code write}, {@code set_boot}, {@code first boot}), each named in
 * place. New app: bluish green; old app: blue; nothing bootable: vermillion, drawn last, at least
 * {@link #MIN_RUN_SHARE} of the axis wide and labelled with its operation; any other outcome gets its own colour.
 */
public final class SweepChart {
    static final int WIDTH = 1000, HEIGHT = 360;
    /** The outcomes a sweep usually has, in the order the legend gives them. */
    public static final String NEW_APP = "new app", OLD_APP = "old app", NOTHING = "nothing";
    static final double OUTCOME_BOTTOM = 0, OUTCOME_TOP = 1, PHASE_BOTTOM = 1.15, PHASE_TOP = 1.55;
    /** A run of cut points is drawn at least this share of the axis wide, so that one bricking point shows. */
    static final double MIN_RUN_SHARE = 0.006;
    private static final double[] PHASE_LABEL_Y = {1.72, 1.92};
    private static final Color[] PHASE_SHADES = {Palette.GREY, Palette.LIGHT_GREY};

    /**
     * One cut point.
     *
     * @param op      the flash operation during which power failed (0 = the first); a sweep with torn writes has
     *                several points per operation
     * @param phase   what the update was doing then, in a few words
     * @param outcome what booted after the cut: {@link #NEW_APP}, {@link #OLD_APP}, {@link #NOTHING} or other words
     */
    public record Point(long op, String phase, String outcome) {}

    /**
     * A sweep's cut points as chart points: the operation's position in the update, its phase's label, and
     * {@link #NEW_APP} when the device settled where the uncut update does, {@link #OLD_APP} where it was before,
     * {@link #NOTHING} when no app boots, else the outcome's own label ({@code boot loop}, another slot).
     */
    public static List<Point> points(SweepResult r) {
        return r.cuts().stream().map(c -> new Point(c.cut().step(), c.cut().phase().label(), outcome(r, c.outcome())))
                .toList();
    }

    private static String outcome(SweepResult r, Outcome o) {
        if (o.kind() == Outcome.Kind.NOTHING_BOOTS) return NOTHING;
        if (sameApp(o, r.after())) return NEW_APP;
        if (sameApp(o, r.before())) return OLD_APP;
        return o.label();
    }

    private static boolean sameApp(Outcome a, Outcome b) {
        return a.kind() == Outcome.Kind.BOOTS && a.slot().equals(b.slot()) && a.version().equals(b.version());
    }

    /** A run of consecutive points with the same phase. */
    record Band(String phase, long firstOp, long lastOp) {}

    /** A run of consecutive points with the same outcome (several points of one operation, torn writes, join it). */
    record Run(String outcome, long firstOp, long lastOp) {}

    private SweepChart() {}

    /** Outcomes in legend order: new app, old app, nothing (those present), then the others as they first appear. */
    static List<String> outcomes(List<Point> points) {
        List<String> out = new ArrayList<>();
        for (String known : List.of(NEW_APP, OLD_APP, NOTHING)) {
            if (points.stream().anyMatch(p -> p.outcome().equals(known))) out.add(known);
        }
        points.stream().map(Point::outcome).distinct().filter(o -> !out.contains(o)).forEach(out::add);
        return List.copyOf(out);
    }

    /** New app bluish green, old app blue, nothing vermillion; others orange, reddish purple, sky blue, … */
    static Color colour(String outcome, List<String> outcomes) {
        switch (outcome) {
            case NEW_APP: return Palette.GOOD;
            case OLD_APP: return Palette.BLUE;
            case NOTHING: return Palette.BAD;
            default:
                List<String> others = outcomes.stream().filter(o -> !List.of(NEW_APP, OLD_APP, NOTHING).contains(o)).toList();
                List<Color> spare = List.of(Palette.ORANGE, Palette.REDDISH_PURPLE, Palette.SKY_BLUE, Palette.YELLOW, Palette.BLACK);
                return spare.get(others.indexOf(outcome) % spare.size());
        }
    }

    static List<Band> bands(List<Point> byOp) {
        List<Band> bands = new ArrayList<>();
        for (Point p : byOp) {
            Band last = bands.isEmpty() ? null : bands.get(bands.size() - 1);
            if (last != null && last.phase().equals(p.phase())) bands.set(bands.size() - 1, new Band(last.phase(), last.firstOp(), p.op()));
            else bands.add(new Band(p.phase(), p.op(), p.op()));
        }
        return List.copyOf(bands);
    }

    static List<Run> runs(List<Point> byOp) {
        List<Run> runs = new ArrayList<>();
        for (Point p : byOp) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.outcome().equals(p.outcome()) && p.op() <= last.lastOp() + 1) {
                runs.set(runs.size() - 1, new Run(last.outcome(), last.firstOp(), p.op()));
            } else {
                runs.add(new Run(p.outcome(), p.op(), p.op()));
            }
        }
        return List.copyOf(runs);
    }

    /** A text on the chart, at data coordinates. */
    record Label(String text, double x, double y) {}

    /**
     * The texts on the chart: each run of "nothing" named by its operations just above its box, then each phase,
     * numbered, above its band (alternately higher and lower, so that narrow neighbours do not collide).
     */
    static List<Label> labels(List<Point> byOp) {
        List<Label> labels = new ArrayList<>();
        for (Run r : runs(byOp)) {
            if (!r.outcome().equals(NOTHING)) continue;
            String at = r.firstOp() == r.lastOp() ? "op " + r.firstOp() : "ops %d-%d".formatted(r.firstOp(), r.lastOp());
            labels.add(new Label(at, (r.firstOp() + r.lastOp()) / 2.0, OUTCOME_TOP + 0.07));
        }
        List<Band> bands = bands(byOp);
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            labels.add(new Label("%d. %s".formatted(i + 1, b.phase()), (b.firstOp() + b.lastOp()) / 2.0, PHASE_LABEL_Y[i % 2]));
        }
        return List.copyOf(labels);
    }

    /** The legend entry of an outcome: {@code after the cut: old app}. */
    static String legend(String outcome) { return "after the cut: " + outcome; }

    /**
     * {@code Power cut during each of 4130 flash operations: 2065 new app, 2065 old app}; with several cut points per
     * operation (torn writes), {@code Power cut at 13062 points in 4130 flash operations: …}.
     */
    static String title(List<Point> points) {
        Map<String, Long> counts = points.stream().collect(Collectors.groupingBy(Point::outcome, Collectors.counting()));
        String tally = outcomes(points).stream().map(o -> counts.get(o) + " " + o).collect(Collectors.joining(", "));
        long ops = points.stream().mapToLong(Point::op).distinct().count();
        String where = ops == points.size() ? "during each of %d flash operations".formatted(ops)
                : "at %d points in %d flash operations".formatted(points.size(), ops);
        return "Power cut %s: %s".formatted(where, tally.isEmpty() ? "no cut points" : tally);
    }

    /** The strip chart; refuses an empty sweep (there is nothing to draw). */
    public static XYChart chart(List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("a sweep with no cut points has nothing to draw");
        List<Point> byOp = points.stream().sorted(Comparator.comparingLong(Point::op)).toList();
        List<String> outcomes = outcomes(byOp);
        double xMin = byOp.get(0).op() - 0.5, xMax = byOp.get(byOp.size() - 1).op() + 0.5;
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title(byOp), "cut point: power fails during flash operation n", "",
                ChartStyle.Legend.BELOW);
        ChartStyle.noYAxis(chart);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(OUTCOME_BOTTOM).setYAxisMax(2.05);
        Lanes lanes = new Lanes(chart);
        List<Run> runs = runs(byOp).stream().sorted(Comparator.comparingInt(r -> outcomes.indexOf(r.outcome()))).toList();
        double minHalf = MIN_RUN_SHARE * (xMax - xMin) / 2;
        for (Run r : runs) {                                    // by outcome, so that the legend is in outcome order
            double mid = (r.firstOp() + r.lastOp()) / 2.0, half = Math.max(minHalf, (r.lastOp() - r.firstOp() + 1) / 2.0);
            lanes.box(legend(r.outcome()), colour(r.outcome(), outcomes), mid - half, mid + half, OUTCOME_BOTTOM, OUTCOME_TOP);
        }
        List<Band> bands = bands(byOp);
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            double x0 = b.firstOp() - 0.5, x1 = b.lastOp() + 0.5;
            lanes.box("phase " + i % 2, PHASE_SHADES[i % 2], x0, x1, PHASE_BOTTOM, PHASE_TOP).setShowInLegend(false);
        }
        labels(byOp).forEach(l -> ChartStyle.text(chart, l.text(), l.x(), l.y()));
        return chart;
    }

    /** One row per phase band: number, phase, first and last operation, cut points, then a count per outcome. */
    public static Table table(List<Point> points) {
        List<Point> byOp = points.stream().sorted(Comparator.comparingLong(Point::op)).toList();
        List<Band> bands = bands(byOp);
        List<String> outcomes = outcomes(byOp);
        Table t = Table.create(title(byOp),
                IntColumn.create("#", java.util.stream.IntStream.rangeClosed(1, bands.size()).toArray()),
                Columns.strings("phase", bands, Band::phase),
                LongColumn.create("first op", bands.stream().mapToLong(Band::firstOp).toArray()),
                LongColumn.create("last op", bands.stream().mapToLong(Band::lastOp).toArray()));
        Map<Band, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Band b : bands) {
            Map<String, Integer> c = new LinkedHashMap<>();
            byOp.stream().filter(p -> p.op() >= b.firstOp() && p.op() <= b.lastOp())
                    .forEach(p -> c.merge(p.outcome(), 1, Integer::sum));
            counts.put(b, c);
        }
        t.addColumns(IntColumn.create("cut points", bands.stream()
                .mapToInt(b -> counts.get(b).values().stream().mapToInt(Integer::intValue).sum()).toArray()));
        for (String o : outcomes) {
            t.addColumns(IntColumn.create(o, bands.stream().mapToInt(b -> counts.get(b).getOrDefault(o, 0)).toArray()));
        }
        return t;
    }
}
