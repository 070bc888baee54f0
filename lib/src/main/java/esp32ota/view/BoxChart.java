package esp32ota.view;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;

/**
 * An XYChart of filled rectangles along an x axis of offsets or addresses labelled in hex ({@link HexAxis}), with
 * no y axis and the legend on the right: what both segment maps are drawn on.
 */
final class BoxChart {
    static final int WIDTH = 1000, TICK_SPACING = 110;

    private BoxChart() {}

    /** An empty chart whose x axis shows {@code [xMin, xMax]} units of {@code unit} bytes. */
    static XYChart create(String title, String xTitle, int height, double xMin, double xMax, double unit) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle("")
                .build();
        var style = chart.getStyler();
        style.setXAxisMin(xMin).setXAxisMax(xMax);
        style.setXAxisTickMarkSpacingHint(TICK_SPACING);
        style.setYAxisTicksVisible(false);
        style.setPlotGridHorizontalLinesVisible(false);
        style.setLegendPosition(Styler.LegendPosition.OutsideE);
        style.setChartBackgroundColor(Color.WHITE);
        chart.setCustomXAxisTickLabelsFormatter(x -> HexAxis.label(x, unit));
        return chart;
    }

    /** A filled rectangle {@code [x0, x1] × [y0, y1]} as a series named {@code name}. */
    static XYSeries box(XYChart chart, String name, double x0, double x1, double y0, double y1, Color colour) {
        XYSeries s = chart.addSeries(name, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(colour);
        s.setLineColor(colour);
        return s;
    }
}
