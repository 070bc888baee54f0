package esp32ota.view;

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
}
