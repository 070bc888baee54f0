package esp32ota.view;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title(covered))
                .xAxisTitle("").yAxisTitle("").build();
        var style = chart.getStyler();
        style.setXAxisTicksVisible(false).setYAxisTicksVisible(false);
        style.setXAxisMin(0.0).setXAxisMax(7.0).setYAxisMin(0.0).setYAxisMax(1.0);
        style.setPlotGridHorizontalLinesVisible(false).setPlotGridVerticalLinesVisible(false);
        style.setPlotBorderVisible(false).setLegendVisible(false);
        style.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE);
        style.setAnnotationTextFontColor(Palette.BLACK);
        for (Step s : STEPS) {
            boolean last = s.number() == 7, valid = last && s.name().equals("valid");
            double x0 = s.number() - 1 + GAP, x1 = s.number() - GAP;
            double y0 = last ? (valid ? 0.53 : 0.05) : 0.05, y1 = last ? (valid ? 0.95 : 0.47) : 0.95;
            XYSeries box = chart.addSeries(s.title(), new double[] {x0, x0, x1, x1}, new double[] {y0, y1, y1, y0});
            box.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            box.setMarker(SeriesMarkers.NONE);
            box.setFillColor(colour(s, shown.contains(s.number())));
            box.setLineColor(Color.WHITE);
            double mid = (y0 + y1) / 2;
            chart.addAnnotation(new AnnotationText(s.title(), s.number() - 0.5, mid + (last ? 0.09 : 0.1), false));
            chart.addAnnotation(new AnnotationText(s.detail(), s.number() - 0.5, mid - (last ? 0.09 : 0.1), false));
            if (s.number() < 7) chart.addAnnotation(new AnnotationText("→", s.number(), 0.5, false));
        }
        return chart;
    }

    /** A covered step's colour: the good end green-blue, the rollback vermillion, the rest sky blue; uncovered grey. */
    static Color colour(Step s, boolean covered) {
        if (!covered) return Palette.LIGHT_GREY;
        if (s.name().equals("valid")) return Palette.BLUISH_GREEN;
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
