package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.bootlog.BootLog;
import esp32ota.bootlog.LogEvent;
import esp32ota.bytes.DecodeException;
import esp32ota.image.AppDescriptor;

import java.util.List;
import java.util.Optional;

/**
 * What one reset of a device did: the ROM, the 2nd-stage bootloader, and the app until it idled or stopped.
 *
 * @param reason   the reset reason the ROM printed
 * @param decision the bootloader's decision (empty when it never got that far: no bootloader, no partition table,
 *                 power lost)
 * @param booted   the app partition the bootloader jumped to
 * @param app      that app's description
 * @param end      how the boot ended
 * @param console  the console lines of this boot, ROM banner first
 * @param version  the version of the app that ran: its descriptor's when the boot knows it, else the version the app
 *                 printed on the console ({@code Running firmware version: …}, blink's line); empty when neither says.
 *                 Worked out once, by the constructor without it.
 */
public record Boot(ResetReason reason, Optional<BootDecision> decision, Optional<AppSlot> booted,
                   Optional<AppDescriptor> app, End end, List<ConsoleLine> console, Optional<String> version) {
    /** How a boot ends. */
    public enum End {
        /** The app started and is idle, waiting (a notebook may now call its OTA API). */
        RUNNING,
        /** The app called {@code esp_restart()}: the next reset is SW_CPU_RESET. */
        RESTART,
        /**
         * The app hung and a watchdog panicked ({@link Watchdog#TASK_WDT_PANIC}, {@link Watchdog#INTERRUPT_WDT}):
         * the panic handler restarts the chip, the next reset is SW_CPU_RESET.
         */
        WATCHDOG,
        /**
         * The app hung and the task watchdog only logs ({@link Watchdog#TASK_WDT_LOG_ONLY}, the ESP-IDF default):
         * nothing restarts the chip; the next reset is a manual one (POWERON_RESET).
         */
        HUNG,
        /** No app could be loaded (the real bootloader resets and tries again, forever). */
        NOTHING_BOOTED,
        /** Power failed during a flash operation; the next reset is POWERON_RESET. */
        POWER_LOSS
    }

    public Boot {
        console = List.copyOf(console);
    }

    /** A boot whose {@link #version()} is worked out from {@code app} and {@code console}. */
    public Boot(ResetReason reason, Optional<BootDecision> decision, Optional<AppSlot> booted,
                Optional<AppDescriptor> app, End end, List<ConsoleLine> console) {
        this(reason, decision, booted, app, end, console, versionOf(app, console));
    }

    /**
     * The last boot of a console log, as a board printed it (a board on a serial line, a saved log): the reason from
     * the ROM's {@code rst:} line, the app partition from {@code Loaded app from partition at offset …} and the
     * bootloader's table listing, the end RUNNING when an app was loaded (NOTHING_BOOTED otherwise), the console from
     * the ROM banner of that boot on. A log does not show the bootloader's decision nor the app's descriptor: both
     * are empty; {@link #version()} gives the version the app printed.
     *
     * @throws DecodeException the log has no {@code rst:} line, or one with a reset reason the kit does not know
     */
    public static Boot fromLog(BootLog log) {
        List<LogEvent> events = log.events();
        int start = -1;
        for (int i = 0; i < events.size(); i++) if (events.get(i) instanceof LogEvent.RomReset) start = i;
        if (start < 0) throw new DecodeException(DecodeException.Kind.TRUNCATED, 0, "console log",
                "ROM reset line", "rst:0x…", "none");
        LogEvent.RomReset rst = (LogEvent.RomReset) events.get(start);
        ResetReason reason = java.util.Arrays.stream(ResetReason.values()).filter(r -> r.code() == rst.code())
                .findFirst().orElseThrow(() -> new DecodeException(DecodeException.Kind.UNSUPPORTED, rst.line(),
                        "console log", "reset reason", "one the kit models", "0x%x (%s)".formatted(rst.code(),
                        rst.reason())));
        List<LogEvent> boot = events.subList(start, events.size());
        Optional<Long> loaded = boot.stream().filter(e -> e instanceof LogEvent.LoadedApp)
                .map(e -> ((LogEvent.LoadedApp) e).offset()).reduce((a, b) -> b);
        Optional<AppSlot> slot = loaded.flatMap(at -> boot.stream().filter(e -> e instanceof LogEvent.PartitionRow r
                        && r.offset() == at).map(e -> (LogEvent.PartitionRow) e).findFirst()).flatMap(Boot::slotOf);
        List<ConsoleLine> lines = log.lines();
        int first = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isRom() && lines.get(i).text().contains("rst:0x")) first = i;
        }
        int banner = first - 1;
        while (banner >= 0 && lines.get(banner).text().isBlank()) banner--;
        if (banner >= 0 && lines.get(banner).text().startsWith("ets ")) first = banner;
        return new Boot(reason, Optional.empty(), slot, Optional.empty(),
                loaded.isPresent() ? End.RUNNING : End.NOTHING_BOOTED, lines.subList(first, lines.size()));
    }

    private static Optional<AppSlot> slotOf(LogEvent.PartitionRow r) {
        if (r.type() != 0) return Optional.empty();
        if (r.subtype() == AppSlot.FACTORY.subtype()) return Optional.of(AppSlot.FACTORY);
        if (r.subtype() == AppSlot.TEST.subtype()) return Optional.of(AppSlot.TEST);
        if (r.subtype() >= 0x10 && r.subtype() < 0x20) return Optional.of(AppSlot.ota(r.subtype() - 0x10));
        return Optional.empty();
    }

    /** See {@link #version()}: the descriptor's version, else the one the last boot of the console printed. */
    private static Optional<String> versionOf(Optional<AppDescriptor> app, List<ConsoleLine> console) {
        if (app.isPresent()) return Optional.of(app.get().versionText());
        String text = String.join("\n", console.stream().map(ConsoleLine::formatted).toList());
        List<BootLog.BootSummary> boots = BootLog.parse(text).boots();
        return boots.isEmpty() ? Optional.empty() : boots.get(boots.size() - 1).appVersion();
    }

    /** The console of this boot as text, one line each. */
    public List<String> lines() { return console.stream().map(ConsoleLine::formatted).toList(); }

    /**
     * What the app printed: the lines after the ROM's and the 2nd-stage bootloader's ({@code boot},
     * {@code boot.esp32} and its {@code esp_image} lines), from the first line of another tag on; empty when no app ran.
     */
    public List<String> appLines() {
        int first = 0;
        while (first < console.size() && (console.get(first).isRom() || BOOTLOADER_TAGS.contains(console.get(first).tag()))) {
            first++;
        }
        return console.subList(first, console.size()).stream().map(ConsoleLine::formatted).toList();
    }

    private static final java.util.Set<String> BOOTLOADER_TAGS = java.util.Set.of("boot", "boot.esp32", "esp_image",
            "boot_comm");

    /** Whether the device restarts by itself after this boot (esp_restart or a watchdog panic). */
    public boolean restarts() { return end == End.RESTART || end == End.WATCHDOG; }
}
