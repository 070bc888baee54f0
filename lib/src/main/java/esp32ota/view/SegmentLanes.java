package esp32ota.view;

import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.MemoryMap;
import esp32ota.image.SegmentHeader;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An app image's segments in the chip's address space, one lane per segment from the top: the memory region that
 * holds its load address as a light band, the segment itself in its memory type's colour ({@link MemoryColours}),
 * and its label right beside it (after the bar, or before it when the axis ends first). The x axis spans the bands. A segment a few bytes long in an
 * address space of many MiB is drawn {@link #MIN_SHARE} of the axis wide, so that it stays visible.
 */
final class SegmentLanes {
    static final int WIDTH = 1000, LANE_HEIGHT = 60, EXTRA_HEIGHT = 110;
    static final double MIN_SHARE = 0.006;

    private SegmentLanes() {}

    /**
     * The memory drawn behind a segment: the narrowest range of the chip's map that holds its load address (DRAM
     * rather than the wider BYTE_ACCESSIBLE), named by every type the map gives exactly that range (on the RISC-V
     * chips one SRAM is DRAM and IRAM at once).
     */
    record Band(List<String> types, long start, long end) {
        String label() { return "%s 0x%X-0x%X".formatted(String.join(", ", types), start, end); }
    }

    /** The band behind {@code loadAddr}, or null for an address no region holds. */
    static Band bandOf(Chip chip, long loadAddr) {
        List<MemoryMap.Region> regions = chip.memoryMap().regions();
        return regions.stream().filter(r -> r.contains(loadAddr))
                .min(Comparator.comparingLong(r -> r.end() - r.start()))
                .map(n -> new Band(regions.stream().filter(r -> r.start() == n.start() && r.end() == n.end())
                        .map(MemoryMap.Region::type).toList(), n.start(), n.end()))
                .orElse(null);
    }

    static XYChart chart(AppImage image, Chip chip) {
        List<SegmentHeader> segs = image.segmentHeaders();
        long lo = segs.isEmpty() ? 0 : Long.MAX_VALUE, hi = 0;
        for (SegmentHeader h : segs) {
            Band b = bandOf(chip, h.loadAddr());
            lo = Math.min(lo, b == null ? h.loadAddr() : b.start());
            hi = Math.max(hi, b == null ? h.loadAddr() + h.dataLength() : b.end());
        }
        long extent = Math.max(hi - lo, 1);
        double unit = HexAxis.unitFor(extent), margin = 0.02 * extent / unit;
        XYChart chart = ChartStyle.xy(WIDTH, EXTRA_HEIGHT + LANE_HEIGHT * Math.max(segs.size(), 1),
                "Segments by load address: %s on %s".formatted(ImageFileMap.name(image), chip.esptoolName()),
                "load address", "", ChartStyle.Legend.RIGHT);
        ChartStyle.noYAxis(chart);
        HexAxis.apply(chart, lo / unit - margin, hi / unit + margin, unit);
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(segs.size() - 0.5);
        Set<Band> shown = new HashSet<>();
        for (SegmentHeader h : segs) {
            double lane = segs.size() - 1 - h.index(), x = h.loadAddr() / unit;
            Band b = bandOf(chip, h.loadAddr());
            if (b != null) {
                var light = MemoryColours.light(MemoryColours.of(MemoryColours.mainType(b.types())));
                ChartStyle.box(chart, "segment %d in %s".formatted(h.index(), b.label()), b.start() / unit,
                        b.end() / unit, lane - 0.45, lane + 0.45, light, light)
                        .setShowInLegend(shown.add(b)).setLabel(b.label());
            }
            double width = Math.max(h.dataLength(), MIN_SHARE * extent) / unit;
            Color colour = MemoryColours.at(chip, h.loadAddr());
            ChartStyle.box(chart, "segment %d at 0x%X".formatted(h.index(), h.loadAddr()), x, x + width, lane - 0.3,
                    lane + 0.3, colour, colour).setShowInLegend(false);
            String text = label(chip, h);
            double axis = (hi - lo) / unit + 2 * margin, halfWidth = text.length() * CHAR_PX / 2 / PLOT_PX * axis;
            ChartStyle.text(chart, text, labelCentre(x, x + width, halfWidth, 0.01 * axis, hi / unit + margin), lane);
        }
        return chart;
    }

    /** The width of one label character and of the plot area, in pixels: enough to place a label beside its bar. */
    static final double CHAR_PX = 7.2, PLOT_PX = 0.8 * WIDTH;

    /**
     * Where a label {@code 2 × halfWidth} wide is centred so that it sits {@code gap} after the bar
     * {@code [barStart, barEnd]}, or {@code gap} before it when it would run past {@code xMax}.
     */
    static double labelCentre(double barStart, double barEnd, double halfWidth, double gap, double xMax) {
        double after = barEnd + gap + halfWidth;
        return after + halfWidth <= xMax ? after : barStart - gap - halfWidth;
    }

    /** {@code "segment 2: IRAM 0x40080000, 512 B"}, with the memory type the segment is coloured by. */
    static String label(Chip chip, SegmentHeader h) {
        String type = MemoryColours.mainType(chip.memoryMap().typesAt(h.loadAddr()));
        return "segment %d: %s 0x%X, %s".formatted(h.index(), type, h.loadAddr(), ByteSize.format(h.dataLength()));
    }
}
