package esp32ota.cli;

/**
 * Bad input or usage: {@link Main} prints the message (no stack trace) on stderr and exits with status 2.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) { super(message); }
}
