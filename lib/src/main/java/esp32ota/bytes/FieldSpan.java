package esp32ota.bytes;

/**
 * Where one named field lies: {@code PartitionEntry.offset} at 0x8004, 4 bytes. A {@link ByteReader} records one per
 * read, and {@link HexDump} uses them to annotate bytes.
 */
public record FieldSpan(String structure, String field, long address, int length) {
    /** {@code "PartitionEntry.offset"}. */
    public String name() { return structure + "." + field; }

    public long end() { return address + length; }

    public boolean contains(long a) { return a >= address && a < end(); }

    /** What kind of value the field holds (a hex dump colours each kind the same way). */
    public FieldKind kind() { return FieldKind.of(field, length); }
}
