package esp32ota.loader;

import java.util.Optional;

/**
 * The serial loader's command bytes (esptool docs, serial-protocol.rst). The first group is in the ESP32 ROM; the
 * {@code 0xD0}… group exists only in a flasher stub. {@code GET_SECURITY_INFO} is not in the ESP32 ROM: it answers
 * "invalid message", and clients then detect the chip by its magic register.
 */
public enum Command {
    FLASH_BEGIN(0x02), FLASH_DATA(0x03), FLASH_END(0x04),
    MEM_BEGIN(0x05), MEM_END(0x06), MEM_DATA(0x07),
    SYNC(0x08), WRITE_REG(0x09), READ_REG(0x0A),
    SPI_SET_PARAMS(0x0B), SPI_ATTACH(0x0D), READ_FLASH_SLOW(0x0E), CHANGE_BAUDRATE(0x0F),
    FLASH_DEFL_BEGIN(0x10), FLASH_DEFL_DATA(0x11), FLASH_DEFL_END(0x12), SPI_FLASH_MD5(0x13),
    GET_SECURITY_INFO(0x14),
    ERASE_FLASH(0xD0), ERASE_REGION(0xD1), READ_FLASH(0xD2), RUN_USER_CODE(0xD3);

    private final int code;

    Command(int code) { this.code = code; }

    public int code() { return code; }

    /** The command with this byte, if any: unknown bytes stay raw in {@link Request#command()}. */
    public static Optional<Command> fromCode(int code) {
        for (Command c : values()) if (c.code == code) return Optional.of(c);
        return Optional.empty();
    }

    /** Name for messages: {@code FLASH_DATA (0x03)}, or {@code 0x7F} for an unknown byte. */
    public static String describe(int code) {
        return fromCode(code).map(c -> "%s (0x%02X)".formatted(c, code)).orElse("0x%02X".formatted(code));
    }
}
