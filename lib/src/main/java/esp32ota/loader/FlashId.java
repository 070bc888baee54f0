package esp32ota.loader;

import java.util.Optional;

/**
 * A SPI flash chip's JEDEC id, as the RDID command (0x9F) returns it: manufacturer, memory type, capacity, where the
 * capacity byte is log2 of the size in bytes (0x16 → 4 MiB). esptool prints "Manufacturer: c8 / Device: 4016".
 */
public record FlashId(int manufacturer, int memoryType, int capacity) {
    public static final int RDID = 0x9F;

    /** RDID's 24-bit answer as the ESP32 SPI W0 register holds it: manufacturer in the low byte. */
    public static FlashId fromW0(long w0) {
        return new FlashId((int) (w0 & 0xFF), (int) (w0 >> 8 & 0xFF), (int) (w0 >> 16 & 0xFF));
    }

    /** A GigaDevice GD25Q-series id for a flash of {@code size} bytes (a power of two). */
    public static FlashId gigaDevice(long size) {
        if (Long.bitCount(size) != 1) throw new IllegalArgumentException("flash size must be a power of two: " + size);
        return new FlashId(0xC8, 0x40, Long.numberOfTrailingZeros(size));
    }

    public long w0() { return manufacturer | memoryType << 8 | (long) capacity << 16; }

    /** "Device" as esptool prints it: memory type then capacity, {@code 4016}. */
    public int device() { return memoryType << 8 | capacity; }

    /** The size the capacity byte announces, for the usual 0x12..0x1A range (256 KiB … 64 MiB). */
    public Optional<Long> size() {
        return capacity >= 0x12 && capacity <= 0x1A ? Optional.of(1L << capacity) : Optional.empty();
    }

    @Override public String toString() { return "Manufacturer: %02x, Device: %04x".formatted(manufacturer, device()); }
}
