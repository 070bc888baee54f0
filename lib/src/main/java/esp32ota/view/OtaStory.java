package esp32ota.view;

import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole OTA update on one page, as numbered boxes read left to right: download → write the other slot →
 * otadata → reboot → the bootloader decides → the new app tests itself → valid, or rollback. Every notebook can
 * draw it with the steps it covers in colour and the others grey, so a learner sees where the notebook sits.
 */
final class OtaStory {
    static final int WIDTH = 1000, HEIGHT = 250;

    /** One step: its number, a short name and a second line that says what happens. */
    record Step(int number, String name, String detail) {
        String title() { return number + " " + name; }
    }

    static final List<Step> STEPS = List.of(
            new Step(1, "download", "the new image"),
            new Step(2, "write", "the other slot"),
            new Step(3, "otadata", "new seq, NEW"),
            new Step(4, "reboot", "reset the chip"),
            new Step(5, "bootloader", "picks a slot"),
            new Step(6, "self-test", "PENDING_VERIFY"),
            new Step(7, "valid", "it keeps running"),
            new Step(7, "rollback", "the old app again"));

    private OtaStory() {}

    /** The chart, with {@code covered} steps (1-7) in colour; none given: every step in colour. */
    static XYChart chart(int... covered) {
        List<Integer> shown = covered.length == 0 ? List.of(1, 2, 3, 4, 5, 6, 7) : Arrays.stream(covered).boxed().toList();
        for (int n : shown) if (n < 1 || n > 7) throw new IllegalArgumentException("the OTA story has steps 1 to 7, not " + n);
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title(covered), "", "", ChartStyle.Legend.NONE);
        ChartStyle.noAxes(chart);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(7.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setPlotBorderVisible(false).setPlotBackgroundColor(Palette.WHITE);    // a page, not a plot
        for (Step s : STEPS) {
            boolean last = s.number() == 7, valid = last && s.name().equals("valid");
            double x0 = s.number() - 1 + GAP, x1 = s.number() - GAP;
            double y0 = last ? (valid ? 0.53 : 0.05) : 0.05, y1 = last ? (valid ? 0.95 : 0.47) : 0.95;
            ChartStyle.box(chart, s.title(), x0, x1, y0, y1, colour(s, shown.contains(s.number())), Palette.WHITE);
            double mid = (y0 + y1) / 2;
            ChartStyle.text(chart, s.title(), s.number() - 0.5, mid + (last ? 0.09 : 0.1));
            ChartStyle.text(chart, s.detail(), s.number() - 0.5, mid - (last ? 0.09 : 0.1));
            if (s.number() < 7) ChartStyle.text(chart, "→", s.number(), 0.5);
        }
        return chart;
    }

    /** A covered step's colour: the good end green-blue, the rollback vermillion, the rest sky blue; uncovered grey. */
    static Color colour(Step s, boolean covered) {
        if (!covered) return Palette.LIGHT_GREY;
        if (s.name().equals("valid")) return Palette.GOOD;
        if (s.name().equals("rollback")) return Palette.ORANGE;
        return Palette.SKY_BLUE;
    }

    static String title(int... covered) {
        if (covered.length == 0) return "The OTA story: an update from the download to a valid app, or a rollback";
        return "Where this notebook sits in the OTA story: step" + (covered.length > 1 ? "s " : " ")
                + Arrays.stream(covered).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** The space around a box in its slot, as a share of the slot: room for the arrow. */
    static final double GAP = 0.1;
}
