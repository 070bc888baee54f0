/**
 * The 2nd-stage bootloader (ESP-IDF's bootloader_utility.c): {@link esp32ota.boot.Bootloader#decide} reads the
 * partition table ({@link esp32ota.boot.BootloaderView}) and otadata, may rewrite otadata, and loads an app
 * ({@link esp32ota.boot.BootDecision}).
 *
 * <p>It also holds the vocabulary that the application side ({@code esp32ota.ota}) shares with the bootloader, as
 * the two share code on a device: app slots ({@link esp32ota.boot.AppSlot}), the build configuration
 * ({@link esp32ota.boot.BootConfig}, {@link esp32ota.boot.AntiRollback}), log lines ({@link esp32ota.boot.LogLine}),
 * otadata rewrites ({@link esp32ota.boot.OtadataWrite}) and the {@link esp32ota.boot.Journal} that collects them
 * during one run. Nothing here depends on {@code esp32ota.ota}. The otadata selection rule itself lives with the
 * format, in {@link esp32ota.otadata.OtaData#select}.
 */
package esp32ota.boot;
