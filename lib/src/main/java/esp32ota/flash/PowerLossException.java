package esp32ota.flash;

import java.util.Optional;

/**
 * Power failed during flash operation {@code opIndex}: that operation was done in part ({@link NorFlash.Tear}) or
 * not at all, and nothing after it happened. A simulated device catches this and resets.
 * <p>
 * The flash throws it twice over: once for the operation the cut interrupts ({@link #interrupted()} says which one
 * and {@link #tear()} how much of it was done), then for every operation tried while the power is still off
 * ({@link #interrupted()} empty, {@link #opIndex()} still the cut one) until {@link NorFlash#powerOn()}.
 */
public final class PowerLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long opIndex;
    private final transient FlashOp interrupted;
    private final NorFlash.Tear tear;

    /** An operation tried while the power is off; {@code opIndex} is the operation the cut interrupted. */
    public PowerLossException(long opIndex, String message) {
        super(message);
        this.opIndex = opIndex;
        this.interrupted = null;
        this.tear = null;
    }

    /** The cut itself: {@code interrupted} was done as {@code tear} says. */
    public PowerLossException(FlashOp interrupted, NorFlash.Tear tear, String message) {
        super(message);
        this.opIndex = interrupted.index();
        this.interrupted = interrupted;
        this.tear = tear;
    }

    /** Index of the operation the power cut interrupted. */
    public long opIndex() { return opIndex; }

    /** The operation the cut interrupted (as it was asked for, whole), when this exception is the cut itself. */
    public Optional<FlashOp> interrupted() { return Optional.ofNullable(interrupted); }

    /** How much of {@link #interrupted()} was done, when this exception is the cut itself. */
    public Optional<NorFlash.Tear> tear() { return Optional.ofNullable(tear); }
}
