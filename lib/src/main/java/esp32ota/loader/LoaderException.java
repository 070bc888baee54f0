package esp32ota.loader;

/**
 * Everything that can go wrong talking to a serial loader, as one unchecked type with a {@link Kind}, so tests
 * and notebooks can tell a silent device from a refused command without matching prose.
 */
public final class LoaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No response inside the timeout (a device that stopped answering, a wrong baud, no device). */
        TIMEOUT,
        /** The port closed under us. */
        CLOSED,
        /** The transport failed (an IOException from the port). */
        IO,
        /** The device answered with a failure status; {@link #errorCode()} holds its error byte. */
        FAILED,
        /** The device does not know the command (ROM "invalid message" under another command byte). */
        UNSUPPORTED,
        /** A response that cannot be right (too short, wrong size, a bad MD5 text). */
        BAD_RESPONSE,
        /** Not the chip this operation needs, or a chip this client does not know. */
        WRONG_CHIP,
        /** The data read back does not match what was written. */
        VERIFY
    }

    private final Kind kind;
    private final int errorCode;

    public LoaderException(Kind kind, String message) { this(kind, -1, message, null); }

    public LoaderException(Kind kind, String message, Throwable cause) { this(kind, -1, message, cause); }

    public LoaderException(Kind kind, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public Kind kind() { return kind; }

    /** The device's error byte for {@link Kind#FAILED}, else -1. */
    public int errorCode() { return errorCode; }
}
