package esp32ota.image;

import esp32ota.bytes.Bytes;

import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A secure-boot signature found after an image (recognised and described; the kit does not verify signatures).
 * <ul>
 * <li>Secure boot v1 ({@code esp_secure_boot_sig_block_t}, esp_secure_boot.h): 68 bytes right after the image:
 *     {@code u32 version} (0) then a 64-byte ECDSA signature.</li>
 * <li>Secure boot v2 ({@code ets_secure_boot_signature_t}): the image is padded to a 4 KiB boundary and a 4 KiB
 *     sector follows, holding up to three 1216-byte blocks ({@code ets_secure_boot_sig_block_t}), then 0xFF:
 * <pre>
 * off   size field         notes
 * 0x000   1  magic_byte    0xE7
 * 0x001   1  version       0x02 RSA-3072-PSS, 0x03 ECDSA
 * 0x002   2  reserved
 * 0x004  32  image_digest  SHA-256 of the image up to the sector
 * 0x4AC   4  block_crc     CRC-32 of bytes 0x000-0x4AB
 * 0x4B0  16  padding
 * </pre></li>
 * </ul>
 *
 * @param offset      file offset of the block (v2: of the sector)
 * @param version     v1: the version word; v2: the version byte of the first block
 * @param blocks      v2: number of blocks with the 0xE7 magic in the sector; v1: 1
 * @param imageDigest v2: the digest the first block signs; v1: empty
 * @param crcOk       v2: whether the first block's CRC matches; v1: true (no CRC)
 */
public record SignatureBlock(Scheme scheme, long offset, long version, int blocks, Bytes imageDigest,
                             boolean crcOk) {
    public enum Scheme { SECURE_BOOT_V1, SECURE_BOOT_V2 }

    public static final int V1_SIZE = 68, V2_SECTOR = 0x1000, V2_BLOCK = 1216, V2_MAGIC = 0xE7, V2_CRC_OFFSET = 0x4AC;

    /** Looks for a signature after an image that ends at {@code imageEnd} (checksum and hash included). */
    public static Optional<SignatureBlock> find(Bytes file, long imageEnd) {
        long sector = (imageEnd + V2_SECTOR - 1) & ~(long) (V2_SECTOR - 1);
        if (sector + V2_BLOCK <= file.size() && file.u8((int) sector) == V2_MAGIC) {
            int at = (int) sector;
            int blocks = 0;
            while (blocks < 3 && at + (blocks + 1) * V2_BLOCK <= file.size()
                    && file.u8(at + blocks * V2_BLOCK) == V2_MAGIC) blocks++;
            CRC32 crc = new CRC32();
            crc.update(file.slice(at, at + V2_CRC_OFFSET).toByteArray());
            boolean crcOk = crc.getValue() == file.u32le(at + V2_CRC_OFFSET);
            return Optional.of(new SignatureBlock(Scheme.SECURE_BOOT_V2, sector, file.u8(at + 1), blocks,
                    file.slice(at + 4, at + 36), crcOk));
        }
        if (imageEnd + V1_SIZE <= file.size() && file.u32le((int) imageEnd) == 0) {
            return Optional.of(new SignatureBlock(Scheme.SECURE_BOOT_V1, imageEnd, 0, 1, Bytes.EMPTY, true));
        }
        return Optional.empty();
    }
}
