package esp32ota.loader;

import esp32ota.image.Chip;

import java.util.Optional;

/**
 * How a host tells which chip answered. Newer ROMs answer GET_SECURITY_INFO with a chip id (the image header's
 * {@code chip_id}); ESP8266, ESP32 and ESP32-S2 do not, and are told apart by the word at {@link #MAGIC_REGISTER}.
 */
public final class ChipDetect {
    /** A ROM word whose value differs per chip (esptool: CHIP_DETECT_MAGIC_REG_ADDR). */
    public static final long MAGIC_REGISTER = 0x40001000L;
    public static final long MAGIC_ESP8266 = 0xFFF0C101L, MAGIC_ESP32 = 0x00F01D83L, MAGIC_ESP32_S2 = 0x000007C6L;

    private ChipDetect() { }

    /** The chip whose ROM holds {@code magic} at the magic register; empty for a value no magic-detected chip has. */
    public static Optional<Chip> byMagic(long magic) {
        if (magic == MAGIC_ESP8266) return Optional.of(Chip.ESP8266);
        if (magic == MAGIC_ESP32) return Optional.of(Chip.ESP32);
        if (magic == MAGIC_ESP32_S2) return Optional.of(Chip.ESP32_S2);
        return Optional.empty();
    }

    /** The chip with this GET_SECURITY_INFO chip id (the image header's chip id). */
    public static Optional<Chip> byChipId(long chipId) {
        return chipId < 0 || chipId > 0xFFFF ? Optional.empty() : Chip.fromImageChipId((int) chipId);
    }
}
