package esp32ota.partition;

import java.util.ArrayList;
import java.util.List;

/**
 * The second pass over a partition CSV (gen_esp32part v1.5 {@code PartitionTable.from_csv}): where each row goes.
 * <pre>
 * last_end := table offset + 0x1000              the table owns its whole sector
 * for each row, in file order:
 *   primary bootloader / primary partition_table rows: left as they are (their places come from the options)
 *   offset given and below last_end  → "CSV Error at line N: Partitions overlap. …"
 *   offset empty                     → last_end rounded up to 0x10000 (app) or 0x1000 (any other type)
 *   size negative                    → size := -size - offset   (the size was an end address)
 *   last_end := offset + size
 * </pre>
 * Each step is kept as a {@link RowPlacement}, so that the reasons can be shown next to the result.
 */
final class CsvPlacement {
    private CsvPlacement() {}

    /**
     * Places every row in file order; the first row below the running end fails with the tool's message. Entry
     * {@code i} sits at table offset + 32 × i.
     */
    static List<RowPlacement> placeAll(List<CsvRow> rows, long tableOffset, SubtypeNames names) {
        List<RowPlacement> placed = new ArrayList<>();
        long lastEnd = tableOffset + PartitionTable.SECTOR_SIZE;
        for (CsvRow row : rows) {
            long at = tableOffset + (long) PartitionEntry.SIZE * placed.size();
            long alignment = PartitionRules.offsetAlignment(row.type());
            if (row.isPrimaryBootloader(names) || row.isPrimaryPartitionTable(names)) {
                PartitionEntry e = entry(at, row, row.offset().orElseThrow(), row.size());
                placed.add(new RowPlacement(row.line(), e, RowPlacement.Source.OPTIONS, lastEnd, alignment, row.size()));
                continue;
            }
            if (row.offset().isPresent() && row.offset().getAsLong() < lastEnd) {
                // The tool asks "is this the first row?" with ==, which compares name, type, subtype, offset and
                // size: a later row equal to the first one gets the first row's message too.
                boolean first = placed.isEmpty() || looksLikeFirst(row, placed.get(0).entry());
                long offset = row.offset().getAsLong();
                throw first
                        ? PartitionTableException.atLine(row.line(), PartitionTableException.Kind.OVERLAPS_TABLE, offset, tableOffset, lastEnd)
                        : PartitionTableException.atLine(row.line(), PartitionTableException.Kind.OVERLAPS_PREVIOUS, offset, lastEnd);
            }
            var source = row.offset().isPresent() ? RowPlacement.Source.WRITTEN : RowPlacement.Source.AUTOMATIC;
            long offset = row.offset().orElse(alignUp(lastEnd, alignment));
            long size = row.size() < 0 ? -row.size() - offset : row.size();
            placed.add(new RowPlacement(row.line(), entry(at, row, offset, size), source, lastEnd, alignment, row.size()));
            lastEnd = offset + size;
        }
        return List.copyOf(placed);
    }

    private static boolean looksLikeFirst(CsvRow row, PartitionEntry first) {
        return row.name().equals(first.name()) && row.type() == first.type() && row.subtype() == first.subtype()
                && row.offset().getAsLong() == first.offset() && row.size() == first.size();
    }

    private static long alignUp(long value, long alignment) {
        long rest = Math.floorMod(value, alignment);
        return rest == 0 ? value : value + alignment - rest;
    }

    private static PartitionEntry entry(long at, CsvRow row, long offset, long size) {
        return new PartitionEntry(at, row.type(), row.subtype(), offset, size, row.name(), row.flags());
    }
}
