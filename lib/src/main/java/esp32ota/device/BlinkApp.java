package esp32ota.device;

import esp32ota.otadata.OtaImgState;
import esp32ota.ota.OtaResult;

/**
 * The sample app "blink" (sample-images/images/blink and images/ota): at start it does what ESP-IDF's
 * native_ota_example does in {@code app_main}: if the running partition is still PENDING_VERIFY (first boot after
 * an update, rollback enabled) it runs its diagnostics, then confirms itself
 * ({@code esp_ota_mark_app_valid_cancel_rollback}) or rolls back
 * ({@code esp_ota_mark_app_invalid_rollback_and_reboot}); a version that hangs in its diagnostics never confirms
 * ({@link AppContext#hang()}): the task watchdog panics and the chip restarts while it is PENDING_VERIFY, and the
 * bootloader marks it ABORTED. The diagnostics
 * lines are native_ota_example's; the first line is the sample's own.
 */
public record BlinkApp(SelfTest selfTest) implements App {
    /** What the diagnostics do in this version. */
    public enum SelfTest { PASS, FAIL, HANG }

    public static final String TAG = "blink";

    public static BlinkApp passing() { return new BlinkApp(SelfTest.PASS); }

    @Override public void run(AppContext ctx) {
        ctx.log(LogLevel.INFO, TAG, "blink %s running from %s", ctx.descriptor().versionText(), ctx.running());
        OtaResult<Long> state = ctx.ota().getStatePartition(ctx.running());
        if (!state.ok() || state.value().orElseThrow() != OtaImgState.PENDING_VERIFY.code()) return;
        ctx.log(LogLevel.INFO, TAG, "Diagnostics (5 sec)...");
        if (selfTest == SelfTest.HANG) ctx.hang();
        ctx.delay(5_000);
        if (selfTest == SelfTest.PASS) {
            ctx.log(LogLevel.INFO, TAG, "Diagnostics completed successfully! Continuing execution ...");
            ctx.ota().markAppValidCancelRollback();
        } else {
            ctx.log(LogLevel.ERROR, TAG, "Diagnostics failed! Start rollback to the previous version ...");
            ctx.ota().markAppInvalidRollbackAndReboot();
        }
    }
}
