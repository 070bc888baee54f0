package esp32ota.loader;

import java.time.Duration;

/**
 * One step of a reset sequence, in esptool's custom-reset notation: {@code D1} sets DTR, {@code R0} clears RTS,
 * {@code U1,0} sets both in one call (DTR, RTS), {@code W0.1} waits 0.1 s.
 */
public sealed interface ResetStep {
    record Dtr(boolean on) implements ResetStep {
        @Override public String toString() { return on ? "D1" : "D0"; }
    }

    record Rts(boolean on) implements ResetStep {
        @Override public String toString() { return on ? "R1" : "R0"; }
    }

    record Both(boolean dtr, boolean rts) implements ResetStep {
        @Override public String toString() { return "U%d,%d".formatted(dtr ? 1 : 0, rts ? 1 : 0); }
    }

    record Wait(Duration time) implements ResetStep {
        @Override public String toString() {
            return "W" + java.math.BigDecimal.valueOf(time.toMillis(), 3).stripTrailingZeros().toPlainString();
        }
    }
}
