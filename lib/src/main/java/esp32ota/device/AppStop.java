package esp32ota.device;

/** Unwinds a running app when the chip stops under it: {@code esp_restart()}, a watchdog, or a hang nothing resets. */
final class AppStop extends RuntimeException {
    final ResetReason reason;
    final Boot.End end;

    AppStop(ResetReason reason) { this(reason, Boot.End.RESTART); }

    /** {@code reason}: the next reset's; {@code end}: how this boot ended. */
    AppStop(ResetReason reason, Boot.End end) {
        super("the app stopped: " + end + ", next " + reason, null, false, false);
        this.reason = reason;
        this.end = end;
    }
}
