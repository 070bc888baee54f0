package esp32ota.view;

import esp32ota.bytes.HexDump;
import esp32ota.boot.BootDecision;
import esp32ota.boot.UpdateSession;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.RowPlacement;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The pictures and tables the notebooks show, as plain objects: XChart charts and tablesaw tables. The Java kernel
 * renders them ({@code display(Views.flashMap(t))}); elsewhere {@code BitmapEncoder.saveBitmap(chart, …)} and
 * {@code table.print()} work as usual.
 */
public final class Views {
    private Views() {}

    /** Partitions along the flash address axis, with free space, on the smallest usual chip that holds them. */
    public static XYChart flashMap(PartitionTable table) { return flashMap(table, FlashMap.chipSizeFor(table)); }

    /** Partitions along the flash address axis from 0 to {@code flashSize}, with free space. */
    public static XYChart flashMap(PartitionTable table, long flashSize) { return FlashMap.chart(table, flashSize); }

    /**
     * A window of the flash map, from address {@code from} up to {@code to}: stretches are cut at the window's edges,
     * so small partitions and the gaps between them become visible.
     */
    public static XYChart flashMapWindow(PartitionTable table, long from, long to) { return FlashMap.window(table, from, to); }

    /** The stretches a flash map draws, in address order. */
    public static List<FlashRegion> flashRegions(PartitionTable table, long flashSize) {
        return FlashMap.regions(table, flashSize);
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
}
