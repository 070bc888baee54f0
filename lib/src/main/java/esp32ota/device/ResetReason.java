package esp32ota.device;

/**
 * Why the ESP32 (re)started, as its ROM prints it on the first line after the banner:
 * {@code rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)} (ESP32 ROM {@code RESET_REASON} codes).
 */
public enum ResetReason {
    /** Power applied, or the EN (reset) button. */
    POWERON_RESET(0x1),
    /** A software reset of the whole digital system: the 2nd-stage bootloader found nothing to boot and retries. */
    SW_RESET(0x3),
    /** Timer group 1 watchdog (the interrupt watchdog): an app that hangs. */
    TG1WDT_SYS_RESET(0x8),
    /** {@code esp_restart()}: the app asked for it (after an OTA, or a rollback). */
    SW_CPU_RESET(0xC),
    /** The RTC watchdog: the ROM found no bootloader image ("invalid header") and the watchdog reset it. */
    RTCWDT_RTC_RESET(0x10);

    private final int code;

    ResetReason(int code) { this.code = code; }

    public int code() { return code; }

    /** {@code rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)}: the ROM's line for a flash boot. */
    public String romLine() { return "rst:0x%x (%s),boot:0x13 (SPI_FAST_FLASH_BOOT)".formatted(code, name()); }
}
