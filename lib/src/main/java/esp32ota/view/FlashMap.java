package esp32ota.view;

import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionType;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The flash address axis from 0 to the flash size, cut into the stretches a partition table defines: the reserved
 * start (second-stage bootloader, below the table), the table's own 4 KiB sector, each partition in address order,
 * and free space wherever nothing is placed. Each stretch is one filled area series of height 1. A map may show a
 * window of the flash only: stretches are cut at its edges, and stretches outside it are left out. The x axis counts
 * a power-of-two unit (1 MiB on a 4 MiB map, 64 KiB on a 0x30000-byte window), so the automatic ticks fall on round
 * addresses (half a unit or more: 0x80000, 0x8000), and is labelled in hex.
 */
final class FlashMap {
    static final int WIDTH = 1000, HEIGHT = 380;
    static final double MIB = 1 << 20;
    /** XChart puts about ten ticks on the axis; at least 3 units keep its steps at half a unit or more. */
    private static final int MIN_UNITS = 3;
    /** Stretches narrower than this share of the axis are too thin for a label inside; the legend still names them. */
    private static final double LABEL_MIN_SHARE = 0.07;

    private FlashMap() {}

    static List<FlashRegion> regions(PartitionTable table, long flashSize) {
        List<FlashRegion> regions = new ArrayList<>();
        long tableEnd = table.address() + PartitionTable.SECTOR_SIZE;
        if (table.address() > 0) regions.add(new FlashRegion("bootloader (reserved)", FlashRegion.Kind.RESERVED, 0, table.address()));
        regions.add(new FlashRegion("partition table", FlashRegion.Kind.PARTITION_TABLE, table.address(), tableEnd));
        long cursor = tableEnd;
        List<PartitionEntry> byOffset = table.entries().stream().sorted(Comparator.comparingLong(PartitionEntry::offset)).toList();
        for (PartitionEntry e : byOffset) {
            if (e.offset() > cursor) regions.add(new FlashRegion("free", FlashRegion.Kind.FREE, cursor, e.offset()));
            regions.add(new FlashRegion(e.name(), kindOf(e), e.offset(), e.end()));
            cursor = Math.max(cursor, e.end());
        }
        if (flashSize > cursor) regions.add(new FlashRegion("free", FlashRegion.Kind.FREE, cursor, flashSize));
        return List.copyOf(regions);
    }

    /** The smallest usual flash chip size (1, 2, 4, … 128 MiB) that holds every partition. */
    static long chipSizeFor(PartitionTable table) {
        long end = Math.max(table.flashEnd(), table.address() + PartitionTable.SECTOR_SIZE);
        long size = 1L << 20;
        while (size < end && size < 128L << 20) size <<= 1;
        return Math.max(size, end);
    }

    static XYChart chart(PartitionTable table, long flashSize) {
        return chart(table, flashSize, 0, flashSize,
                "Flash map: %s flash, partition table at 0x%X".formatted(ByteSize.format(flashSize), table.address()));
    }

    /** The stretches between {@code from} and {@code to} only; the legend still gives each stretch's whole extent. */
    static XYChart window(PartitionTable table, long from, long to) {
        if (from < 0 || to <= from) throw new IllegalArgumentException("not a window: 0x%X-0x%X".formatted(from, to));
        return chart(table, Math.max(chipSizeFor(table), to), from, to,
                "Flash map 0x%X-0x%X, partition table at 0x%X".formatted(from, to, table.address()));
    }

    private static XYChart chart(PartitionTable table, long flashSize, long from, long to, String title) {
        double unit = unitFor(to - from);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("flash address").yAxisTitle("").build();
        var style = chart.getStyler();
        style.setYAxisTicksVisible(false);
        style.setYAxisMin(0.0).setYAxisMax(1.0);
        style.setXAxisMin(from / unit).setXAxisMax(to / unit);
        style.setPlotGridHorizontalLinesVisible(false);
        style.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        style.setChartBackgroundColor(Color.WHITE);
        chart.setCustomXAxisTickLabelsFormatter(x -> "0x%X".formatted(Math.round(x * unit)));
        int[] counters = new int[FlashRegion.Kind.values().length];
        for (FlashRegion r : regions(table, flashSize)) {
            Color c = colour(r.kind(), counters[r.kind().ordinal()]++);
            long start = Math.max(r.start(), from), end = Math.min(r.end(), to);
            if (start >= end) continue;
            XYSeries s = chart.addSeries(r.legend(), new double[] {start / unit, end / unit}, new double[] {1, 1});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(c);
            s.setLineColor(c.darker());
            if (end - start >= LABEL_MIN_SHARE * (to - from)) {
                chart.addAnnotation(new AnnotationText(r.label(), (start + end) / 2.0 / unit, 0.5, false));
            }
        }
        return chart;
    }

    /** The largest power of two that the span holds at least {@link #MIN_UNITS} times: 1 MiB for 4 MiB. */
    static double unitFor(long span) { return Long.highestOneBit(Math.max(1, span / MIN_UNITS)); }

    private static FlashRegion.Kind kindOf(PartitionEntry e) {
        if (e.type() == PartitionType.APP.code()) return FlashRegion.Kind.APP;
        if (e.type() == PartitionType.DATA.code()) return FlashRegion.Kind.DATA;
        return FlashRegion.Kind.OTHER;
    }

    /** App partitions in blues, data in greens and ambers, free space light grey, reserved areas dark grey. */
    static Color colour(FlashRegion.Kind kind, int index) {
        Color[] family = switch (kind) {
            case RESERVED -> new Color[] {new Color(0x55, 0x55, 0x55)};
            case PARTITION_TABLE -> new Color[] {new Color(0x88, 0x33, 0x99)};
            case APP -> new Color[] {new Color(0x1F, 0x77, 0xB4), new Color(0x4A, 0x9B, 0xD9), new Color(0x0B, 0x4F, 0x82)};
            case DATA -> new Color[] {new Color(0x2C, 0xA0, 0x2C), new Color(0xFF, 0x9F, 0x1C), new Color(0x8C, 0xC8, 0x4B)};
            case OTHER -> new Color[] {new Color(0xD6, 0x27, 0x28)};
            case FREE -> new Color[] {new Color(0xE4, 0xE4, 0xE4)};
        };
        return family[index % family.length];
    }
}
