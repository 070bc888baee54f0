package esp32ota.view;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filled boxes in horizontal lanes on an {@link XYChart}. Each box is one polygon series ({@link ChartStyle#box});
 * the first box of each colour class carries the legend entry, the others are left out of it.
 */
final class Lanes {
    private final XYChart chart;
    private final List<String> inLegend = new ArrayList<>();
    private final Map<String, Color> colours = new LinkedHashMap<>();
    private int boxes;

    Lanes(XYChart chart) { this.chart = chart; }

    /** A box from (x0, bottom) to (x1, top) in the colour of {@code legend}; the first of its class is in the legend. */
    XYSeries box(String legend, Color colour, double x0, double x1, double bottom, double top) {
        return polygon(legend, colour, new double[] {x0, x1, x1, x0}, new double[] {bottom, bottom, top, top});
    }

    /**
     * Bars standing on {@code bottom}, one per {@code [x[i], x[i+1])} with height {@code heights[i]} above it, as one
     * stepped polygon (a second channel of data under a lane of boxes).
     */
    XYSeries bars(String legend, Color colour, double[] x, double[] heights, double bottom) {
        int n = heights.length;
        double[] px = new double[2 * n + 2], py = new double[2 * n + 2];
        px[0] = x[0];
        py[0] = bottom;
        for (int i = 0; i < n; i++) {
            px[1 + 2 * i] = x[i];
            py[1 + 2 * i] = bottom + heights[i];
            px[2 + 2 * i] = x[i + 1];
            py[2 + 2 * i] = bottom + heights[i];
        }
        px[2 * n + 1] = x[n];
        py[2 * n + 1] = bottom;
        return polygon(legend, colour, px, py);
    }

    /** The colour of each legend entry, in the order they came. */
    Map<String, Color> colours() { return java.util.Collections.unmodifiableMap(colours); }

    private XYSeries polygon(String legend, Color colour, double[] x, double[] y) {
        colours.putIfAbsent(legend, colour);
        boolean first = !inLegend.contains(legend);
        if (first) inLegend.add(legend);
        XYSeries s = ChartStyle.polygon(chart, first ? legend : legend + " #" + boxes, x, y, colour, colour);
        boxes++;
        s.setShowInLegend(first);
        return s;
    }
}
