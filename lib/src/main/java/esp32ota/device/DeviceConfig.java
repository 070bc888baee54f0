package esp32ota.device;

import esp32ota.ota.SetBootAlgorithm;
import esp32ota.ota.OtaConfig;

/**
 * How the firmware on a virtual ESP32 was built: the Kconfig options that change booting and OTA, and what the
 * console shows.
 *
 * @param ota           rollback, anti-rollback, the v5.5 otadata invalidation, the set-boot algorithm
 * @param logLevel      the lowest level the console prints ({@code CONFIG_LOG_DEFAULT_LEVEL}, bootloader and app
 *                      alike); INFO as shipped, DEBUG shows the bootloader's otadata decisions
 * @param idfVersion    the ESP-IDF version the bootloader banner names
 * @param watchdogMillis the task watchdog's timeout ({@code CONFIG_ESP_TASK_WDT_TIMEOUT_S}, 5 s by default): how
 *                      long a hung app runs before the task watchdog triggers
 * @param watchdog      what a hung app leads to: a task watchdog that panics (the sample firmware), one that only
 *                      logs (ESP-IDF's default), or the interrupt watchdog
 */
public record DeviceConfig(OtaConfig ota, LogLevel logLevel, String idfVersion, long watchdogMillis,
                           Watchdog watchdog) {
    /** With the sample firmware's watchdog, {@link Watchdog#TASK_WDT_PANIC}. */
    public DeviceConfig(OtaConfig ota, LogLevel logLevel, String idfVersion, long watchdogMillis) {
        this(ota, logLevel, idfVersion, watchdogMillis, Watchdog.TASK_WDT_PANIC);
    }

    /** Rollback on or off, INFO level, ESP-IDF v5.4.1, a task watchdog of 5 s that panics. */
    public static DeviceConfig of(boolean rollback) {
        return new DeviceConfig(OtaConfig.of(rollback), LogLevel.INFO, "v5.4.1", 5_000, Watchdog.TASK_WDT_PANIC);
    }

    public DeviceConfig withOta(OtaConfig o) {
        return new DeviceConfig(o, logLevel, idfVersion, watchdogMillis, watchdog);
    }

    public DeviceConfig withLogLevel(LogLevel l) {
        return new DeviceConfig(ota, l, idfVersion, watchdogMillis, watchdog);
    }

    /** What a hung app leads to. */
    public DeviceConfig withWatchdog(Watchdog w) {
        return new DeviceConfig(ota, logLevel, idfVersion, watchdogMillis, w);
    }

    public DeviceConfig withAntiRollback(boolean on) { return withOta(ota.withAntiRollback(on)); }

    public DeviceConfig withInvalidateInactiveOtadata(boolean on) {
        return withOta(ota.withInvalidateInactiveOtadata(on));
    }

    public DeviceConfig withAlgorithm(SetBootAlgorithm a) { return withOta(ota.withAlgorithm(a)); }
}
