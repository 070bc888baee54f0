package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
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
 */
public record Boot(ResetReason reason, Optional<BootDecision> decision, Optional<AppSlot> booted,
                   Optional<AppDescriptor> app, End end, List<ConsoleLine> console) {
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
