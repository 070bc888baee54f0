package esp32ota.device;

/**
 * What a hung app leads to: which ESP-IDF watchdog notices it and what that watchdog does (ESP-IDF v5.4,
 * components/esp_system: task_wdt/task_wdt.c, int_wdt.c, panic.c, port/panic_handler.c; Kconfig
 * {@code ESP_TASK_WDT_PANIC}, default n; {@code ESP_TASK_WDT_TIMEOUT_S}, default 5;
 * {@code ESP_INT_WDT_TIMEOUT_MS}, default 300). The kit's hang is {@code app_main} spinning on CPU 0: the main
 * task (priority 1) starves IDLE0, which the task watchdog watches by default
 * ({@code ESP_TASK_WDT_CHECK_IDLE_TASK_CPU0=y}); {@link #INTERRUPT_WDT} is a spin with interrupts disabled.
 */
public enum Watchdog {
    /**
     * {@code CONFIG_ESP_TASK_WDT_PANIC=y} (the sample firmware's choice): after the task watchdog timeout,
     * task_wdt_isr prints which tasks did not reset it, task_wdt_timeout_abort prints "Aborting." and enters the
     * panic handler, which prints the backtrace and "Rebooting..."; the ROM then shows SW_CPU_RESET.
     */
    TASK_WDT_PANIC,
    /**
     * The ESP-IDF default, {@code CONFIG_ESP_TASK_WDT_PANIC=n}: every timeout period the task watchdog prints the same
     * lines and a backtrace, and never resets. The app stays hung (and PENDING_VERIFY) until someone presses reset.
     */
    TASK_WDT_LOG_ONLY,
    /**
     * A task stuck with interrupts disabled: after {@code CONFIG_ESP_INT_WDT_TIMEOUT_MS} (300 ms) the interrupt
     * watchdog's first stage panics ("Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0).")
     * and the panic handler restarts the chip (SW_CPU_RESET). Its second stage (TG1WDT_SYS_RESET) only fires when
     * the panic handler itself cannot run, which the kit does not model.
     */
    INTERRUPT_WDT;

    /** {@code CONFIG_ESP_INT_WDT_TIMEOUT_MS}'s default on an ESP32 without PSRAM. */
    public static final long INTERRUPT_WDT_MILLIS = 300;
}
