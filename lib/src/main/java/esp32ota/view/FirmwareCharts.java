package esp32ota.view;

import esp32ota.analysis.CorpusRow;
import esp32ota.analysis.DumpReport;
import esp32ota.analysis.FileKind;
import esp32ota.analysis.ImageDiff;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.SegmentHeader;
import org.knowm.xchart.CategoryChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Charts of scanned firmware ({@code esp32ota.analysis}): image sizes by chip, IDF versions, memory types per
 * segment, flash usage per partition across dumps, and the diff of two images. Every chart is a bar chart whose
 * series and categories are the data, so tests read them back.
 */
public final class FirmwareCharts {
    static final int WIDTH = 1000, HEIGHT = 420;

    private FirmwareCharts() {}

    /** Median and largest app image per chip, in KiB: one category per chip, two series. */
    public static CategoryChart sizesByChip(List<CorpusRow> rows) {
        Map<String, List<Long>> byChip = new TreeMap<>();
        for (CorpusRow r : rows) {
            if (r.kind() == FileKind.APP_IMAGE && r.chip() != null) byChip.computeIfAbsent(r.chip(), k -> new ArrayList<>()).add(r.size());
        }
        List<String> chips = new ArrayList<>(byChip.keySet());
        List<Double> median = new ArrayList<>(), max = new ArrayList<>();
        for (String c : chips) {
            List<Long> s = byChip.get(c).stream().sorted().toList();
            median.add(s.get((s.size() - 1) / 2) / 1024.0);
            max.add(s.get(s.size() - 1) / 1024.0);
        }
        CategoryChart chart = bars("App image sizes by chip (%d images)".formatted(
                byChip.values().stream().mapToInt(List::size).sum()), "chip", "KiB");
        if (chips.isEmpty()) return chart;
        chart.addSeries("median", chips, median);
        chart.addSeries("largest", chips, max);
        return chart;
    }

    /** How many app images (and bootloaders) name each ESP-IDF version, versions sorted. */
    public static CategoryChart idfVersions(List<CorpusRow> rows) {
        Map<String, Integer> apps = new TreeMap<>(), boots = new TreeMap<>();
        for (CorpusRow r : rows) {
            if (r.idfVer() == null) continue;
            if (r.kind() == FileKind.APP_IMAGE) apps.merge(r.idfVer(), 1, Integer::sum);
            else if (r.kind() == FileKind.BOOTLOADER) boots.merge(r.idfVer(), 1, Integer::sum);
        }
        TreeMap<String, Integer> all = new TreeMap<>(apps);
        boots.keySet().forEach(k -> all.putIfAbsent(k, 0));
        List<String> versions = new ArrayList<>(all.keySet());
        CategoryChart chart = bars("ESP-IDF versions (%d files name one)".formatted(
                apps.values().stream().mapToInt(i -> i).sum() + boots.values().stream().mapToInt(i -> i).sum()),
                "idf_ver", "files");
        if (versions.isEmpty()) return chart;
        chart.addSeries("app images", versions, versions.stream().map(v -> apps.getOrDefault(v, 0)).toList());
        chart.addSeries("bootloaders", versions, versions.stream().map(v -> boots.getOrDefault(v, 0)).toList());
        return chart;
    }

    /** Bytes per memory type of one image's segments (a segment in two types counts in both), in KiB. */
    public static CategoryChart memoryTypes(AppImage image) {
        Chip chip = image.chip().orElseThrow(() -> new IllegalArgumentException("the image names no known chip"));
        Map<String, Double> kib = new LinkedHashMap<>();
        for (SegmentHeader s : image.segmentHeaders()) {
            List<String> types = chip.memoryMap().typesAt(s.loadAddr());
            for (String t : types.isEmpty() ? List.of("unmapped") : types) kib.merge(t, s.dataLength() / 1024.0, Double::sum);
        }
        CategoryChart chart = bars("Segments of a %s image by memory type (%d segments)".formatted(chip.esptoolName(),
                image.segmentHeaders().size()), "memory type", "KiB");
        chart.addSeries("bytes loaded", new ArrayList<>(kib.keySet()), new ArrayList<>(kib.values()));
        return chart;
    }

    /** Used share (%) of each partition, one series per dump, partitions by name in the first dump's order. */
    public static CategoryChart flashUsage(Map<String, DumpReport> dumps) {
        List<String> names = new ArrayList<>();
        for (DumpReport d : dumps.values()) {
            for (DumpReport.PartitionPart p : d.partitions()) if (!names.contains(p.entry().name())) names.add(p.entry().name());
        }
        CategoryChart chart = bars("Flash used per partition (%d dumps)".formatted(dumps.size()), "partition", "% used");
        for (var e : dumps.entrySet()) {
            List<Double> used = new ArrayList<>();
            for (String n : names) {
                used.add(e.getValue().partitions().stream().filter(p -> p.entry().name().equals(n)).findFirst()
                        .map(p -> Math.round(1000 * p.fill().usedShare()) / 10.0).orElse(0.0));
            }
            chart.addSeries(e.getKey(), names, used);
        }
        return chart;
    }

    /** The segments of two images by load address, sizes in KiB side by side; the title gives the blocks that differ. */
    public static CategoryChart diff(ImageDiff d) {
        CategoryChart chart = bars("%d of %d 4 KiB blocks differ (%.1f %%): %d of %d segments changed".formatted(
                d.changed(), d.blocks(), 100 * d.changedShare(),
                d.segments().stream().filter(s -> !s.change().equals("same")).count(), d.segments().size()),
                "segment load address", "KiB");
        List<String> addrs = d.segments().stream().map(s -> "0x%08X %s".formatted(s.loadAddr(), s.change())).toList();
        chart.addSeries("A", addrs, d.segments().stream().map(s -> Math.max(0, s.sizeA()) / 1024.0).toList());
        chart.addSeries("B", addrs, d.segments().stream().map(s -> Math.max(0, s.sizeB()) / 1024.0).toList());
        return chart;
    }

    private static CategoryChart bars(String title, String x, String y) {
        return ChartStyle.bars(WIDTH, HEIGHT, title, x, y, ChartStyle.Legend.INSIDE);
    }
}
