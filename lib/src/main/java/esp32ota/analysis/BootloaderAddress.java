package esp32ota.analysis;

import esp32ota.image.Chip;

/**
 * Where the ROM looks for the 2nd-stage bootloader in flash, per chip (ESP-IDF
 * {@code CONFIG_BOOTLOADER_OFFSET_IN_FLASH}; esptool {@code BOOTLOADER_FLASH_OFFSET}):
 * <pre>
 * 0x1000  ESP32, ESP32-S2
 * 0x2000  ESP32-P4, ESP32-C5 (and its beta), ESP32-H4
 * 0x0     every other chip (C2, C3, C6, C61, H2, S3, …) and ESP8266
 * </pre>
 * A merged image starts at this address; a full dump starts at 0.
 */
public final class BootloaderAddress {
    private BootloaderAddress() {}

    public static long of(Chip chip) {
        return switch (chip) {
            case ESP32, ESP32_S2 -> 0x1000;
            case ESP32_P4, ESP32_C5, ESP32_C5_BETA3, ESP32_H4 -> 0x2000;
            default -> 0x0;
        };
    }
}
