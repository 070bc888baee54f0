package esp32ota.flash;

/**
 * How long the NOR flash's operations take on the virtual clock, in microseconds. Typical and worst-case figures of
 * a W25Q32JV-class 3 V part (Winbond W25Q-JV data sheets; ESP-IDF's generic driver allows up to 600 ms per sector
 * erase and 4.1 s per 64 KiB block).
 *
 * @param sectorErase 4 KiB sector erase (SE, 0x20)
 * @param blockErase  64 KiB block erase (BE, 0xD8)
 * @param pageProgram one 256-byte page program (PP, 0x02), whatever its length
 * @param readPerKiB  reading 1 KiB at 40 MHz DIO (about 50 µs)
 */
public record FlashTiming(long sectorErase, long blockErase, long pageProgram, long readPerKiB) {
    /** W25Q32JV typical: 45 ms sector erase, 150 ms block erase, 0.4 ms page program. */
    public static final FlashTiming TYPICAL = new FlashTiming(45_000, 150_000, 400, 50);
    /** W25Q32JV maximum: 400 ms, 2 s, 3 ms. */
    public static final FlashTiming WORST_CASE = new FlashTiming(400_000, 2_000_000, 3_000, 50);
    /** No time at all: for sweeps and tests that count operations only. */
    public static final FlashTiming INSTANT = new FlashTiming(0, 0, 0, 0);
}
