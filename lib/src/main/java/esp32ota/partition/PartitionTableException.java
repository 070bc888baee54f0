package esp32ota.partition;

/**
 * A partition table that breaks a gen_esp32part rule while it is being parsed or encoded (the tool's
 * {@code InputError}). The message is the tool's own wording, so the CLI can print it verbatim.
 */
public final class PartitionTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PartitionTableException(String message) { super(message); }
}
