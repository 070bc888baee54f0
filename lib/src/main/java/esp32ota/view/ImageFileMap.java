package esp32ota.view;

import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.SegmentHeader;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An app image file as one strip from offset 0 to its end: the header, each segment's 8-byte header and its data in
 * its memory type's colour ({@link MemoryColours}), the zero padding, the checksum byte and the digest. The legend
 * names each memory type once; segments wide enough carry their number.
 */
final class ImageFileMap {
    /** The strip's height leaves room for its legend, one entry per kind of stretch. */
    static final int WIDTH = 1000, MIN_HEIGHT = 230, LEGEND_ENTRY_HEIGHT = 30, LEGEND_EXTRA_HEIGHT = 40;
    /** Narrowest segment, as a share of the file, with its number written inside. */
    static final double LABEL_MIN_SHARE = 0.08;
    static final Color HEADER = Palette.GREY, PADDING = Palette.LIGHT_GREY,
            CHECKSUM = Palette.BLACK, DIGEST = Palette.REDDISH_PURPLE,
            AFTER = Palette.FAINT_GREY;

    /** One stretch of the file: series name, legend entry (shown once per entry), colour, {@code [start, end)}. */
    record Stretch(String name, String legend, Color colour, long start, long end) {}

    private ImageFileMap() {}

    /** The file in order; segment data goes by the memory types of the image's own chip (grey for an unknown one). */
    static List<Stretch> stretches(AppImage image) {
        Optional<Chip> chip = image.chip();
        List<Stretch> s = new ArrayList<>();
        s.add(new Stretch("header", "headers", HEADER, 0, ImageHeader.SIZE));
        long end = ImageHeader.SIZE;
        for (SegmentHeader h : image.segmentHeaders()) {
            String types = chip.map(c -> MemoryColours.typesAt(c, h.loadAddr())).orElse("unknown chip");
            Color colour = chip.map(c -> MemoryColours.at(c, h.loadAddr())).orElse(MemoryColours.UNMAPPED);
            s.add(new Stretch("segment %d header".formatted(h.index()), "headers", HEADER, h.headerOffset(),
                    h.dataOffset()));
            s.add(new Stretch("segment %d: %s".formatted(h.index(), types), types, colour, h.dataOffset(),
                    h.dataEnd()));
            end = h.dataEnd();
        }
        long checksum = image.checksumOffset();
        if (checksum > end) s.add(new Stretch("padding", "padding", PADDING, end, checksum));
        s.add(new Stretch("checksum", "checksum", CHECKSUM, checksum, checksum + 1));
        if (image.header().hasHash()) {
            s.add(new Stretch("SHA-256", "SHA-256", DIGEST, checksum + 1, checksum + 1 + image.storedDigest().size()));
        }
        if (image.fileSize() > image.length()) {
            s.add(new Stretch("after the image", "after the image", AFTER, image.length(), image.fileSize()));
        }
        return List.copyOf(s);
    }

    static XYChart chart(AppImage image) {
        long size = image.fileSize();
        double unit = HexAxis.unitFor(size);
        List<Stretch> stretches = stretches(image);
        long entries = stretches.stream().map(Stretch::legend).distinct().count();
        int height = (int) Math.max(MIN_HEIGHT, LEGEND_EXTRA_HEIGHT + LEGEND_ENTRY_HEIGHT * entries);
        XYChart chart = ChartStyle.xy(WIDTH, height, "Segments by file offset: %s, %d bytes".formatted(name(image),
                size), "file offset", "", ChartStyle.Legend.RIGHT);
        ChartStyle.noYAxis(chart);
        HexAxis.apply(chart, 0, size / unit, unit);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        Set<String> shown = new HashSet<>();
        for (Stretch st : stretches) {
            ChartStyle.box(chart, st.name(), st.start() / unit, st.end() / unit, 0, 1, st.colour(), st.colour())
                    .setShowInLegend(shown.add(st.legend())).setLabel(st.legend());
        }
        for (SegmentHeader h : image.segmentHeaders()) {
            if (h.dataLength() >= LABEL_MIN_SHARE * size) {
                double middle = (h.dataOffset() + h.dataEnd()) / 2.0 / unit;
                ChartStyle.text(chart, "segment " + h.index(), middle, 0.5);
            }
        }
        return chart;
    }

    /** "blink 1.0.0" from the app descriptor, or "app image". */
    static String name(AppImage image) {
        return image.appDescriptor().map(d -> d.projectNameText() + " " + d.versionText()).orElse("app image");
    }
}
