package esp32ota.device;

import esp32ota.ota.OtaConfig;

/**
 * How the firmware on a virtual ESP32 was built: the Kconfig options that change booting and OTA, and what the
 * console shows.
 *
 * @param ota           rollback, anti-rollback and the ESP-IDF release, which decides both the console's wording
 *                      ({@link #idfVersion()}) and the OTA API's behaviour
 * @param logLevel      the lowest level the console prints ({@code CONFIG_LOG_DEFAULT_LEVEL}, bootloader and app
 *                      alike); INFO as shipped, DEBUG shows the bootloader's otadata decisions
 * @param watchdogMillis the task watchdog's timeout ({@code CONFIG_ESP_TASK_WDT_TIMEOUT_S}, 5 s by default): how
 *                      long a hung app runs before the task watchdog triggers
 * @param watchdog      what a hung app leads to: a task watchdog that panics (the sample firmware), one that only
 *                      logs (ESP-IDF's default), or the interrupt watchdog
 */
public record DeviceConfig(OtaConfig ota, LogLevel logLevel, long watchdogMillis, Watchdog watchdog) {
    /** With the sample firmware's watchdog, {@link Watchdog#TASK_WDT_PANIC}. */
    public DeviceConfig(OtaConfig ota, LogLevel logLevel, long watchdogMillis) {
        this(ota, logLevel, watchdogMillis, Watchdog.TASK_WDT_PANIC);
    }

    /** Rollback on or off, INFO level, ESP-IDF v5.4.1, a task watchdog of 5 s that panics. */
    public static DeviceConfig of(boolean rollback) {
        return new DeviceConfig(OtaConfig.of(rollback), LogLevel.INFO, 5_000, Watchdog.TASK_WDT_PANIC);
    }

    /** The ESP-IDF release the firmware was built with ({@link OtaConfig#idfVersion}); the banner names it. */
    public String idfVersion() { return ota.idfVersion(); }

    public DeviceConfig withOta(OtaConfig o) {
        return new DeviceConfig(o, logLevel, watchdogMillis, watchdog);
    }

    public DeviceConfig withLogLevel(LogLevel l) {
        return new DeviceConfig(ota, l, watchdogMillis, watchdog);
    }

    /** What a hung app leads to. */
    public DeviceConfig withWatchdog(Watchdog w) {
        return new DeviceConfig(ota, logLevel, watchdogMillis, w);
    }

    public DeviceConfig withAntiRollback(boolean on) { return withOta(ota.withAntiRollback(on)); }

    /** Firmware built with ESP-IDF {@code version}: the console's wording and the OTA API's behaviour follow it. */
    public DeviceConfig withIdfVersion(String version) { return withOta(ota.withIdfVersion(version)); }
}
