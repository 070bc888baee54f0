package esp32ota.view;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;

/**
 * The one look of the kit's charts, so that a change of style is made here once: a white background, black texts,
 * {@link Palette}'s colours for series that bring none, the legend below, on the right, inside or not at all. Many
 * views are diagrams drawn on an XY chart (boxes placed by data coordinates, labels as annotations): for them
 * {@link #noYAxis} and {@link #noAxes} switch off ticks and grid lines, and {@link #box} draws a filled rectangle
 * whose legend entry is a filled patch. Addresses on an x axis are {@link HexAxis}'s job.
 */
final class ChartStyle {
    /** Where a chart's legend goes. */
    enum Legend {
        /** No legend: the boxes name themselves. */
        NONE,
        /** Below the plot, entries side by side. */
        BELOW,
        /** Right of the plot, one entry a line. */
        RIGHT,
        /** In the plot's top right corner (bar charts). */
        INSIDE
    }

    private ChartStyle() {}

    /** An XY chart in the kit's style; an empty axis title leaves the axis unnamed. */
    static XYChart xy(int width, int height, String title, String xTitle, String yTitle, Legend legend) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        apply(chart.getStyler(), legend);
        return chart;
    }

    /** A bar chart in the kit's style, its category labels slanted so that long ones fit. */
    static CategoryChart bars(int width, int height, String title, String xTitle, String yTitle, Legend legend) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        apply(chart.getStyler(), legend);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    private static void apply(AxesChartStyler style, Legend legend) {
        style.setChartBackgroundColor(Palette.WHITE);
        style.setAnnotationTextFontColor(Palette.BLACK);
        style.setSeriesColors(Palette.categories());
        style.setLegendVisible(legend != Legend.NONE);
        switch (legend) {
            case BELOW -> style.setLegendPosition(Styler.LegendPosition.OutsideS)
                    .setLegendLayout(Styler.LegendLayout.Horizontal);
            case RIGHT -> style.setLegendPosition(Styler.LegendPosition.OutsideE);
            case INSIDE -> style.setLegendPosition(Styler.LegendPosition.InsideNE);
            case NONE -> { }
        }
    }

    /** The y coordinate places lanes, it measures nothing: no y ticks, no horizontal grid lines. */
    static void noYAxis(XYChart chart) {
        chart.getStyler().setYAxisTicksVisible(false).setPlotGridHorizontalLinesVisible(false);
    }

    /** Both coordinates only place boxes and texts (a diagram): no ticks, no grid lines. */
    static void noAxes(XYChart chart) {
        chart.getStyler().setAxisTicksVisible(false).setPlotGridLinesVisible(false);
    }

    /**
     * A filled rectangle {@code [x0, x1] × [y0, y1]} as one series: XChart's {@code PolygonArea}, whose legend entry
     * is a filled patch (an {@code Area} series gets a thin line), drawn with {@code outline} around it
     * ({@link Palette#WHITE} keeps neighbours apart, {@code fill} makes one block of them).
     */
    static XYSeries box(XYChart chart, String name, double x0, double x1, double y0, double y1, Color fill,
                        Color outline) {
        return polygon(chart, name, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, fill, outline);
    }

    /** A filled polygon through the points {@code (x[i], y[i])}, as {@link #box}. */
    static XYSeries polygon(XYChart chart, String name, double[] x, double[] y, Color fill, Color outline) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(fill);
        s.setLineColor(outline);
        return s;
    }

    /** A text centred on {@code (x, y)} in data coordinates. */
    static void text(XYChart chart, String text, double x, double y) {
        chart.addAnnotation(new AnnotationText(text, x, y, false));
    }
}
