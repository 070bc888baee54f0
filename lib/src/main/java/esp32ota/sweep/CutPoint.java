package esp32ota.sweep;

import esp32ota.flash.FlashOp;
import esp32ota.flash.NorFlash;

/**
 * One place to cut the power: during operation {@code step} of the update (counted from the update's first flash
 * operation, 0-based), leaving it {@code tear}.
 *
 * @param step  position in the update's operation stream, from 0
 * @param tear  how much of the operation was done when the power failed
 * @param op    the operation as the uncut update performed it (its index is the flash's own operation number)
 * @param phase the step of the update that made it
 */
public record CutPoint(int step, NorFlash.Tear tear, FlashOp op, Phase phase) {
    /** {@code erase 0x150000+0x1000} or {@code program 0x150100+0x100}. */
    public String operation() {
        return "%s 0x%x+0x%x".formatted(SweepResult.kind(op), op.address(), op.length());
    }
}
