package esp32ota.device;

/** Unwinds a running app when the chip stops under it: {@code esp_restart()} or the watchdog. */
final class AppStop extends RuntimeException {
    final ResetReason reason;

    AppStop(ResetReason reason) {
        super("the app stopped: " + reason, null, false, false);
        this.reason = reason;
    }
}
