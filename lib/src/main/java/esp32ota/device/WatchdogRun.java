package esp32ota.device;

/**
 * A hung app meets the configured {@link Watchdog}: the time passes, the console shows what ESP-IDF v5.4 prints
 * (task_wdt.c task_wdt_isr and task_wdt_timeout_abort; panic.c esp_panic_handler), and the app stops. The panic
 * handler's output is shortened: no register dump, one fixed "Backtrace:" line, single blank lines.
 */
final class WatchdogRun {
    static final String TAG = "task_wdt";
    /** A plausible backtrace of a loop in app_main (fixed: the kit has no real code to unwind). */
    static final String BACKTRACE = "Backtrace: 0x400d5a8f:0x3ffb5c60 0x400d8e2b:0x3ffb5c80 0x40088f1d:0x3ffb5ca0";
    /** How many periods a log-only task watchdog prints before the model stops waiting. */
    static final int LOG_ONLY_PERIODS = 3;

    private WatchdogRun() {}

    /** Runs the watchdog over a hung app; returns how the app stops (throw it). */
    static AppStop hang(VirtualEsp32 d, AppContext ctx) {
        DeviceConfig c = d.config();
        switch (c.watchdog()) {
            case TASK_WDT_PANIC -> {
                ctx.delay(c.watchdogMillis());
                taskWdtLines(d);
                d.print(LogLevel.ERROR, TAG, "Aborting.");
                d.print(LogLevel.ERROR, TAG, "Print CPU 0 (current core) backtrace");
                panic(d, ctx, null);
                return new AppStop(ResetReason.SW_CPU_RESET, Boot.End.WATCHDOG);
            }
            case TASK_WDT_LOG_ONLY -> {
                for (int i = 0; i < LOG_ONLY_PERIODS; i++) {
                    ctx.delay(c.watchdogMillis());
                    taskWdtLines(d);
                    d.print(LogLevel.ERROR, TAG, "Print CPU 0 (current core) backtrace");
                    d.printRom("");
                    d.printRom(BACKTRACE);
                }
                return new AppStop(ResetReason.POWERON_RESET, Boot.End.HUNG);
            }
            default -> {
                ctx.delay(Watchdog.INTERRUPT_WDT_MILLIS);
                panic(d, ctx, "Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0). ");
                return new AppStop(ResetReason.SW_CPU_RESET, Boot.End.WATCHDOG);
            }
        }
    }

    /** task_wdt_isr: IDLE0 did not reset the watchdog because main kept CPU 0 busy. */
    private static void taskWdtLines(VirtualEsp32 d) {
        d.print(LogLevel.ERROR, TAG, "Task watchdog got triggered. "
                + "The following tasks/users did not reset the watchdog in time:");
        d.print(LogLevel.ERROR, TAG, " - IDLE0 (CPU 0)");
        d.print(LogLevel.ERROR, TAG, "Tasks currently running:");
        d.print(LogLevel.ERROR, TAG, "CPU 0: main");
        d.print(LogLevel.ERROR, TAG, "CPU 1: IDLE1");
    }

    /**
     * esp_panic_handler: the Guru Meditation line (none for the task watchdog's abort, which carries no reason), the
     * backtrace, the app's ELF SHA-256 prefix ({@code CONFIG_APP_RETRIEVE_LEN_ELF_SHA}=9: 8 hex digits), "Rebooting...".
     */
    private static void panic(VirtualEsp32 d, AppContext ctx, String guru) {
        if (guru != null) d.printRom(guru);
        d.printRom("");
        d.printRom(BACKTRACE);
        d.printRom("");
        if (ctx.descriptor() != null) {
            d.printRom("ELF file SHA256: " + ctx.descriptor().appElfSha256().hex().substring(0, 8));
            d.printRom("");
        }
        d.printRom("Rebooting...");
    }
}
