package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;

/**
 * The bootloader description, {@code esp_bootloader_desc_t} (ESP-IDF esp_bootloader_desc.h, v5.2+; esptool's struct
 * {@code "<B3sI32s24s16s"}): 80 bytes at the start of a bootloader's first DRAM segment. esptool prints it when an
 * image has no DROM segment.
 * <pre>
 * off  size field       notes
 * 0x00  1   magic_byte  0x50
 * 0x01  3   reserved
 * 0x04  4   version     CONFIG_BOOTLOADER_PROJECT_VER
 * 0x08 32   idf_ver
 * 0x28 24   date_time   "Jan  1 2025 12:00:00"
 * 0x40 16   reserved2
 * </pre>
 */
public record BootloaderDescriptor(long address, int magicByte, Bytes reserved, long version, Bytes idfVer,
                                   Bytes dateTime, Bytes reserved2) {
    public static final int OFF_MAGIC_BYTE = 0x00, OFF_VERSION = 0x04, OFF_IDF_VER = 0x08, OFF_DATE_TIME = 0x28,
            OFF_RESERVED2 = 0x40, SIZE = 0x50;
    public static final int MAGIC = 0x50;

    public static BootloaderDescriptor decode(ByteReader r) {
        r.structure("BootloaderDescriptor");
        return new BootloaderDescriptor(r.address(), r.u8("magic_byte"), r.bytes(3, "reserved"), r.u32("version"),
                r.bytes(32, "idf_ver"), r.bytes(24, "date_time"), r.bytes(16, "reserved2"));
    }

    public boolean hasMagic() { return magicByte == MAGIC; }
}
