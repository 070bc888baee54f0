package esp32ota.image;

/**
 * What the bootloader does with a segment, judged by its load address alone, as ESP-IDF esp_image_format.c
 * {@code should_map} and {@code should_load} do. The flash windows are those of {@link Chip#isFlashMapped} (esptool's
 * IROM/DROM map ranges, the ones the kit's verifier applies the 64 KiB MMU rule to).
 */
public enum SegmentPlacement {
    /** In a flash window (IROM or DROM): the cache maps the bytes where they lie in flash; nothing is copied. */
    MAPPED,
    /** Anywhere else from 0x10000000 up (IRAM, DRAM, RTC memory): the bootloader copies the bytes there. */
    COPIED,
    /** Below 0x10000000 (0 = padding, 4 = reserved for an MD5 block): never loaded. */
    NOT_LOADED;

    /** Addresses below this are never loaded. */
    public static final long LOWEST_LOADED = 0x10000000L;

    /**
     * The placement of a segment loaded at {@code loadAddr} on {@code chip}. Not modelled: after a deep-sleep wake
     * the bootloader leaves RTC memory as it is instead of copying.
     */
    public static SegmentPlacement of(Chip chip, long loadAddr) {
        if (chip.isFlashMapped(loadAddr)) return MAPPED;
        return loadAddr < LOWEST_LOADED ? NOT_LOADED : COPIED;
    }
}
