package esp32ota.view;

/**
 * One stretch of flash in a {@link Views#flashMap flash map}: a partition, the table sector, the reserved start of
 * flash, or free space between them.
 *
 * @param label what the stretch is: a partition name, {@code "partition table"}, {@code "free"}, …
 * @param kind  how it is drawn
 * @param start first flash address (absolute)
 * @param end   first address after it
 */
public record FlashRegion(String label, Kind kind, long start, long end) {
    /** What a stretch of flash holds; each kind has its own colour family. */
    public enum Kind { RESERVED, PARTITION_TABLE, APP, DATA, OTHER, FREE }

    public long size() { return end - start; }

    /** {@code "nvs 0x9000 (16 KiB)"}: the legend text, unique within one map. */
    public String legend() { return "%s 0x%X (%s)".formatted(label, start, ByteSize.format(size())); }
}
