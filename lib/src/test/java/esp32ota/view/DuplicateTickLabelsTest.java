package esp32ota.view;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for XChart 3.8.8 and custom tick labels that repeat (knowm/XChart#799): on a y axis it widened the
 * tick step until every label was unique (forever, for a formatter that gives most ticks an empty label; labels for
 * ticks off the axis, for one that rounds); on an x axis an empty label threw "Zero length string passed to TextLayout
 * constructor". XChart 4.0.3 draws the labels as given; both tests fail on 3.8.8. The timeout only turns a hang into
 * a failure (it is not a speed test).
 */
class DuplicateTickLabelsTest {
    static final int WIDTH = 600, HEIGHT = 300;

    /** One byte per unit on an axis 0 to 1: the ticks at 0.1, 0.2, … are all labelled 0x0 or 0x1. */
    @Test void aYAxisWhoseHexLabelsRepeatRendersWithTheRepeatedLabels() {
        List<String> asked = new ArrayList<>();
        XYChart chart = chart();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.setCustomYAxisTickLabelsFormatter(recording(asked, y -> HexAxis.label(y, 1)));
        render(chart);
        assertTrue(asked.stream().filter("0x0"::equals).count() > 1, "0x0 labels more than one tick: " + asked);
        assertEquals(List.of("0x0", "0x1"), asked.stream().distinct().sorted().toList());
    }

    /** Ticks without a label of their own get an empty one. */
    @Test void anXAxisWithEmptyLabelsRenders() {
        List<String> asked = new ArrayList<>();
        XYChart chart = chart();
        chart.setCustomXAxisTickLabelsFormatter(recording(asked, x -> x == 0 ? "start" : ""));
        render(chart);
        assertTrue(asked.contains("start"), "the tick at 0 is labelled: " + asked);
        assertTrue(asked.stream().filter(String::isEmpty).count() > 1, "several ticks have no label: " + asked);
    }

    private static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("repeated tick labels").build();
        chart.addSeries("line", new double[] {0, 1, 2, 3}, new double[] {0, 0.3, 0.6, 1});
        return chart;
    }

    private static Function<Double, String> recording(List<String> asked, Function<Double, String> label) {
        return v -> {
            String s = label.apply(v);
            asked.add(s);
            return s;
        };
    }

    private static void render(XYChart chart) {
        BufferedImage image = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> BitmapEncoder.getBufferedImage(chart));
        assertEquals(List.of(WIDTH, HEIGHT), List.of(image.getWidth(), image.getHeight()));
    }
}
