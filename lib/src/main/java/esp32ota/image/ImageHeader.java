package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The 24-byte app image header, {@code esp_image_header_t} (ESP-IDF esp_app_format.h; esptool bin_image.py reads it
 * as {@code "<BBBBI"} then the extended header {@code "<BBBBHBHH" + "B"*4 + "B"}). The struct is packed: the 16-bit
 * revision fields sit at odd offsets.
 * <pre>
 * off  size field              notes
 * 0x00  1   magic              0xE9 (ESP_IMAGE_HEADER_MAGIC)
 * 0x01  1   segment_count      the bootloader accepts at most 16 (ESP_IMAGE_MAX_SEGMENTS)
 * 0x02  1   spi_mode           0 QIO, 1 QOUT, 2 DIO, 3 DOUT, 4 FAST_READ, 5 SLOW_READ (FlashMode)
 * 0x03  1   spi_speed/spi_size low nibble speed, high nibble size; names per chip (FlashNames)
 * 0x04  4   entry_addr         u32
 * 0x08  1   wp_pin             0xEE = disabled
 * 0x09  3   spi_pin_drv[3]     two 4-bit drive strengths per byte: clk/q, d/cs0, hd/wp (low nibble first)
 * 0x0C  2   chip_id            esp_chip_id_t (Chip); 0xFFFF = invalid
 * 0x0E  1   min_chip_rev       legacy minimum revision (major; minor on ESP32-C3)
 * 0x0F  2   min_chip_rev_full  major*100 + minor
 * 0x11  2   max_chip_rev_full  major*100 + minor; 0 and 0xFFFF mean "not set"
 * 0x13  4   reserved           zero
 * 0x17  1   hash_appended      1 = a SHA-256 digest follows the checksum
 * </pre>
 */
public record ImageHeader(int magic, int segmentCount, int spiMode, int spiSpeedSize, long entryAddr, int wpPin,
                          Bytes spiPinDrv, int chipId, int minChipRev, int minChipRevFull, int maxChipRevFull,
                          Bytes reserved, int hashAppended) {
    public static final int OFF_MAGIC = 0x00, OFF_SEGMENT_COUNT = 0x01, OFF_SPI_MODE = 0x02, OFF_SPI_SPEED_SIZE = 0x03,
            OFF_ENTRY_ADDR = 0x04, OFF_WP_PIN = 0x08, OFF_SPI_PIN_DRV = 0x09, OFF_CHIP_ID = 0x0C,
            OFF_MIN_CHIP_REV = 0x0E, OFF_MIN_CHIP_REV_FULL = 0x0F, OFF_MAX_CHIP_REV_FULL = 0x11, OFF_RESERVED = 0x13,
            OFF_HASH_APPENDED = 0x17, SIZE = 0x18;
    /** Size of the part every image format shares (ESP8266 images stop here). */
    public static final int COMMON_SIZE = 8;
    public static final int MAGIC = 0xE9;
    public static final int WP_PIN_DISABLED = 0xEE;
    public static final int MAX_SEGMENTS = 16;

    /** Reads the 24 bytes in layout order; any magic other than 0xE9 cannot be framed. */
    public static ImageHeader decode(ByteReader r) {
        r.structure("ImageHeader");
        long at = r.address();
        int magic = r.u8("magic");
        if (magic != MAGIC) {
            throw new DecodeException(DecodeException.Kind.BAD_MAGIC, at, "ImageHeader", "magic", "0xE9",
                    "0x%02X".formatted(magic)).with("magic", magic);
        }
        return new ImageHeader(magic, r.u8("segment_count"), r.u8("spi_mode"), r.u8("spi_speed_size"),
                r.u32("entry_addr"), r.u8("wp_pin"), r.bytes(3, "spi_pin_drv"), r.u16("chip_id"),
                r.u8("min_chip_rev"), r.u16("min_chip_rev_full"), r.u16("max_chip_rev_full"), r.bytes(4, "reserved"),
                r.u8("hash_appended"));
    }

    /** The 24 bytes of this header. */
    public Bytes encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) magic).put((byte) segmentCount).put((byte) spiMode).put((byte) spiSpeedSize)
                .putInt((int) entryAddr).put((byte) wpPin);
        spiPinDrv.copyTo(b.array(), OFF_SPI_PIN_DRV);
        b.position(OFF_CHIP_ID);
        b.putShort((short) chipId).put((byte) minChipRev).putShort((short) minChipRevFull)
                .putShort((short) maxChipRevFull);
        reserved.copyTo(b.array(), OFF_RESERVED);
        b.position(OFF_HASH_APPENDED);
        b.put((byte) hashAppended);
        return Bytes.of(b.array());
    }

    /** High nibble of byte 3, kept in place (0x00, 0x10, …) as esptool's tables use it. */
    public int flashSizeBits() { return spiSpeedSize & 0xF0; }

    /** Low nibble of byte 3. */
    public int flashSpeedBits() { return spiSpeedSize & 0x0F; }

    public Optional<FlashMode> flashMode() { return FlashMode.fromCode(spiMode); }

    /** The chip this header names, if the id is known. */
    public Optional<Chip> chip() { return Chip.fromImageChipId(chipId); }

    /** The bootloader treats any non-zero value as "hash appended"; esptool accepts only 0 and 1. */
    public boolean hasHash() { return hashAppended != 0; }

    /** Drive strength {@code i} in esptool's order clk, q, d, cs0, hd, wp (0-5). */
    public int driveStrength(int i) {
        int b = spiPinDrv.u8(i / 2);
        return i % 2 == 0 ? b & 0x0F : b >> 4;
    }

    /** A copy with another chip id: used to derive the "wrong chip" variant. */
    public ImageHeader withChipId(int newChipId) {
        return new ImageHeader(magic, segmentCount, spiMode, spiSpeedSize, entryAddr, wpPin, spiPinDrv, newChipId,
                minChipRev, minChipRevFull, maxChipRevFull, reserved, hashAppended);
    }
}
