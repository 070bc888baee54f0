package esp32ota.view;

import esp32ota.partition.RowPlacement;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.function.Function;

/**
 * Where each CSV row went and why ({@code PartitionCsv.placements}), one row per partition in file order: the CSV
 * line, the previous row's end, the offset and where it came from, the size and where it came from, the end.
 */
final class PlacementTable {
    private PlacementTable() {}

    static Table of(List<RowPlacement> rows) {
        return Table.create("where each CSV row went",
                IntColumn.create("line", rows.stream().mapToInt(RowPlacement::line).toArray()),
                strings("name", rows, RowPlacement::name),
                strings("type", rows, p -> PartitionTableView.type(p.entry())),
                strings("previous end", rows, p -> "0x%X".formatted(p.previousEnd())),
                strings("offset", rows, p -> "0x%X".formatted(p.offset())),
                strings("offset from", rows, PlacementTable::offsetFrom),
                strings("size", rows, p -> "0x%X (%s)".formatted(p.size(), ByteSize.format(p.size()))),
                strings("size from", rows, PlacementTable::sizeFrom),
                strings("end", rows, p -> "0x%X".formatted(p.end())));
    }

    /** {@code "written"}, {@code "previous end"}, {@code "rounded up to 0x10000"} or {@code "tool options"}. */
    static String offsetFrom(RowPlacement p) {
        return switch (p.source()) {
            case WRITTEN -> "written";
            case OPTIONS -> "tool options";
            case AUTOMATIC -> p.isRoundedUp() ? "rounded up to 0x%X".formatted(p.alignment()) : "previous end";
        };
    }

    /** {@code "written"}, or {@code "up to 0x400000"} for a negative size (an end address). */
    static String sizeFrom(RowPlacement p) {
        return p.sizeIsEndAddress() ? "up to 0x%X".formatted(-p.csvSize()) : "written";
    }

    private static StringColumn strings(String name, List<RowPlacement> rows, Function<RowPlacement, String> f) {
        return StringColumn.create(name, rows.stream().map(f).toList());
    }
}
