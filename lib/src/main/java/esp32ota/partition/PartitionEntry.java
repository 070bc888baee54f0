package esp32ota.partition;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One partition table row, {@code esp_partition_info_t} (ESP-IDF esp_flash_partitions.h; gen_esp32part struct
 * {@code "<2sBBLL16sL"}). The table holds up to 95 of them, then an optional MD5 row and an all-0xFF end row.
 * <pre>
 * off  size field    notes
 * 0x00  2   magic    bytes AA 50 (u16 0x50AA, ESP_PARTITION_MAGIC)
 * 0x02  1   type     0x00 app, 0x01 data, 0x02 bootloader, 0x03 partition_table, 0x40-0xFE custom
 * 0x03  1   subtype  meaning depends on type (PartitionSubtype)
 * 0x04  4   offset   u32, absolute flash address of the partition
 * 0x08  4   size     u32, bytes
 * 0x0C 16   label    name bytes, NUL-padded; a 16-byte name has no NUL; longer names are cut to 16 bytes
 * 0x1C  4   flags    bit 0 encrypted, bit 1 readonly; other bits kept and reported, never dropped
 * </pre>
 *
 * @param address where this row sits in flash (table offset + 32 × index)
 * @param offset  absolute flash address of the partition (ESP-IDF's name wins over our "offset = relative")
 * @param name    the label as text; from a CSV it may be longer than 16 bytes, which {@link #encode()} cuts
 */
public record PartitionEntry(long address, int type, int subtype, long offset, long size, String name, long flags) {
    public static final int OFF_MAGIC = 0x00, OFF_TYPE = 0x02, OFF_SUBTYPE = 0x03, OFF_OFFSET = 0x04, OFF_SIZE = 0x08,
            OFF_LABEL = 0x0C, OFF_FLAGS = 0x1C, SIZE = 0x20;
    public static final int LABEL_SIZE = 16;
    /** {@code ESP_PARTITION_MAGIC}: the bytes AA 50 read little-endian. */
    public static final int MAGIC = 0x50AA;
    public static final long FLAG_ENCRYPTED = 1L, FLAG_READONLY = 2L, KNOWN_FLAGS = FLAG_ENCRYPTED | FLAG_READONLY;

    /** Reads one row in layout order; a wrong magic cannot be framed (a label that is not UTF-8 can). */
    public static PartitionEntry decode(ByteReader r) {
        r.structure("PartitionEntry");
        long at = r.address();
        int magic = r.u16("magic");
        if (magic != MAGIC) {
            throw new DecodeException(DecodeException.Kind.BAD_MAGIC, at, "PartitionEntry", "magic",
                    "0x50AA", "0x%04X".formatted(magic)).with("magic", magic);
        }
        int type = r.u8("type");
        int subtype = r.u8("subtype");
        long offset = r.u32("offset");
        long size = r.u32("size");
        long labelAt = r.address();
        Bytes label = r.bytes(LABEL_SIZE, "label");
        long flags = r.u32("flags");
        return new PartitionEntry(at, type, subtype, offset, size, labelText(label, labelAt), flags);
    }

    /** The 32 bytes of this row. Values must fit their fields; {@link IllegalArgumentException} names the field. */
    public Bytes encode() {
        requireRange("type", type, 0xFF);
        requireRange("subtype", subtype, 0xFF);
        requireRange("offset", offset, 0xFFFF_FFFFL);
        requireRange("size", size, 0xFFFF_FFFFL);
        requireRange("flags", flags, 0xFFFF_FFFFL);
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) type).put((byte) subtype).putInt((int) offset).putInt((int) size);
        b.put(Arrays.copyOf(labelBytes(), LABEL_SIZE));
        b.putInt((int) flags);
        return Bytes.of(b.array());
    }

    /** The label as stored: UTF-8, cut to 16 bytes like Python's {@code struct.pack('16s')}. */
    public byte[] labelBytes() {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return utf8.length <= LABEL_SIZE ? utf8 : Arrays.copyOf(utf8, LABEL_SIZE);
    }

    public Optional<PartitionType> knownType() { return PartitionType.fromCode(type); }

    public Optional<PartitionSubtype> knownSubtype() { return PartitionSubtype.of(type, subtype); }

    public boolean encrypted() { return (flags & FLAG_ENCRYPTED) != 0; }

    public boolean readonly() { return (flags & FLAG_READONLY) != 0; }

    /** Flag bits this format version does not name (gen_esp32part warns "Newer binary format?"). */
    public long unknownFlags() { return flags & ~KNOWN_FLAGS; }

    public boolean isApp() { return type == PartitionType.APP.code(); }

    /** An OTA app slot: type app, subtype 0x10–0x1F (the bootloader's test is {@code subtype & 0xF0 == 0x10}). */
    public boolean isOtaApp() { return isApp() && (subtype & 0xF0) == PartitionSubtype.APP_OTA_MIN; }

    /** The OTA slot number (subtype & 0x0F) of an OTA app partition. */
    public int otaSlot() {
        if (!isOtaApp()) throw new IllegalStateException(name + " is not an OTA app partition");
        return subtype & 0x0F;
    }

    public boolean is(PartitionSubtype s) { return type == s.type().code() && subtype == s.code(); }

    /** First address after the partition. */
    public long end() { return offset + size; }

    /** The same row placed at another table address. */
    public PartitionEntry at(long newAddress) {
        return new PartitionEntry(newAddress, type, subtype, offset, size, name, flags);
    }

    /**
     * The label as the bootloader takes it: bytes up to the first NUL, never refused (it only compares them);
     * bytes that are not UTF-8 (a character cut at byte 16, as gen_esp32part writes it) read as U+FFFD.
     */
    private static String labelText(Bytes label, long labelAt) { return ByteReader.textUpToNul(label); }

    /**
     * gen_esp32part's stricter reading ({@code from_binary}: {@code name.decode()}): every row's label up to its NUL
     * must be UTF-8, checked row by row from {@code address} while rows carry the entry magic.
     */
    public static void requireUtf8Labels(Bytes table, long address) {
        for (int at = 0; at + SIZE <= table.size() && table.u16le(at) == MAGIC; at += SIZE) {
            Bytes label = table.slice(at + 12, at + 12 + LABEL_SIZE);
            int n = 0;
            while (n < label.size() && label.u8(n) != 0) n++;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(label.slice(0, n).toByteArray()));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new DecodeException(DecodeException.Kind.BAD_VALUE, address + at + 12, "PartitionEntry", "label",
                        "UTF-8 text", label.slice(0, n).toString());
            }
        }
    }

    private static void requireRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("partition %s 0x%x does not fit in its field (0x0-0x%x)"
                    .formatted(field, value, max));
        }
    }
}
