package esp32ota.view;

import esp32ota.flash.FlashActivity;
import esp32ota.flash.NorFlash;
import esp32ota.partition.PartitionTable;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an update did to the flash, sector by sector, laid out over the partition table. Three lanes: the partitions
 * (named, with their address), the erases of each 4 KiB sector (colour = how many times), and the page programs (a
 * bar per sector, as high as the share of its sixteen 256-byte pages that were programmed). The x axis is not to
 * scale: every stretch gets at least {@link #MIN_SHARE} of the width, so that otadata, nvs and the partition table
 * stay visible next to 1 MiB app slots; inside a stretch, addresses are to scale. A run of erased sectors is at
 * least {@link #MIN_BOX_WIDTH} wide, and runs erased more often are drawn over the others, so that one sector erased
 * three times shows.
 */
final class FlashActivityMap {
    static final int WIDTH = 1100, HEIGHT = 420;
    /** The least share of the x axis a stretch of flash gets. */
    static final double MIN_SHARE = 0.06;
    static final double PROGRAM_BOTTOM = 0, PROGRAM_TOP = 0.9, ERASE_BOTTOM = 1.05, ERASE_TOP = 1.95,
            PART_BOTTOM = 2.1, PART_TOP = 3.0;
    static final int PAGES_PER_SECTOR = NorFlash.SECTOR_SIZE / NorFlash.PAGE_SIZE;
    static final String ONCE = "erased once", TWICE = "erased twice", MORE = "erased 3 or more times",
            PROGRAMMED = "pages programmed (bar height: share of the sector's 16 pages)";
    private static final double LANE_NAME_X = -4.5;
    /** The least width of a run of erased sectors on the 0-100 axis: one sector in a 1 MiB slot still shows. */
    static final double MIN_BOX_WIDTH = 0.5;

    /** A stretch of flash and where it sits on the x axis (0 to 100). */
    record Stretch(FlashRegion region, double x0, double x1) {
        /** Where {@code address} (inside or at the end of this stretch) falls on the x axis. */
        double x(long address) { return x0 + (x1 - x0) * (address - region.start()) / (double) region.size(); }
    }

    private FlashActivityMap() {}

    /** The stretches of {@link FlashMap#regions} on a 0-100 axis, each at least {@link #MIN_SHARE} wide. */
    static List<Stretch> layout(PartitionTable table, long flashSize) {
        List<FlashRegion> regions = FlashMap.regions(table, flashSize);
        double[] w = regions.stream().mapToDouble(r -> Math.max(MIN_SHARE, r.size() / (double) flashSize)).toArray();
        double sum = java.util.Arrays.stream(w).sum(), at = 0;
        List<Stretch> out = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            double width = 100 * w[i] / sum;
            out.add(new Stretch(regions.get(i), at, at + width));
            at += width;
        }
        return List.copyOf(out);
    }

    /** Where {@code address} falls on the axis of {@code layout}. */
    static double x(List<Stretch> layout, long address) {
        for (Stretch s : layout) if (address >= s.region().start() && address < s.region().end()) return s.x(address);
        Stretch last = layout.get(layout.size() - 1);
        return last.x(address);
    }

    /** The colour of a sector's erase count; empty (not drawn) for none. */
    static java.util.Optional<String> eraseClass(int erases) {
        return java.util.Optional.ofNullable(erases == 0 ? null : erases == 1 ? ONCE : erases == 2 ? TWICE : MORE);
    }

    static Color colour(String eraseClass) {
        return switch (eraseClass) {
            case ONCE -> Palette.SKY_BLUE;
            case TWICE -> Palette.BLUE;
            default -> Palette.REDDISH_PURPLE;
        };
    }

    /** {@code Flash activity: 257 sectors erased (max 1 time each), 1040 page programs (260 KiB) in ota_1, otadata}. */
    static String title(PartitionTable table, FlashActivity a) {
        List<FlashActivity.SectorActivity> touched = a.touched();
        long erased = touched.stream().filter(s -> s.erases() > 0).count();
        int pages = touched.stream().mapToInt(FlashActivity.SectorActivity::pagesProgrammed).sum();
        long bytes = touched.stream().mapToLong(FlashActivity.SectorActivity::bytesProgrammed).sum();
        String where = FlashMap.regions(table, a.flashSize()).stream()
                .filter(r -> touched.stream().anyMatch(s -> s.address() >= r.start() && s.address() < r.end()))
                .map(FlashRegion::label).collect(Collectors.joining(", "));
        return "Flash activity: %d sectors erased (at most %d× each), %d page programs (%s)%s".formatted(erased,
                a.maxErases(), pages, ByteSize.format(bytes), where.isEmpty() ? "" : " in " + where);
    }

    static XYChart chart(PartitionTable table, FlashActivity a) {
        List<Stretch> layout = layout(table, a.flashSize());
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title(table, a),
                "flash, partition by partition (small ones widened; to scale inside each)", "", ChartStyle.Legend.BELOW);
        ChartStyle.noAxes(chart);
        chart.getStyler().setXAxisMin(-9.0).setXAxisMax(100.0).setYAxisMin(-0.05).setYAxisMax(PART_TOP + 0.05);
        Lanes lanes = new Lanes(chart);
        List<FlashActivity.SectorActivity> sectors = a.sectors();
        // erases: one box per run of consecutive sectors with the same count class, rarer classes drawn on top
        record Run(String cls, double x0, double x1) {}
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < sectors.size()) {
            var cls = eraseClass(sectors.get(i).erases());
            int j = i;
            while (j + 1 < sectors.size() && eraseClass(sectors.get(j + 1).erases()).equals(cls)) j++;
            if (cls.isPresent()) {
                runs.add(new Run(cls.get(), x(layout, sectors.get(i).address()),
                        x(layout, sectors.get(j).address() + NorFlash.SECTOR_SIZE)));
            }
            i = j + 1;
        }
        for (String cls : List.of(ONCE, TWICE, MORE)) {
            for (Run r : runs) {
                if (!r.cls().equals(cls)) continue;
                double mid = (r.x0() + r.x1()) / 2, half = Math.max(MIN_BOX_WIDTH, r.x1() - r.x0()) / 2;
                lanes.box(cls, colour(cls), mid - half, mid + half, ERASE_BOTTOM, ERASE_TOP);
            }
        }
        // page programs: one stepped bar per sector
        double[] edges = new double[sectors.size() + 1], heights = new double[sectors.size()];
        for (int s = 0; s < sectors.size(); s++) {
            edges[s] = x(layout, sectors.get(s).address());
            heights[s] = (PROGRAM_TOP - PROGRAM_BOTTOM) * Math.min(1.0, sectors.get(s).pagesProgrammed() / (double) PAGES_PER_SECTOR);
        }
        edges[sectors.size()] = 100;
        lanes.bars(PROGRAMMED, Palette.ORANGE, edges, heights, PROGRAM_BOTTOM);
        // partitions: named boxes, alternately grey and light grey, free space all but white
        for (int k = 0; k < layout.size(); k++) {
            Stretch s = layout.get(k);
            Color c = s.region().kind() == FlashRegion.Kind.FREE ? Palette.FAINT_GREY
                    : k % 2 == 0 ? Palette.GREY : Palette.LIGHT_GREY;
            lanes.box("partition " + k, c, s.x0(), s.x1(), PART_BOTTOM, PART_TOP).setShowInLegend(false);
        }
        labels(layout).forEach(l -> ChartStyle.text(chart, l.text(), l.x(), l.y()));
        return chart;
    }

    /** A text on the chart, at data coordinates. */
    record Label(String text, double x, double y) {}

    /**
     * Each stretch's name (bootloader, table, the partition's name; alternately higher and lower) and start address
     * in the partitions lane, then the names of the three lanes at the left. */
    static List<Label> labels(List<Stretch> layout) {
        List<Label> labels = new ArrayList<>();
        for (int k = 0; k < layout.size(); k++) {
            Stretch s = layout.get(k);
            double mid = (s.x0() + s.x1()) / 2;
            String name = switch (s.region().kind()) {
                case RESERVED -> "bootloader";
                case PARTITION_TABLE -> "table";
                default -> s.region().label();
            };
            labels.add(new Label(name, mid, k % 2 == 0 ? 2.82 : 2.6));        // neighbours alternate: no overlap
            labels.add(new Label("0x%X".formatted(s.region().start()), mid, 2.27));
        }
        labels.add(new Label("partitions", LANE_NAME_X, (PART_BOTTOM + PART_TOP) / 2));
        labels.add(new Label("erases", LANE_NAME_X, (ERASE_BOTTOM + ERASE_TOP) / 2));
        labels.add(new Label("programs", LANE_NAME_X, (PROGRAM_BOTTOM + PROGRAM_TOP) / 2));
        return List.copyOf(labels);
    }

    /** One row per stretch of flash: name, start, size, sectors erased, erases, page programs, bytes programmed. */
    static Table table(PartitionTable table, FlashActivity a) {
        List<FlashRegion> regions = FlashMap.regions(table, a.flashSize());
        List<List<FlashActivity.SectorActivity>> in = regions.stream().map(r -> a.sectors().stream()
                .filter(s -> s.address() >= r.start() && s.address() < r.end()).toList()).toList();
        return Table.create("flash activity per partition",
                StringColumn.create("stretch", regions.stream().map(FlashRegion::label).toList()),
                StringColumn.create("start", regions.stream().map(r -> "0x%X".formatted(r.start())).toList()),
                StringColumn.create("size", regions.stream().map(r -> ByteSize.format(r.size())).toList()),
                IntColumn.create("sectors erased", in.stream().mapToInt(l -> (int) l.stream().filter(s -> s.erases() > 0).count()).toArray()),
                IntColumn.create("erases", in.stream().mapToInt(l -> l.stream().mapToInt(FlashActivity.SectorActivity::erases).sum()).toArray()),
                IntColumn.create("page programs", in.stream().mapToInt(l -> l.stream().mapToInt(FlashActivity.SectorActivity::pagesProgrammed).sum()).toArray()),
                LongColumn.create("bytes programmed", in.stream().mapToLong(l -> l.stream().mapToLong(FlashActivity.SectorActivity::bytesProgrammed).sum()).toArray()));
    }
}
