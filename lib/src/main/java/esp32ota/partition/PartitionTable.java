package esp32ota.partition;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.bytes.FieldSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partition table as it sits in flash (ESP-IDF docs api-guides/partition-tables.rst; gen_esp32part v1.5).
 * <pre>
 * off          size   what
 * 0x000        32×n   n PartitionEntry rows (n ≤ 95; ≤ 94 when the MD5 row is written)
 * 32×n         32     optional Md5Row: EB EB, 14 × FF, MD5 of the n rows
 * …            …      0xFF up to 0xC00 (ESP_PARTITION_TABLE_MAX_LEN); the first all-0xFF row ends the table
 * 0xC00        0x400  rest of the 4 KiB sector, left for a secure-boot signature (gen_esp32part does not write it)
 * </pre>
 * The table sits at flash offset 0x8000 by default ({@code CONFIG_PARTITION_TABLE_OFFSET}).
 *
 * @param address flash offset of the table sector
 * @param entries the partitions in table order (not necessarily sorted by offset)
 * @param md5Row  the MD5 row as read from a binary; empty for tables parsed from CSV or read without MD5 checking
 */
public record PartitionTable(long address, List<PartitionEntry> entries, Optional<Md5Row> md5Row) {
    public static final long DEFAULT_ADDRESS = 0x8000;
    /** {@code ESP_PARTITION_TABLE_MAX_LEN}: what gen_esp32part writes, entries + MD5 row + 0xFF padding. */
    public static final int MAX_LENGTH = 0xC00;
    /** {@code ESP_PARTITION_TABLE_SIZE}: the table owns a whole sector, so partitions start at address + 0x1000. */
    public static final int SECTOR_SIZE = 0x1000;

    public PartitionTable {
        entries = List.copyOf(entries);
    }

    /** A table at {@code address} whose rows are placed at address + 32 × index. */
    public static PartitionTable of(long address, List<PartitionEntry> entries) {
        List<PartitionEntry> placed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) placed.add(entries.get(i).at(address + (long) PartitionEntry.SIZE * i));
        return new PartitionTable(address, placed, Optional.empty());
    }

    /** Decodes a binary table the way gen_esp32part does with MD5 checking on (its default). */
    public static PartitionTable decode(Bytes data, long address) { return decode(data, address, true); }

    /**
     * Decodes a binary table row by row, as gen_esp32part {@code from_binary}: an all-0xFF row ends it; with
     * {@code md5Enabled} a row starting EB EB must carry the MD5 of the rows before it; a trailing partial row or a
     * missing end row cannot be framed. With {@code md5Enabled} false, an MD5 row fails as a bad entry magic, as in
     * the tool's {@code --disable-md5sum}.
     */
    public static PartitionTable decode(Bytes data, long address, boolean md5Enabled) {
        return decode(ByteReader.of(data, address), md5Enabled);
    }

    /** Every field of a binary table, for annotated hex dumps: entries, the MD5 row and the end row. */
    public static List<FieldSpan> fieldsOf(Bytes data, long address) {
        ByteReader r = ByteReader.of(data, address);
        decode(r, true);
        return r.spans();
    }

    private static PartitionTable decode(ByteReader r, boolean md5Enabled) {
        long address = r.address();
        List<PartitionEntry> entries = new ArrayList<>();
        Md5Row md5Row = null;
        var md5 = newMd5();
        while (r.remaining() > 0) {
            if (r.remaining() < PartitionEntry.SIZE) {
                throw new DecodeException(DecodeException.Kind.TRUNCATED, r.address(), "PartitionTable", "row",
                        "32 bytes", r.remaining() + " bytes");
            }
            Bytes row = r.data().slice(r.position(), r.position() + PartitionEntry.SIZE);
            if (row.allEqual(0xFF)) {
                r.structure("PartitionTable").skip(PartitionEntry.SIZE, "end_marker");
                return new PartitionTable(address, entries, Optional.ofNullable(md5Row));
            }
            if (md5Enabled && Md5Row.startsAt(r)) {
                Md5Row found = Md5Row.decode(r);
                Bytes computed = Bytes.of(clone(md5).digest());
                if (!found.digest().equals(computed)) {
                    throw new DecodeException(DecodeException.Kind.BAD_CHECKSUM, found.address() + Md5Row.OFF_DIGEST,
                            "Md5Row", "digest", computed.hex(), found.digest().hex());
                }
                if (md5Row == null) md5Row = found;
                continue;
            }
            row.updateDigest(md5);
            entries.add(PartitionEntry.decode(r));
        }
        throw new DecodeException(DecodeException.Kind.TRUNCATED, r.address(), "PartitionTable", "end_marker",
                "a row of 32 × 0xFF", "end of data");
    }

    /**
     * The 0xC00 bytes gen_esp32part writes: the rows, the MD5 row when {@code withMd5}, then 0xFF. A table whose rows
     * (and MD5 row) fill 0xC00 or more bytes leaves no room for the end row and is refused with the tool's message.
     */
    public Bytes encode(boolean withMd5) {
        Bytes rows = entryBytes();
        if (withMd5) rows = rows.concat(Md5Row.encode(rows.md5()));
        if (rows.size() >= MAX_LENGTH) {
            throw new PartitionTableException(PartitionTableException.Kind.TABLE_TOO_LONG, rows.size());
        }
        return rows.concat(Bytes.filled(MAX_LENGTH - rows.size(), 0xFF));
    }

    /** The entry rows only (n × 32 bytes), the input of the MD5 row. */
    public Bytes entryBytes() {
        byte[] b = new byte[entries.size() * PartitionEntry.SIZE];
        for (int i = 0; i < entries.size(); i++) entries.get(i).encode().copyTo(b, i * PartitionEntry.SIZE);
        return Bytes.of(b);
    }

    /** Flash address where the MD5 row is (or would be) written: right after the last entry. */
    public long md5RowAddress() { return address + (long) entries.size() * PartitionEntry.SIZE; }

    /** MD5 of the entry rows: what the MD5 row carries. */
    public Bytes md5OfEntries() { return entryBytes().md5(); }

    public Optional<PartitionEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The first partition with this type and subtype, as {@code esp_partition_find_first}. */
    public Optional<PartitionEntry> find(PartitionSubtype subtype) {
        return entries.stream().filter(e -> e.is(subtype)).findFirst();
    }

    public List<String> labels() { return entries.stream().map(PartitionEntry::name).toList(); }

    /** End of the partition that ends last (gen_esp32part {@code flash_size()} sorts by offset and takes the last). */
    public long flashEnd() {
        return entries.stream().max(java.util.Comparator.comparingLong(PartitionEntry::offset))
                .map(PartitionEntry::end).orElse(0L);
    }

    private static java.security.MessageDigest newMd5() { return esp32ota.bytes.DigestAlgorithm.MD5.start(); }

    private static java.security.MessageDigest clone(java.security.MessageDigest d) {
        try {
            return (java.security.MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 digest is cloneable", e);
        }
    }
}
