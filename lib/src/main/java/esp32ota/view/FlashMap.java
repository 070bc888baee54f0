package esp32ota.view;

import esp32ota.image.Chip;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionType;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The flash address axis from 0 to the flash size, cut into the stretches a partition table defines: the start of
 * flash with the second-stage bootloader at the chip's own offset (0x1000 on the ESP32 and ESP32-S2, 0x2000 on the
 * ESP32-C5 and ESP32-P4, 0x0 on the others), the table's own 4 KiB sector, each partition in address order, and free
 * space wherever nothing is placed. Each stretch is a filled rectangle (so the legend shows a filled patch of its
 * colour). The x axis is a {@link HexAxis} (1 MiB units on a 4 MiB map, 64 KiB on a 0x30000-byte window).
 *
 * <p>A whole-flash map has a second band under the first: the first 64 KiB stretched over the whole width, where the
 * bootloader, the table, nvs, otadata and phy_init are wide enough to see and to label. A window of the flash shows
 * only the stretches in it, cut at its edges, and needs no inset.
 */
final class FlashMap {
    static final int WIDTH = 1000, HEIGHT = 380;
    static final double MIB = 1 << 20;
    /** Stretches narrower than this share of the axis are too thin for a label inside; the legend still names them. */
    private static final double LABEL_MIN_SHARE = 0.07;
    /** The inset band under a whole-flash map shows this much of the start of flash, over the whole width. */
    static final long INSET_SIZE = 0x10000;
    /** In the inset, stretches from this size on get a label (every partition, the table and the bootloader do). */
    private static final long INSET_LABEL_MIN = 0x1000;
    /** The main band runs from this height to 1, the inset from 0 to {@link #INSET_TOP}. */
    static final double MAIN_BOTTOM = 0.5, INSET_TOP = 0.42;

    private FlashMap() {}

    static List<FlashRegion> regions(PartitionTable table, long flashSize) { return regions(table, flashSize, Chip.ESP32); }

    static List<FlashRegion> regions(PartitionTable table, long flashSize, Chip chip) {
        List<FlashRegion> regions = new ArrayList<>();
        long tableEnd = table.address() + PartitionTable.SECTOR_SIZE;
        long boot = Math.min(bootloaderOffset(chip), table.address());
        if (boot > 0) regions.add(new FlashRegion("unused", FlashRegion.Kind.FREE, 0, boot));
        if (table.address() > boot) regions.add(new FlashRegion("bootloader", FlashRegion.Kind.RESERVED, boot, table.address()));
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

    /** Where the ROM loads the second-stage bootloader from (ESP-IDF's {@code CONFIG_BOOTLOADER_OFFSET_IN_FLASH}). */
    static long bootloaderOffset(Chip chip) {
        return switch (chip) {
            case ESP32, ESP32_S2 -> 0x1000;
            case ESP32_C5, ESP32_C5_BETA3, ESP32_P4 -> 0x2000;
            default -> 0x0;
        };
    }

    /** The smallest usual flash chip size (1, 2, 4, … 128 MiB) that holds every partition. */
    static long chipSizeFor(PartitionTable table) {
        long end = Math.max(table.flashEnd(), table.address() + PartitionTable.SECTOR_SIZE);
        long size = 1L << 20;
        while (size < end && size < 128L << 20) size <<= 1;
        return Math.max(size, end);
    }

    static XYChart chart(PartitionTable table, long flashSize) { return chart(table, flashSize, Chip.ESP32); }

    static XYChart chart(PartitionTable table, long flashSize, Chip chip) {
        boolean inset = flashSize >= 4 * INSET_SIZE;
        return chart(regions(table, flashSize, chip), 0, flashSize, inset,
                "Flash map: %s flash (%s), partition table at 0x%X%s".formatted(ByteSize.format(flashSize), chip.esptoolName(),
                        table.address(), inset ? "; below, the first 64 KiB enlarged" : ""));
    }

    /** The stretches between {@code from} and {@code to} only; the legend still gives each stretch's whole extent. */
    static XYChart window(PartitionTable table, long from, long to) {
        if (from < 0 || to <= from) throw new IllegalArgumentException("not a window: 0x%X-0x%X".formatted(from, to));
        return chart(regions(table, Math.max(chipSizeFor(table), to)), from, to, false,
                "Flash map 0x%X-0x%X, partition table at 0x%X".formatted(from, to, table.address()));
    }

    private static XYChart chart(List<FlashRegion> regions, long from, long to, boolean inset, String title) {
        double unit = HexAxis.unitFor(to - from);
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title, "flash address", "", ChartStyle.Legend.RIGHT);
        ChartStyle.noYAxis(chart);
        HexAxis.apply(chart, from / unit, to / unit, unit);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        double mainBottom = inset ? MAIN_BOTTOM : 0;
        int[] counters = new int[FlashRegion.Kind.values().length];
        int small = 0;
        for (FlashRegion r : regions) {
            Color c = colour(r.kind(), counters[r.kind().ordinal()]++);
            long start = Math.max(r.start(), from), end = Math.min(r.end(), to);
            if (start >= end) continue;
            ChartStyle.box(chart, r.legend(), start / unit, end / unit, mainBottom, 1, c, Palette.WHITE);
            if (end - start >= LABEL_MIN_SHARE * (to - from)) {
                ChartStyle.text(chart, r.label(), (start + end) / 2.0 / unit, (mainBottom + 1) / 2);
            }
            if (inset && r.start() < INSET_SIZE) {
                double scale = (to - from) / (double) INSET_SIZE / unit;
                long iEnd = Math.min(r.end(), INSET_SIZE);
                ChartStyle.box(chart, r.legend() + " ", r.start() * scale, iEnd * scale, 0, INSET_TOP, c, Palette.WHITE)
                        .setShowInLegend(false);
                if (iEnd - r.start() >= INSET_LABEL_MIN) {
                    boolean narrow = iEnd - r.start() < 2 * INSET_LABEL_MIN;     // stagger neighbours' labels
                    double y = narrow ? (small++ % 2 == 0 ? INSET_TOP * 0.7 : INSET_TOP * 0.3) : INSET_TOP / 2;
                    String text = narrow ? insetLabel(r) : "%s 0x%X".formatted(insetLabel(r), r.start());
                    ChartStyle.text(chart, text, (r.start() + iEnd) / 2.0 * scale, y);
                }
            }
        }
        return chart;
    }

    private static String insetLabel(FlashRegion r) { return r.kind() == FlashRegion.Kind.PARTITION_TABLE ? "table" : r.label(); }

    private static FlashRegion.Kind kindOf(PartitionEntry e) {
        if (e.type() == PartitionType.APP.code()) return FlashRegion.Kind.APP;
        if (e.type() == PartitionType.DATA.code()) return FlashRegion.Kind.DATA;
        return FlashRegion.Kind.OTHER;
    }

    /**
     * Colours from {@link Palette}: app partitions in blues and green (each slot its own), data partitions in orange,
     * yellow and vermillion (each its own), the table purple, the bootloader grey, free space light grey.
     */
    static Color colour(FlashRegion.Kind kind, int index) {
        List<Color> family = switch (kind) {
            case RESERVED -> List.of(Palette.GREY);
            case PARTITION_TABLE -> List.of(Palette.REDDISH_PURPLE);
            case APP -> List.of(Palette.SKY_BLUE, Palette.BLUISH_GREEN, Palette.BLUE, Palette.tint(Palette.SKY_BLUE),
                    Palette.tint(Palette.BLUISH_GREEN), Palette.tint(Palette.BLUE));
            case DATA -> List.of(Palette.ORANGE, Palette.YELLOW, Palette.VERMILLION, Palette.tint(Palette.ORANGE),
                    Palette.tint(Palette.VERMILLION));
            case OTHER -> List.of(Palette.tint(Palette.REDDISH_PURPLE));
            case FREE -> List.of(Palette.LIGHT_GREY);
        };
        return family.get(index % family.size());
    }
}
