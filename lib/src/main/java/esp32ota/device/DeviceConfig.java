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
 * @param watchdogMillis how long a hung app runs before the watchdog resets the chip
 */
public record DeviceConfig(OtaConfig ota, LogLevel logLevel, String idfVersion, long watchdogMillis) {
    /** Rollback on or off, INFO level, ESP-IDF v5.4.1, 5 s watchdog. */
    public static DeviceConfig of(boolean rollback) {
        return new DeviceConfig(OtaConfig.of(rollback), LogLevel.INFO, "v5.4.1", 5_000);
    }

    public DeviceConfig withOta(OtaConfig o) { return new DeviceConfig(o, logLevel, idfVersion, watchdogMillis); }

    public DeviceConfig withLogLevel(LogLevel l) { return new DeviceConfig(ota, l, idfVersion, watchdogMillis); }

    public DeviceConfig withAntiRollback(boolean on) { return withOta(ota.withAntiRollback(on)); }

    public DeviceConfig withInvalidateInactiveOtadata(boolean on) {
        return withOta(ota.withInvalidateInactiveOtadata(on));
    }

    public DeviceConfig withAlgorithm(SetBootAlgorithm a) { return withOta(ota.withAlgorithm(a)); }
}
