package esp32ota.device;

/**
 * Why the ESP32 (re)started, as its ROM prints it on the first line after the banner:
 * {@code rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)} (ESP32 ROM {@code RESET_REASON} names and codes,
 * components/esp_rom/esp32/include/esp32/rom/rtc.h, the same numbers as soc/esp32 reset_reasons.h).
 */
public enum ResetReason {
    /** Power applied, or the EN (reset) button. */
    POWERON_RESET(0x1),
    /** A software reset of the whole digital system: the 2nd-stage bootloader found nothing to boot and retries. */
    SW_RESET(0x3),
    /**
     * Timer group 1's watchdog reset the whole system. In ESP-IDF v5.x TG1 is the interrupt watchdog (int_wdt.c):
     * its first stage is a panic, which restarts with SW_CPU_RESET; this code appears only when its second,
     * system-reset stage fires because the panic handler could not run, which the kit does not model (a hung app
     * ends as {@link Watchdog} says). The bootloader warns "PRO CPU has been reset by WDT" for this code.
     */
    TG1WDT_SYS_RESET(0x8),
    /**
     * {@code esp_restart()}: the app asked for it (after an OTA, or a rollback); also every panic, abort() and
     * failed assert, which restart through {@code esp_restart_noos} (esp_rom_software_reset_cpu): a task watchdog
     * with {@code CONFIG_ESP_TASK_WDT_PANIC=y} or an interrupt watchdog timeout, the kit's hung app.
     */
    SW_CPU_RESET(0xC),
    /** The RTC watchdog: the ROM found no bootloader image ("invalid header") and the watchdog reset it. */
    RTCWDT_RTC_RESET(0x10);

    private final int code;

    ResetReason(int code) { this.code = code; }

    public int code() { return code; }

    /** {@code rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)}: the ROM's line for a flash boot. */
    public String romLine() { return "rst:0x%x (%s),boot:0x13 (SPI_FAST_FLASH_BOOT)".formatted(code, name()); }
}
