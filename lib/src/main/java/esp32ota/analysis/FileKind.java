package esp32ota.analysis;

/**
 * What a firmware file is, judged from its bytes alone (never from its name): {@link Identification} decides.
 * <ul>
 * <li>{@link #APP_IMAGE}: an ESP32-family image (magic 0xE9, known chip id) with an app descriptor, a flash-mapped
 *     segment, or too large for a bootloader (a RAM-only app)</li>
 * <li>{@link #BOOTLOADER}: an ESP32-family image that only loads into RAM, with a bootloader descriptor or small
 *     enough to be one; also one preceded by a secure-boot v1 digest sector</li>
 * <li>{@link #ESP8266_IMAGE}: an image esptool would read as ESP8266 (magic 0xEA, or 0xE9 without a known chip
 *     id)</li>
 * <li>{@link #FLASH_DUMP}: a whole flash read from a board, or a merged ("factory") image: a partition table at a
 *     4 KiB boundary after the start</li>
 * <li>{@link #PARTITION_TABLE}: a binary partition table (rows from the first byte)</li>
 * <li>{@link #OTADATA}: an 8 KiB otadata partition: two sectors, each a 32-byte entry (or erased) then 0xFF</li>
 * <li>{@link #ENCRYPTED}: bytes that look random (flash encryption), with no structure the kit knows</li>
 * <li>{@link #UNKNOWN}: anything else, including empty and unreadable files</li>
 * </ul>
 */
public enum FileKind {
    APP_IMAGE("app image"), BOOTLOADER("bootloader"), ESP8266_IMAGE("ESP8266 image"), FLASH_DUMP("flash dump"),
    PARTITION_TABLE("partition table"), OTADATA("otadata"), ENCRYPTED("encrypted"), UNKNOWN("unknown");

    private final String label;

    FileKind(String label) { this.label = label; }

    /** The words tables and reports use: {@code app image}, {@code flash dump}, … */
    public String label() { return label; }

    @Override public String toString() { return label; }
}
