package esp32ota.view;

import esp32ota.boot.BootDecision;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.HexDump;
import esp32ota.describe.AppDescriptorDescriber;
import esp32ota.describe.ImageHeaderDescriber;
import esp32ota.flash.FlashActivity;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.Target;
import esp32ota.ota.UpdateSession;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.RowPlacement;
import esp32ota.sweep.SweepResult;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

/**
 * The pictures and tables the notebooks show, as plain objects: XChart charts and tablesaw tables. The Java kernel
 * renders them ({@code display(Views.flashMap(t))}); elsewhere {@code BitmapEncoder.saveBitmap(chart, …)} and
 * {@code table.print()} work as usual.
 */
public final class Views {
    private Views() {}

    /**
     * The whole OTA update on one page: download → write the other slot → otadata → reboot → the bootloader decides →
     * self-test → valid or rollback, numbered 1 to 7 and read left to right. With step numbers, only those steps are
     * in colour: {@code Views.otaStory(3, 4, 5, 6, 7)} says where a notebook sits.
     */
    public static XYChart otaStory(int... coveredSteps) { return OtaStory.chart(coveredSteps); }

    /** Partitions along the flash address axis, with free space, on the smallest usual chip that holds them. */
    public static XYChart flashMap(PartitionTable table) { return flashMap(table, FlashMap.chipSizeFor(table)); }

    /**
     * Partitions along the flash address axis from 0 to {@code flashSize}, with free space, on an ESP32 (bootloader at
     * 0x1000); from 256 KiB up, a second band enlarges the first 64 KiB so the small partitions show.
     */
    public static XYChart flashMap(PartitionTable table, long flashSize) { return FlashMap.chart(table, flashSize); }

    /** As {@link #flashMap(PartitionTable, long)}, with the bootloader where {@code chip}'s ROM loads it from. */
    public static XYChart flashMap(PartitionTable table, long flashSize, Chip chip) {
        return FlashMap.chart(table, flashSize, chip);
    }

    /**
     * A window of the flash map, from address {@code from} up to {@code to}: stretches are cut at the window's edges,
     * so small partitions and the gaps between them become visible.
     */
    public static XYChart flashMapWindow(PartitionTable table, long from, long to) { return FlashMap.window(table, from, to); }

    /** The stretches a flash map draws, in address order. */
    public static List<FlashRegion> flashRegions(PartitionTable table, long flashSize) {
        return FlashMap.regions(table, flashSize);
    }

    /** The stretches a flash map draws on {@code chip}, in address order. */
    public static List<FlashRegion> flashRegions(PartitionTable table, long flashSize, Chip chip) {
        return FlashMap.regions(table, flashSize, chip);
    }

    /** One row per partition: label, type, subtype, offset, size, end, bytes, flags. */
    public static Table partitionTable(PartitionTable table) { return PartitionTableView.table(table); }

    /**
     * One row per field of an annotated hex dump: address, field, length, stored bytes, and what they read as
     * (little-endian numbers for 1, 2 and 4 bytes, NUL-padded text as text).
     */
    public static Table fields(HexDump dump) { return FieldTable.of(dump); }

    /**
     * One row per CSV row ({@code PartitionCsv.placements}): line, name, type, previous end, offset and where it came
     * from, size and where it came from, end.
     */
    public static Table placements(List<RowPlacement> rows) { return PlacementTable.of(rows); }

    /** Both otadata copies side by side: fields, CRC, select_invalid/valid, the slot each selects, the active one. */
    public static Table otadataCopies(OtaData otadata, PartitionTable table) {
        return OtadataCopiesView.table(otadata, table);
    }

    /** The rules a boot followed, numbered, in the words of {@link BootDecision#trail()}. */
    public static Table bootTrail(BootDecision d) { return BootTrailView.trail(d); }

    /** The bootloader's log lines of a boot: phase (selection, load), level, tag, message. */
    public static Table bootLog(BootDecision d) { return BootTrailView.log(d); }

    /** The load loop's try order on the app partitions along flash, the booted one in green. */
    public static XYChart tryOrder(PartitionTable table, BootDecision d) { return TryOrderChart.chart(table, d); }

    /** Each step of an update session: both copies coloured by state and the app that runs (rollback made visible). */
    public static XYChart updateSession(UpdateSession s) { return SessionTimeline.chart(s); }

    /** Each step of an update session as a row: event, result, both copies, running app, copies written, eFuse. */
    public static Table updateSteps(UpdateSession s) { return SessionTimeline.table(s); }

    /** The image file from offset 0 to its end: header, segment headers and data (memory type colours), footer. */
    public static XYChart segmentsInFile(AppImage image) { return ImageFileMap.chart(image); }

    /** One lane per segment: where its load address lies in the image's chip's memory, inside its region. */
    public static XYChart segmentsInMemory(AppImage image) { return segmentsInMemory(image, chipOf(image)); }

    /** As {@link #segmentsInMemory(AppImage)}, on {@code chip}'s memory map whatever the image's chip id says. */
    public static XYChart segmentsInMemory(AppImage image, Chip chip) { return SegmentLanes.chart(image, chip); }

    /** One row per segment: header and data offsets, length, load address, memory types, placement. */
    public static Table segments(AppImage image) { return SegmentTable.table(image); }

    /** The chip's memory regions by start address: type, start, end, size. */
    public static Table memoryMap(Chip chip) { return MemoryMapTable.table(chip); }

    /** Header bytes 0x00-0x07 field by field ({@link ImageHeaderDescriber#fields}). */
    public static Table imageHeader(ImageHeader header) {
        return ExplainedFieldTable.table("esp_image_header_t, bytes 0x00-0x07", ImageHeaderDescriber.fields(header));
    }

    /** Header bytes 0x08-0x17, the extended header, field by field ({@link ImageHeaderDescriber#extendedFields}). */
    public static Table extendedHeader(ImageHeader header) {
        return ExplainedFieldTable.table("extended header, bytes 0x08-0x17", ImageHeaderDescriber.extendedFields(header));
    }

    /** The app descriptor field by field, at its file offsets ({@link AppDescriptorDescriber#fields}). */
    public static Table appDescriptor(AppDescriptor descriptor) {
        String name = "esp_app_desc_t at 0x%X, 256 bytes".formatted(descriptor.address());
        return ExplainedFieldTable.table(name, AppDescriptorDescriber.fields(descriptor));
    }

    /** The checksum worked out: the seed, then each segment's data XORed in. */
    public static Table checksumSteps(AppImage image) { return ChecksumTable.table(image); }

    /**
     * The bootloader's verdict on each image of {@code files} (file name → bytes, in the map's order) for
     * {@code target}; {@link esp32ota.samples.Samples#readBinFiles} reads a folder's {@code .bin} files.
     */
    public static Table verdicts(Map<String, Bytes> files, Target target) { return VerdictTable.table(files, target); }

    // ---- the OTA on a virtual ESP32 (issue 9); colours from Palette ------------------------------------------

    /**
     * What an update did to the flash, over the partition table: each stretch named (small ones widened), the erases
     * of each 4 KiB sector coloured by count, and page programs as bars (share of the sector's pages).
     */
    public static XYChart flashActivity(PartitionTable table, FlashActivity activity) {
        return FlashActivityMap.chart(table, activity);
    }

    /** Per stretch of flash: start, size, sectors erased, erases, page programs, bytes programmed. */
    public static Table flashActivityTable(PartitionTable table, FlashActivity activity) {
        return FlashActivityMap.table(table, activity);
    }

    /**
     * Boots across reboots, numbered: reset reason, the app booted (slot, version, how the boot ended), and both
     * otadata copies after each boot coloured by state ({@link BootTimeline#resetUntilSettled} records them).
     */
    public static XYChart bootTimeline(List<BootTimeline.Entry> boots) { return BootTimeline.chart(boots); }

    /** Boots across reboots as rows: reset reason, app, version, end, each copy after the boot, the active copy. */
    public static Table bootTimelineTable(List<BootTimeline.Entry> boots) { return BootTimeline.table(boots); }

    /** A power-cut sweep: what boots after a cut at each flash operation, under numbered phase bands. */
    public static XYChart sweep(List<SweepChart.Point> points) { return SweepChart.chart(points); }

    /** A power-cut sweep per phase: first and last operation, cut points, and a count per outcome. */
    public static Table sweepTable(List<SweepChart.Point> points) { return SweepChart.table(points); }

    /** {@link #sweep(List)} of a {@link SweepResult}: new app, old app or nothing per cut point ({@link SweepChart#points}). */
    public static XYChart sweep(SweepResult result) { return SweepChart.chart(SweepChart.points(result)); }

    /** {@link #sweepTable(List)} of a {@link SweepResult}. */
    public static Table sweepTable(SweepResult result) { return SweepChart.table(SweepChart.points(result)); }

    /** An OTA's progress bar: phase, bytes of total, percent ({@link OtaProgressView} updates it live). */
    public static XYChart otaProgress(OtaProgress progress) { return OtaProgressView.bar(progress); }

    /** An OTA's throughput over bytes written, on the virtual and the wall clock, erase stalls marked. */
    public static XYChart otaThroughput(OtaProgress progress) { return OtaProgressView.throughput(progress); }

    private static Chip chipOf(AppImage image) {
        int id = image.header().chipId();
        return image.chip().orElseThrow(() -> new IllegalArgumentException(
                "chip id " + id + " is unknown: name the chip, as in segmentsInMemory(image, Chip.ESP32)"));
    }
}
