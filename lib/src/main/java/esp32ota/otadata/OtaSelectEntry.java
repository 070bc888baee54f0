package esp32ota.otadata;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * One otadata copy, {@code esp_ota_select_entry_t} (ESP-IDF esp_flash_partitions.h). The otadata partition holds two,
 * one at the start of each of its 4 KiB sectors ({@link OtaData}).
 * <pre>
 * off  size field      notes
 * 0x00  4   ota_seq    u32; 0xFFFFFFFF = blank (erased). The bootloader boots OTA slot (ota_seq - 1) % app_count
 * 0x04 20   seq_label  not read by any decision; 0xFF when the bootloader writes a copy
 * 0x18  4   ota_state  esp_ota_img_states_t (OtaImgState); any other value behaves like VALID
 * 0x1C  4   crc        OtaCrc of the 4 bytes of ota_seq ONLY, not of the whole entry: a quirk, not a typo
 * </pre>
 * A wrong CRC is a normal device state (power cut during a write), so it is data here, never an exception.
 *
 * @param address   flash address (or file offset) of the entry
 * @param otaSeq    u32
 * @param seqLabel  the 20 label bytes exactly as stored
 * @param stateCode u32 as stored, known or not ({@link #state()})
 * @param crc       u32 as stored ({@link #expectedCrc()} is what it should be)
 */
public record OtaSelectEntry(long address, long otaSeq, Bytes seqLabel, long stateCode, long crc) {
    public static final int OFF_SEQ = 0x00, OFF_LABEL = 0x04, OFF_STATE = 0x18, OFF_CRC = 0x1C, SIZE = 0x20;
    public static final int LABEL_SIZE = 20;
    /** {@code UINT32_MAX}: the seq of an erased copy. */
    public static final long SEQ_BLANK = 0xFFFF_FFFFL;
    private static final long U32 = 0xFFFF_FFFFL;

    public OtaSelectEntry {
        requireU32("ota_seq", otaSeq);
        requireU32("ota_state", stateCode);
        requireU32("crc", crc);
        if (seqLabel.size() != LABEL_SIZE) {
            throw new IllegalArgumentException("seq_label must be 20 bytes, not " + seqLabel.size());
        }
    }

    /** Reads the 32 bytes in layout order. Every bit pattern is a legal entry, so only a short read fails. */
    public static OtaSelectEntry decode(ByteReader r) {
        r.structure("OtaSelectEntry");
        return new OtaSelectEntry(r.address(), r.u32("ota_seq"), r.bytes(LABEL_SIZE, "seq_label"),
                r.u32("ota_state"), r.u32("crc"));
    }

    /** An erased copy: 32 × 0xFF. */
    public static OtaSelectEntry blank(long address) {
        return new OtaSelectEntry(address, SEQ_BLANK, Bytes.filled(LABEL_SIZE, 0xFF), SEQ_BLANK, SEQ_BLANK);
    }

    /**
     * A copy as the bootloader writes one from scratch ({@code set_actual_ota_seq}): all 0xFF, then seq, state and
     * the right CRC.
     */
    public static OtaSelectEntry written(long address, long otaSeq, OtaImgState state) {
        return blank(address).withState(state.code()).withSeqAndCrc(otaSeq);
    }

    public Bytes encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) otaSeq);
        b.put(seqLabel.toByteArray());
        b.putInt((int) stateCode);
        b.putInt((int) crc);
        return Bytes.of(b.array());
    }

    public Optional<OtaImgState> state() { return OtaImgState.fromCode(stateCode); }

    public boolean hasState(OtaImgState s) { return stateCode == s.code(); }

    /** The CRC this seq should carry. */
    public long expectedCrc() { return OtaCrc.of(otaSeq); }

    public boolean crcOk() { return crc == expectedCrc(); }

    public boolean isBlankSeq() { return otaSeq == SEQ_BLANK; }

    /**
     * {@code bootloader_common_ota_select_invalid}: seq blank, or state INVALID or ABORTED. The CRC is not looked at,
     * so a copy with a bad CRC is not "invalid" here (it is only not {@link #isSelectValid() valid}).
     */
    public boolean isSelectInvalid() {
        return isBlankSeq() || hasState(OtaImgState.INVALID) || hasState(OtaImgState.ABORTED);
    }

    /** {@code bootloader_common_ota_select_valid}: not select-invalid, and the CRC is right. */
    public boolean isSelectValid() { return !isSelectInvalid() && crcOk(); }

    /**
     * "Initial or incorrect CRC" ({@code ota_seq == UINT32_MAX || crc != crc(seq)}): the test the bootloader uses
     * to decide that otadata was never written and that it should record the slot it boots.
     */
    public boolean isBlankOrBadCrc() { return isBlankSeq() || !crcOk(); }

    /** {@code ota_seq - 1} in u32 arithmetic: seq 0 gives 0xFFFFFFFF. */
    public long seqMinusOne() { return (otaSeq - 1) & U32; }

    /** The OTA slot this copy selects among {@code count} slots: {@code (ota_seq - 1) % count}, unsigned. */
    public int slot(int count) {
        if (count <= 0) throw new IllegalArgumentException("slot count must be positive, not " + count);
        return (int) (seqMinusOne() % count);
    }

    /** The same entry with another state code; seq, label and the stored CRC stay as they are. */
    public OtaSelectEntry withState(long code) { return new OtaSelectEntry(address, otaSeq, seqLabel, code, crc); }

    /** The same entry with another seq and the CRC recomputed for it, as {@code rewrite_ota_seq} does. */
    public OtaSelectEntry withSeqAndCrc(long seq) {
        return new OtaSelectEntry(address, seq, seqLabel, stateCode, OtaCrc.of(seq));
    }

    /** The same entry placed at another address. */
    public OtaSelectEntry at(long newAddress) { return new OtaSelectEntry(newAddress, otaSeq, seqLabel, stateCode, crc); }

    private static void requireU32(String field, long v) {
        if ((v & ~U32) != 0) throw new IllegalArgumentException(field + " 0x%x does not fit in 32 bits".formatted(v));
    }
}
