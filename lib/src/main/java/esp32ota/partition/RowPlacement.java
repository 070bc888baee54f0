package esp32ota.partition;

/**
 * Where one CSV row was placed and why: one step of gen_esp32part's second pass over a CSV (see
 * {@link PartitionCsv#placements}). Each row starts from {@code previousEnd}, where the row before it ended (the
 * table offset + 0x1000 for the first row):
 * <pre>
 * offset written in the CSV       kept as written ({@link Source#WRITTEN})
 * offset empty                    previousEnd rounded up to 0x10000 (app) or 0x1000 (every other type) ({@link Source#AUTOMATIC})
 * primary bootloader / table row  from the tool's options; the running end is not moved ({@link Source#OPTIONS})
 * size negative                   an end address: size = -csvSize - offset
 * </pre>
 *
 * @param line        the CSV line the row is on (the file's first line is 1)
 * @param entry       the partition as placed: its offset and size are the tool's
 * @param source      where the offset came from
 * @param previousEnd where the row before ended (the running {@code last_end} of the tool)
 * @param alignment   what an automatic offset of this row's type is rounded up to
 * @param csvSize     the size as read from the line, before placement (negative: an end address)
 */
public record RowPlacement(int line, PartitionEntry entry, Source source, long previousEnd, long alignment, long csvSize) {
    /** Where a row's offset came from. */
    public enum Source {
        /** The CSV gives the offset. */
        WRITTEN,
        /** The CSV leaves it empty: the previous end, rounded up to the type's alignment. */
        AUTOMATIC,
        /** A primary bootloader or partition_table row: the tool's options place it. */
        OPTIONS
    }

    /** The partition's name. */
    public String name() { return entry.name(); }

    /** Where the partition starts (absolute flash address). */
    public long offset() { return entry.offset(); }

    /** The partition's size in bytes, after a negative size was turned into one. */
    public long size() { return entry.size(); }

    /** First address after the partition. */
    public long end() { return entry.end(); }

    /** True when the offset was left empty and the tool computed it. */
    public boolean isAutomatic() { return source == Source.AUTOMATIC; }

    /** True when an automatic offset lies beyond the previous end: the bytes in between stay unused. */
    public boolean isRoundedUp() { return isAutomatic() && offset() > previousEnd; }

    /** True when the CSV gave a negative size, read as "up to this end address". */
    public boolean sizeIsEndAddress() { return csvSize < 0; }
}
