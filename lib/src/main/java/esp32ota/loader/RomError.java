package esp32ota.loader;

import java.util.Optional;

/**
 * The error byte a ROM loader puts after a failure status (esptool's table of ROM error codes, restated). A
 * response keeps the raw byte; this enum names the known ones.
 */
public enum RomError {
    UNDEFINED(0x00, "undefined error"),
    INVALID_PARAMETER(0x01, "the input parameter is invalid"),
    MALLOC_FAILED(0x02, "failed to allocate memory"),
    SEND_FAILED(0x03, "failed to send a message"),
    RECEIVE_FAILED(0x04, "failed to receive a message"),
    INVALID_MESSAGE(0x05, "the format of the received message is invalid"),
    FAILED_TO_ACT(0x06, "the message is fine but running it failed"),
    CHECKSUM(0x07, "checksum error"),
    FLASH_WRITE(0x08, "flash write error"),
    FLASH_READ(0x09, "flash read error"),
    FLASH_READ_LENGTH(0x0A, "flash read length error"),
    DEFLATE(0x0B, "deflate failed"),
    DEFLATE_ADLER32(0x0C, "deflate Adler-32 error"),
    DEFLATE_PARAMETER(0x0D, "deflate parameter error"),
    RAM_SIZE(0x0E, "invalid RAM binary size"),
    RAM_ADDRESS(0x0F, "invalid RAM binary address"),
    PARAMETER(0x64, "invalid parameter"),
    FORMAT(0x65, "invalid format"),
    DESCRIPTION_TOO_LONG(0x66, "description too long"),
    BAD_ENCODING(0x67, "bad encoding description"),
    INSUFFICIENT_STORAGE(0x69, "insufficient storage");

    private final int code;
    private final String meaning;

    RomError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() { return code; }

    public String meaning() { return meaning; }

    public static Optional<RomError> fromCode(int code) {
        for (RomError e : values()) if (e.code == code) return Optional.of(e);
        return Optional.empty();
    }

    /** {@code 0x07 (checksum error)}; unknown codes as bare hex. */
    public static String describe(int code) {
        return fromCode(code).map(e -> "0x%02X (%s)".formatted(code, e.meaning)).orElse("0x%02X".formatted(code));
    }
}
