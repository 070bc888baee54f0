package esp32ota.view;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a chart holds, for assertions: XChart 4 keeps its series map and its annotations to itself. */
final class ChartContents {
    private ChartContents() {}

    /** The series by name, in the order they were added. */
    static <S extends Series> Map<String, S> series(Chart<?, S> chart) {
        Map<String, S> byName = new LinkedHashMap<>();
        for (S s : chart.getSeriesCollection()) byName.put(s.getName(), s);
        return byName;
    }

    /** The texts of the chart's text annotations, in the order they were added (read from XChart's private fields). */
    static List<String> texts(XYChart chart) {
        try {
            var list = org.knowm.xchart.internal.chartpart.AxesChart.class.getDeclaredField("annotations");
            list.setAccessible(true);
            var text = AnnotationText.class.getDeclaredField("text");
            text.setAccessible(true);
            List<String> out = new ArrayList<>();
            for (Object a : (List<?>) list.get(chart)) if (a instanceof AnnotationText t) out.add((String) text.get(t));
            return out;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
