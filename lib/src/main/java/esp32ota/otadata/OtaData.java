package esp32ota.otadata;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.bytes.FieldSpan;

import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The otadata partition (type data, subtype ota): two 4 KiB flash sectors, each starting with one
 * {@link OtaSelectEntry}. Two copies let every update rewrite one sector while the other still holds a good copy.
 * <pre>
 * off     size    what
 * 0x0000  0x20    copy 0 (otadata[0])
 * 0x0020  0xFE0   rest of sector 0, normally 0xFF, never read
 * 0x1000  0x20    copy 1 (otadata[1])
 * 0x1020  0xFE0   rest of sector 1
 * </pre>
 * Both the bootloader ({@code bootloader_common_read_otadata}) and the app ({@code read_otadata} in esp_ota_ops.c)
 * read copy 1 at 0x1000. A copy is always rewritten by erasing its whole sector and writing 32 bytes.
 *
 * @param address flash address of the partition (0 for a bare file)
 * @param bytes   the whole partition image, kept so that {@link #encode()} gives back every byte
 */
public record OtaData(long address, Bytes bytes) {
    /** The size gen_esp32part requires ("otadata partition must have size = 0x2000"). */
    public static final int SIZE = 0x2000;
    /** A flash sector ({@code SPI_SEC_SIZE}); copy n starts at n × SECTOR_SIZE. */
    public static final int SECTOR_SIZE = 0x1000;
    public static final int COPIES = 2;

    /** Frames both copies; at least 0x1020 bytes are needed. The copies themselves are {@link #copy(int)}. */
    public static OtaData decode(Bytes data, long address) {
        fieldsOf(data, address);
        return new OtaData(address, data);
    }

    /** An erased partition: 0x2000 × 0xFF, which boots factory (or ota_0 when there is no factory). */
    public static OtaData erased(long address) { return new OtaData(address, Bytes.filled(SIZE, 0xFF)); }

    /** Every field of both copies and the unused rest of each sector, for annotated hex dumps. */
    public static List<FieldSpan> fieldsOf(Bytes data, long address) {
        ByteReader r = ByteReader.of(data, address);
        for (int i = 0; i < COPIES; i++) {
            int start = i * SECTOR_SIZE;
            if (data.size() < start + OtaSelectEntry.SIZE) {
                throw new DecodeException(DecodeException.Kind.TRUNCATED, address + start, "OtaData",
                        "otadata[" + i + "]", "32 bytes at offset 0x%X".formatted(start), data.size() + " bytes of data");
            }
            OtaSelectEntry.decode(r.seek(start));
        }
        return r.spans();
    }

    /** Copy {@code i} (0 or 1), decoded from the bytes. */
    public OtaSelectEntry copy(int i) {
        if (i < 0 || i >= COPIES) throw new IllegalArgumentException("otadata has copies 0 and 1, not " + i);
        return OtaSelectEntry.decode(ByteReader.of(bytes, address).seek(i * SECTOR_SIZE));
    }

    public List<OtaSelectEntry> copies() { return List.of(copy(0), copy(1)); }

    /** Which copy wins when both are eligible ({@link #select}). */
    public enum Pick {
        /** The larger seq: the active copy ({@code bootloader_common_get_active_otadata}). */
        HIGHER_SEQ,
        /** The smaller seq: the last rejected copy ({@code esp_ota_get_last_invalid_partition}). */
        LOWER_SEQ
    }

    /**
     * {@code bootloader_common_get_active_otadata}: the select-valid copy with the larger seq (copy 0 on a tie), the
     * only select-valid copy, or empty when neither is.
     */
    public Optional<Integer> activeCopy() { return activeCopy(copies()); }

    /** {@link #activeCopy()} of two copies already read (and perhaps changed, as the bootloader does). */
    public static Optional<Integer> activeCopy(List<OtaSelectEntry> copies) {
        return select(copies, i -> copies.get(i).isSelectValid(), Pick.HIGHER_SEQ);
    }

    /**
     * {@code bootloader_common_select_otadata}, the one selection rule that the bootloader and the application both
     * link: among the copies {@code eligible} accepts (by index, 0 or 1), both → the larger or smaller seq as
     * {@code pick} says, copy 0 on a tie; one → that one; none → empty.
     */
    public static Optional<Integer> select(List<OtaSelectEntry> copies, IntPredicate eligible, Pick pick) {
        if (copies.size() != COPIES) throw new IllegalArgumentException("otadata has 2 copies, not " + copies.size());
        boolean e0 = eligible.test(0), e1 = eligible.test(1);
        if (e0 && e1) {
            long s0 = copies.get(0).otaSeq(), s1 = copies.get(1).otaSeq();
            long wanted = pick == Pick.HIGHER_SEQ ? Math.max(s0, s1) : Math.min(s0, s1);
            return Optional.of(wanted == s0 ? 0 : 1);
        }
        return e0 ? Optional.of(0) : e1 ? Optional.of(1) : Optional.empty();
    }

    /**
     * What flash holds after copy {@code i} is rewritten: its sector erased to 0xFF, then the 32 bytes of
     * {@code entry} written at its start (the entry's own address is ignored).
     */
    public OtaData withCopy(int i, OtaSelectEntry entry) {
        copy(i);
        int start = i * SECTOR_SIZE;
        int end = Math.min(start + SECTOR_SIZE, bytes.size());
        Bytes erased = bytes.with(start, Bytes.filled(end - start, 0xFF));
        return new OtaData(address, erased.with(start, entry.encode()));
    }

    /** The same bytes placed at another flash address. */
    public OtaData at(long newAddress) { return new OtaData(newAddress, bytes); }

    public Bytes encode() { return bytes; }

    public int size() { return bytes.size(); }

    /** Rule violations that decoding tolerates: the partition must be exactly 0x2000 bytes. */
    public List<String> validate() {
        if (bytes.size() == SIZE) return List.of();
        return List.of(bytes.size() < SIZE
                ? "otadata is 0x%X bytes; the bootloader needs at least 0x2000 (ota_info partition size %d is too small)"
                        .formatted(bytes.size(), bytes.size())
                : "otadata is 0x%X bytes; gen_esp32part requires exactly 0x2000".formatted(bytes.size()));
    }
}
