package esp32ota.view;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

import java.util.LinkedHashMap;
import java.util.Map;

/** A chart's series by name, in the order they were added (XChart 4 keeps its own map package-private). */
final class SeriesByName {
    private SeriesByName() {}

    static <S extends Series> Map<String, S> of(Chart<?, S> chart) {
        Map<String, S> byName = new LinkedHashMap<>();
        for (S s : chart.getSeriesCollection()) byName.put(s.getName(), s);
        return byName;
    }
}
