package esp32ota.flash;

/**
 * Power failed during flash operation {@code opIndex}: that operation was done in part ({@link NorFlash.Tear}) or
 * not at all, and nothing after it happened. A simulated device catches this and resets.
 */
public final class PowerLossException extends RuntimeException {
    private final long opIndex;

    public PowerLossException(long opIndex, String message) {
        super(message);
        this.opIndex = opIndex;
    }

    public long opIndex() { return opIndex; }
}
