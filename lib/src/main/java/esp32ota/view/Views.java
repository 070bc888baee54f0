package esp32ota.view;

import esp32ota.boot.BootDecision;
import esp32ota.boot.UpdateSession;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionTable;
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

    /** The stretches a flash map draws, in address order. */
    public static List<FlashRegion> flashRegions(PartitionTable table, long flashSize) {
        return FlashMap.regions(table, flashSize);
    }

    /** One row per partition: label, type, subtype, offset, size, end, bytes, flags. */
    public static Table partitionTable(PartitionTable table) { return PartitionTableView.table(table); }

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
