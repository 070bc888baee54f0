package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.BootloaderView;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bootloader's load loop drawn on the app partitions along the flash address axis: each partition is a box
 * labelled with its place in the try order, green for the one that boots, red for those tried before it (their images
 * failed to load), blue for those it would try next, grey for app partitions the loop never visits.
 */
final class TryOrderChart {
    static final int WIDTH = 1000, HEIGHT = 300;

    /** What happens to an app partition in one boot. */
    enum Status {
        BOOTED("boots", new Color(0x2C, 0xA0, 0x2C)),
        FAILED("fails to load", new Color(0xD6, 0x27, 0x28)),
        NEXT("tried next if it fails", new Color(0x9E, 0xC5, 0xE8)),
        NEVER("never tried", new Color(0xD8, 0xD8, 0xD8));

        final String words;
        final Color colour;

        Status(String words, Color colour) { this.words = words; this.colour = colour; }
    }

    /**
     * One app partition of the table.
     *
     * @param position 1 for the first partition tried, 2 for the next, …; 0 when never tried
     */
    record Box(String label, long start, long end, int position, Status status) {
        String legend() {
            return position == 0 ? "%s 0x%X: %s".formatted(label, start, status.words)
                    : "%s 0x%X: #%d, %s".formatted(label, start, position, status.words);
        }
    }

    private TryOrderChart() {}

    static List<Box> boxes(PartitionTable table, BootDecision d) {
        BootloaderView v = BootloaderView.of(table);
        List<PartitionEntry> order = d.tryOrder().stream().map(s -> v.partition(s.index()).orElseThrow()).toList();
        Optional<PartitionEntry> booted = d.booted().flatMap(s -> v.partition(s.index()));
        int bootedAt = booted.map(order::indexOf).orElse(order.size());
        List<Box> boxes = new ArrayList<>();
        for (PartitionEntry e : table.entries()) {
            if (AppSlot.of(e).isEmpty()) continue;
            int i = order.indexOf(e);
            Status s = i < 0 ? Status.NEVER
                    : i < bootedAt ? Status.FAILED : i == bootedAt ? Status.BOOTED : Status.NEXT;
            boxes.add(new Box(e.name(), e.offset(), e.end(), i + 1, s));
        }
        boxes.sort(Comparator.comparingLong(Box::start));
        return List.copyOf(boxes);
    }

    static String title(BootDecision d) {
        String tries = d.tryOrder().stream().map(AppSlot::name).collect(Collectors.joining(" → "));
        return "Load loop from index %d: tries %s; %s".formatted(d.startIndex().orElse(Bootloader.INVALID_INDEX), tries.isEmpty() ? "nothing" : tries,
                BootTrailView.verdict(d));
    }

    static XYChart chart(PartitionTable table, BootDecision d) {
        List<Box> boxes = boxes(table, d);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title(d))
                .xAxisTitle("flash address").yAxisTitle("").build();
        var style = chart.getStyler();
        style.setYAxisTicksVisible(false);
        style.setYAxisMin(0.0).setYAxisMax(1.0);
        style.setPlotGridHorizontalLinesVisible(false);
        style.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setChartBackgroundColor(Color.WHITE);
        if (!boxes.isEmpty()) {
            style.setXAxisMin(boxes.get(0).start() / FlashMap.MIB);
            style.setXAxisMax(boxes.stream().mapToLong(Box::end).max().orElseThrow() / FlashMap.MIB);
        }
        chart.setCustomXAxisTickLabelsFormatter(mib -> "0x%X".formatted(Math.round(mib * FlashMap.MIB)));
        for (Box b : boxes) {
            XYSeries s = chart.addSeries(b.legend(), new double[] {b.start() / FlashMap.MIB, b.end() / FlashMap.MIB},
                    new double[] {1, 1});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(b.status().colour);
            s.setLineColor(Color.WHITE);
            String text = b.position() == 0 ? b.label() : "#%d %s".formatted(b.position(), b.label());
            chart.addAnnotation(new AnnotationText(text, (b.start() + b.end()) / 2.0 / FlashMap.MIB, 0.5, false));
        }
        return chart;
    }
}
