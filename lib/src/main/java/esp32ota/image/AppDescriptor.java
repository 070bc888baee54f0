package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The application description, {@code esp_app_desc_t} (ESP-IDF esp_app_desc.h; esptool's struct
 * {@code "<II8s32s32s16s16s32s32sHHB3s72s"}). It opens the first segment's data, at file offset 0x20 of an app image.
 * <pre>
 * off  size field                   notes
 * 0x00  4   magic_word              0xABCD5432 (bytes 32 54 CD AB)
 * 0x04  4   secure_version          anti-rollback version
 * 0x08  8   reserv1
 * 0x10 32   version                 text, NUL-padded (a 32-byte value has no NUL)
 * 0x30 32   project_name
 * 0x50 16   time                    "12:00:00"
 * 0x60 16   date                    "Jan  1 2025"
 * 0x70 32   idf_ver
 * 0x90 32   app_elf_sha256
 * 0xB0  2   min_efuse_blk_rev_full  major*100 + minor
 * 0xB2  2   max_efuse_blk_rev_full
 * 0xB4  1   mmu_page_size           log2 of the page size; 0 = not set
 * 0xB5  3   reserv3                 (newest IDF uses byte 0xB5 for the flash mode)
 * 0xB8 72   reserv2
 * </pre>
 * Text fields keep their raw bytes; {@link #text} gives them as text.
 */
public record AppDescriptor(long address, long magicWord, long secureVersion, Bytes reserv1, Bytes version,
                            Bytes projectName, Bytes time, Bytes date, Bytes idfVer, Bytes appElfSha256,
                            int minEfuseBlkRevFull, int maxEfuseBlkRevFull, int mmuPageSize, Bytes reserv3,
                            Bytes reserv2) {
    public static final int OFF_MAGIC_WORD = 0x00, OFF_SECURE_VERSION = 0x04, OFF_RESERV1 = 0x08, OFF_VERSION = 0x10,
            OFF_PROJECT_NAME = 0x30, OFF_TIME = 0x50, OFF_DATE = 0x60, OFF_IDF_VER = 0x70, OFF_APP_ELF_SHA256 = 0x90,
            OFF_MIN_EFUSE_BLK_REV_FULL = 0xB0, OFF_MAX_EFUSE_BLK_REV_FULL = 0xB2, OFF_MMU_PAGE_SIZE = 0xB4,
            OFF_RESERV3 = 0xB5, OFF_RESERV2 = 0xB8, SIZE = 0x100;
    public static final long MAGIC = 0xABCD5432L;

    /** Reads the 256 bytes in layout order; the magic is data here (the caller decides what a mismatch means). */
    public static AppDescriptor decode(ByteReader r) {
        r.structure("AppDescriptor");
        return new AppDescriptor(r.address(), r.u32("magic_word"), r.u32("secure_version"), r.bytes(8, "reserv1"),
                r.bytes(32, "version"), r.bytes(32, "project_name"), r.bytes(16, "time"), r.bytes(16, "date"),
                r.bytes(32, "idf_ver"), r.bytes(32, "app_elf_sha256"), r.u16("min_efuse_blk_rev_full"),
                r.u16("max_efuse_blk_rev_full"), r.u8("mmu_page_size"), r.bytes(3, "reserv3"), r.bytes(72, "reserv2"));
    }

    /** A descriptor from text fields (the builder's way); texts longer than their field are cut, as C strncpy does. */
    public static AppDescriptor of(String version, String projectName, long secureVersion, String time, String date,
                                   String idfVer, Bytes elfSha256, int minEfuseBlkRevFull, int maxEfuseBlkRevFull,
                                   int mmuPageSize) {
        return new AppDescriptor(0, MAGIC, secureVersion, Bytes.filled(8, 0), field(version, 32),
                field(projectName, 32), field(time, 16), field(date, 16), field(idfVer, 32), elfSha256,
                minEfuseBlkRevFull, maxEfuseBlkRevFull, mmuPageSize, Bytes.filled(3, 0), Bytes.filled(72, 0));
    }

    /** The 256 bytes. */
    public Bytes encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) magicWord).putInt((int) secureVersion);
        for (Bytes f : new Bytes[] {reserv1, version, projectName, time, date, idfVer, appElfSha256}) {
            b.put(f.toByteArray());
        }
        b.putShort((short) minEfuseBlkRevFull).putShort((short) maxEfuseBlkRevFull).put((byte) mmuPageSize);
        b.put(reserv3.toByteArray()).put(reserv2.toByteArray());
        return Bytes.of(b.array());
    }

    public boolean hasMagic() { return magicWord == MAGIC; }

    /** A text field up to its first NUL, as the firmware's C code sees it (malformed UTF-8 shown as U+FFFD). */
    public static String text(Bytes field) { return ByteReader.textUpToNul(field); }

    /** {@code "1.0.0"}. */
    public String versionText() { return text(version); }

    public String projectNameText() { return text(projectName); }

    /** MMU page size in bytes (2^mmu_page_size), 0 when not set. */
    public long mmuPageBytes() { return mmuPageSize == 0 ? 0 : 1L << Math.min(mmuPageSize, 62); }

    /** {@code text} as a NUL-padded field of {@code width} bytes. */
    static Bytes field(String text, int width) {
        return Bytes.of(Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), width));
    }
}
