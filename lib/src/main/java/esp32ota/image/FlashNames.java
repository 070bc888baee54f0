package esp32ota.image;

import java.util.List;
import java.util.Optional;

/**
 * The names esptool gives to the flash size (high nibble of header byte 3) and flash speed (low nibble) values, per
 * chip ({@code FLASH_SIZES}, {@code FLASH_FREQUENCY} in esptool/targets/*.py, v4.12.0). A table is a list of
 * name/value pairs in esptool's dictionary order: when two names share a value, the first one wins. That is why an
 * ESP32-C6 image with speed nibble 0 is reported as {@code 80m} (esptool lists both 80m and 40m as 0).
 *
 * @param entries name/value pairs in esptool's order
 */
public record FlashNames(List<Entry> entries) {
    /** One name and the nibble value (already shifted: sizes are 0x00, 0x10, …, speeds 0x0-0xF). */
    public record Entry(String name, int value) {}

    public FlashNames { entries = List.copyOf(entries); }

    /** The first name listed for {@code value}, as esptool's {@code get_key_from_value} finds it. */
    public Optional<String> nameOf(int value) {
        for (Entry e : entries) if (e.value() == value) return Optional.of(e.name());
        return Optional.empty();
    }

    /** The value for a name ({@code "4MB"}, {@code "80m"}). */
    public Optional<Integer> valueOf(String name) {
        for (Entry e : entries) if (e.name().equals(name)) return Optional.of(e.value());
        return Optional.empty();
    }

    static FlashNames of(Object... pairs) {
        Entry[] e = new Entry[pairs.length / 2];
        for (int i = 0; i < e.length; i++) e[i] = new Entry((String) pairs[2 * i], (Integer) pairs[2 * i + 1]);
        return new FlashNames(List.of(e));
    }

    static final FlashNames SIZES_ESP32 = of("1MB", 0x00, "2MB", 0x10, "4MB", 0x20, "8MB", 0x30,
            "16MB", 0x40, "32MB", 0x50, "64MB", 0x60, "128MB", 0x70);
    static final FlashNames SIZES_ESP8266 = of("512KB", 0x00, "256KB", 0x10, "1MB", 0x20, "2MB", 0x30,
            "4MB", 0x40, "2MB-c1", 0x50, "4MB-c1", 0x60, "8MB", 0x80, "16MB", 0x90);

    static final FlashNames SPEEDS_ESP32 = of("80m", 0xF, "40m", 0x0, "26m", 0x1, "20m", 0x2);
    static final FlashNames SPEEDS_C2 = of("60m", 0xF, "30m", 0x0, "20m", 0x1, "15m", 0x2);
    static final FlashNames SPEEDS_C6 = of("80m", 0x0, "40m", 0x0, "20m", 0x2);
    static final FlashNames SPEEDS_C5 = of("80m", 0xF, "40m", 0x0, "20m", 0x2);
    static final FlashNames SPEEDS_H2 = of("48m", 0xF, "24m", 0x0, "16m", 0x1, "12m", 0x2);
}
