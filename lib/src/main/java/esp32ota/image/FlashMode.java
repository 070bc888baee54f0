package esp32ota.image;

import java.util.Optional;

/**
 * {@code esp_image_spi_mode_t} (esp_app_format.h): how the ROM talks to the flash chip. esptool names only the
 * first four ({@code FLASH_MODES} in cmds.py) and prints "WARNING: Invalid flash mode (4)" for the rest.
 */
public enum FlashMode {
    QIO, QOUT, DIO, DOUT, FAST_READ, SLOW_READ;

    public int code() { return ordinal(); }

    /** The name esptool prints (upper case), only for the four modes it knows. */
    public Optional<String> esptoolName() { return ordinal() <= 3 ? Optional.of(name()) : Optional.empty(); }

    public static Optional<FlashMode> fromCode(int code) {
        return Optional.ofNullable(switch (code) {
            case 0 -> QIO;
            case 1 -> QOUT;
            case 2 -> DIO;
            case 3 -> DOUT;
            case 4 -> FAST_READ;
            case 5 -> SLOW_READ;
            default -> null;
        });
    }
}
