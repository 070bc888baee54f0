package esp32ota.otadata;

/**
 * The CRC that protects an otadata copy: {@code bootloader_common_ota_select_crc()} returns
 * {@code esp_rom_crc32_le(UINT32_MAX, &ota_seq, 4)}, so it covers the 4 bytes of {@code ota_seq} only.
 *
 * <p>The ROM's {@code crc32_le(crc, buf, len)} inverts its start value and its result (rom/crc.h). Passing
 * 0xFFFFFFFF therefore starts the shift register at 0, which is <b>not</b> the standard CRC-32: {@code java.util.zip.CRC32}
 * of the same 4 bytes gives a different number (for seq 1, 0x99F8B879 instead of 0x4743989A). It equals Python's
 * {@code binascii.crc32(seq_bytes, 0xFFFFFFFF)}, which is what otatool.py uses.
 */
public final class OtaCrc {
    /** CRC-32 polynomial 0x04C11DB7, bit-reversed for the LSB-first ("little-endian") loop. */
    static final long POLY_REFLECTED = 0xEDB8_8320L;

    private OtaCrc() {}

    /** The CRC an otadata copy must carry for this {@code ota_seq} (u32). */
    public static long of(long otaSeq) {
        byte[] le = {(byte) otaSeq, (byte) (otaSeq >>> 8), (byte) (otaSeq >>> 16), (byte) (otaSeq >>> 24)};
        return romCrc32Le(0xFFFF_FFFFL, le);
    }

    /**
     * The ROM function {@code crc32_le(crc, buf, len)} as ESP-IDF describes it: invert {@code crc}, run the reflected
     * CRC-32 over the bytes, invert the result.
     */
    public static long romCrc32Le(long crc, byte[] data) {
        long register = ~crc & 0xFFFF_FFFFL;
        for (byte b : data) {
            register ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                register = (register & 1) != 0 ? (register >>> 1) ^ POLY_REFLECTED : register >>> 1;
            }
        }
        return ~register & 0xFFFF_FFFFL;
    }
}
