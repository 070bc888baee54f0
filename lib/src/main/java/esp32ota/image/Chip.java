package esp32ota.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The chips esptool v4.12.0 knows, in the order of its {@code ROM_LIST} (esptool/targets/__init__.py), with the
 * {@code chip_id} an image header carries ({@code IMAGE_CHIP_ID}; ESP-IDF {@code esp_chip_id_t}), the names of the
 * flash size and speed nibbles, the memory map used to name segments, and the flash windows (IROM/DROM) through
 * which the cache maps code and read-only data.
 *
 * <p>ESP8266 comes first as esptool's fallback: its images have no extended header and no chip id, and esptool
 * parses any image with an unknown chip id (or a {@code hash_appended} byte other than 0 and 1) as one.
 * Unknown chip ids are not errors: {@link #fromImageChipId} returns empty and the raw id stays in the header.
 */
public enum Chip {
    ESP8266("ESP8266", -1, FlashNames.SIZES_ESP8266, FlashNames.SPEEDS_ESP32, MemoryMap.ESP8266, 0, 0, 0, 0, false),
    ESP32("ESP32", 0, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32,
            0x400D0000L, 0x40400000L, 0x3F400000L, 0x3F800000L, true),
    ESP32_S2("ESP32-S2", 2, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32_S2,
            0x40080000L, 0x40B80000L, 0x3F000000L, 0x3F3F0000L, true),
    ESP32_S3_BETA2("ESP32-S3(beta2)", 4, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32_S3,
            0x42000000L, 0x44000000L, 0x3C000000L, 0x3E000000L, false),
    ESP32_S3("ESP32-S3", 9, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32_S3,
            0x42000000L, 0x44000000L, 0x3C000000L, 0x3E000000L, true),
    ESP32_C3("ESP32-C3", 5, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32_C3,
            0x42000000L, 0x42800000L, 0x3C000000L, 0x3C800000L, true),
    ESP32_C6_BETA("ESP32-C6(beta)", 7, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32_C3,
            0x42000000L, 0x42800000L, 0x3C000000L, 0x3C800000L, false),
    ESP32_H2_BETA1("ESP32-H2(beta1)", 10, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_H2, MemoryMap.NONE,
            0x42000000L, 0x42800000L, 0x3C000000L, 0x3C800000L, false),
    ESP32_H2_BETA2("ESP32-H2(beta2)", 14, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_H2, MemoryMap.NONE,
            0x42000000L, 0x42800000L, 0x3C000000L, 0x3C800000L, false),
    ESP32_C2("ESP32-C2", 12, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_C2, MemoryMap.ESP32_C2,
            0x42000000L, 0x42400000L, 0x3C000000L, 0x3C400000L, true),
    ESP32_C6("ESP32-C6", 13, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_C6, MemoryMap.ESP32_C6,
            0x42000000L, 0x43000000L, 0x42000000L, 0x43000000L, true),
    ESP32_C61("ESP32-C61", 20, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_C5, MemoryMap.ESP32_C61,
            0x42000000L, 0x44000000L, 0x42000000L, 0x44000000L, true),
    ESP32_C5("ESP32-C5", 23, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_C5, MemoryMap.ESP32_C5,
            0x42000000L, 0x44000000L, 0x42000000L, 0x44000000L, true),
    ESP32_C5_BETA3("ESP32-C5(beta3)", 17, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_C5, MemoryMap.ESP32_C5_BETA3,
            0x41000000L, 0x41800000L, 0x41000000L, 0x41800000L, false),
    ESP32_H2("ESP32-H2", 16, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_H2, MemoryMap.ESP32_C6,
            0x42000000L, 0x43000000L, 0x42000000L, 0x43000000L, true),
    ESP32_H21("ESP32-H21", 25, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_H2, MemoryMap.ESP32_C6,
            0x42000000L, 0x43000000L, 0x42000000L, 0x43000000L, false),
    ESP32_P4("ESP32-P4", 18, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_ESP32, MemoryMap.ESP32_P4,
            0x40000000L, 0x4C000000L, 0x40000000L, 0x4C000000L, true),
    ESP32_H4("ESP32-H4", 28, FlashNames.SIZES_ESP32, FlashNames.SPEEDS_H2, MemoryMap.ESP32_H4,
            0x42000000L, 0x43000000L, 0x42000000L, 0x43000000L, false);

    private final String esptoolName;
    private final int imageChipId;
    private final FlashNames flashSizes;
    private final FlashNames flashSpeeds;
    private final MemoryMap memoryMap;
    private final long iromStart, iromEnd, dromStart, dromEnd;
    private final boolean family;

    Chip(String esptoolName, int imageChipId, FlashNames flashSizes, FlashNames flashSpeeds, MemoryMap memoryMap,
         long iromStart, long iromEnd, long dromStart, long dromEnd, boolean family) {
        this.esptoolName = esptoolName;
        this.imageChipId = imageChipId;
        this.flashSizes = flashSizes;
        this.flashSpeeds = flashSpeeds;
        this.memoryMap = memoryMap;
        this.iromStart = iromStart;
        this.iromEnd = iromEnd;
        this.dromStart = dromStart;
        this.dromEnd = dromEnd;
        this.family = family;
    }

    /** esptool's {@code CHIP_NAME}: {@code ESP32-S3}, {@code ESP32-H2(beta1)}, … */
    public String esptoolName() { return esptoolName; }

    /** The {@code chip_id} header value; -1 for ESP8266, whose images have no such field. */
    public int imageChipId() { return imageChipId; }

    public FlashNames flashSizes() { return flashSizes; }

    public FlashNames flashSpeeds() { return flashSpeeds; }

    public MemoryMap memoryMap() { return memoryMap; }

    /** One of the ten released families this kit builds samples for (not a beta, not ESP8266). */
    public boolean isFamily() { return family; }

    /**
     * ESP-IDF's {@code SOC_MMU_PAGE_SIZE_CONFIGURABLE}: the flash MMU page size is a build option
     * ({@code CONFIG_MMU_PAGE_SIZE}, chosen from the flash size) rather than a fixed 64 KiB.
     */
    public boolean hasConfigurableMmuPage() {
        return switch (this) {
            case ESP32_C2, ESP32_C6, ESP32_C61, ESP32_H2, ESP32_H21, ESP32_H4 -> true;
            default -> false;
        };
    }

    /** True when {@code address} lies in a window the cache maps from flash (esptool IROM/DROM_MAP_START..END). */
    public boolean isFlashMapped(long address) {
        return (iromStart <= address && address < iromEnd) || (dromStart <= address && address < dromEnd);
    }

    /** The chip whose {@code IMAGE_CHIP_ID} is {@code id}; ESP8266 is never returned (it has no id). */
    public static Optional<Chip> fromImageChipId(int id) {
        for (Chip c : values()) if (c != ESP8266 && c.imageChipId == id) return Optional.of(c);
        return Optional.empty();
    }

    /**
     * A chip by a name people type: {@code esp32c3}, {@code ESP32-C3}, {@code esp32-h2(beta1)} (case, dashes and
     * brackets ignored, as esptool's {@code strip_chip_name}).
     */
    public static Optional<Chip> fromName(String name) {
        String key = strip(name);
        return Arrays.stream(values()).filter(c -> strip(c.esptoolName).equals(key)).findFirst();
    }

    /** The ten families, in table order. */
    public static java.util.List<Chip> families() {
        return Arrays.stream(values()).filter(Chip::isFamily).toList();
    }

    private static String strip(String s) { return s.toLowerCase(Locale.ROOT).replaceAll("[-()_ ]", ""); }
}
