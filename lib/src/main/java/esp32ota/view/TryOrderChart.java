package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.BootloaderView;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bootloader's load loop as a row of numbered boxes read left to right, one per app partition in the order the
 * loop tries them (#1 first); app partitions the loop never visits come last, unnumbered. Each box names the
 * partition, its address and what happens to it, so the picture reads without colour too; the colours are
 * colour-blind safe ({@link Palette}): sky blue for the one that boots, vermillion for those tried before it (their
 * images failed to load), light blue for those it would try next, grey for never.
 */
final class TryOrderChart {
    static final int WIDTH = 1000, HEIGHT = 300;

    /** What happens to an app partition in one boot. */
    enum Status {
        BOOTED("boots", Palette.SKY_BLUE),
        FAILED("fails to load", Palette.BAD),
        NEXT("tried next if it fails", Palette.tint(Palette.SKY_BLUE)),
        NEVER("never tried", Palette.LIGHT_GREY);

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
        boxes.sort(Comparator.comparingInt((Box b) -> b.position() == 0 ? Integer.MAX_VALUE : b.position())
                .thenComparingLong(Box::start));
        return List.copyOf(boxes);
    }

    static String title(BootDecision d) {
        String tries = d.tryOrder().stream().map(AppSlot::name).collect(Collectors.joining(" → "));
        return "Load loop from index %d: tries %s; %s".formatted(d.startIndex().orElse(Bootloader.INVALID_INDEX), tries.isEmpty() ? "nothing" : tries,
                BootTrailView.verdict(d));
    }

    static XYChart chart(PartitionTable table, BootDecision d) {
        List<Box> boxes = boxes(table, d);
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title(d),
                "the order the load loop tries the app partitions, left to right", "", ChartStyle.Legend.BELOW);
        ChartStyle.noAxes(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisMin(0.0).setXAxisMax((double) Math.max(1, boxes.size()));
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            ChartStyle.box(chart, b.legend(), i + GAP, i + 1 - GAP, 0.15, 0.85, b.status().colour, Palette.WHITE);
            String name = b.position() == 0 ? b.label() : "#%d %s".formatted(b.position(), b.label());
            ChartStyle.text(chart, name, i + 0.5, 0.66);
            ChartStyle.text(chart, "0x%X".formatted(b.start()), i + 0.5, 0.5);
            ChartStyle.text(chart, b.status().words, i + 0.5, 0.34);
            if (i + 1 < boxes.size() && boxes.get(i + 1).position() != 0) ChartStyle.text(chart, "→", i + 1.0, 0.5);
        }
        return chart;
    }

    /** The space between two boxes, as a share of a box's slot: room for the arrow. */
    static final double GAP = 0.08;
}
