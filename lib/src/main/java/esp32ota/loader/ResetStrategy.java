package esp32ota.loader;

import esp32ota.serial.ControlLines;
import esp32ota.serial.Transport;
import esp32ota.serial.UsbId;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static esp32ota.loader.ResetStep.*;

/**
 * The DTR/RTS sequences that put an ESP32 into download mode, or restart it, through a board's auto-reset circuit
 * (RTS → EN, DTR → IO0, each through a transistor, so asserting both releases both), as esptool v4.12.0 drives
 * them (esptool/reset.py, restated). The chip samples IO0 when EN rises: low means download mode.
 * <pre>
 * strategy          sequence                                   notes
 * CLASSIC           D0|R1|W0.1|D1|R0|W0.05|D0                  lines one at a time; passes through (1,1), which
 *                                                              the board's EN capacitor rides out
 * CLASSIC_LONG      D0|R1|W0.1|D1|R0|W0.55|D0                  esptool's second try, for slow boards
 * TIGHT             U0,0|U1,1|U0,1|W0.1|U1,0|W0.05|U0,0|D0     both lines per call (Unix TIOCMSET): EN rises
 *                                                              exactly when IO0 goes low
 * TIGHT_LONG        … W0.55 …
 * USB_JTAG_SERIAL   R0|D0|W0.1|D1|R0|W0.1|R1|D0|R1|W0.1|D0|R0  the built-in USB-JTAG-serial (303A:1001) decodes
 *                                                              the lines itself
 * HARD_RESET        R1|W0.1|R0                                 restart into the app (IO0 high)
 * HARD_RESET_USB    R1|W0.2|R0|W0.2
 * </pre>
 */
public enum ResetStrategy {
    CLASSIC(classic(50)), CLASSIC_LONG(classic(550)),
    TIGHT(tight(50)), TIGHT_LONG(tight(550)),
    USB_JTAG_SERIAL(List.of(new Rts(false), new Dtr(false), ms(100), new Dtr(true), new Rts(false), ms(100),
            new Rts(true), new Dtr(false), new Rts(true), ms(100), new Dtr(false), new Rts(false))),
    HARD_RESET(List.of(new Rts(true), ms(100), new Rts(false))),
    HARD_RESET_USB(List.of(new Rts(true), ms(200), new Rts(false), ms(200)));

    /** How the caller waits: {@code Thread::sleep} for a real board, a recorder or a virtual clock in tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration time) throws InterruptedException;

        Pause REAL = t -> Thread.sleep(t.toMillis());
    }

    /**
     * What applying a strategy did: the line states set, in order, and whether the port has lines at all (a pty or
     * TCP does not: esptool warns "Chip was NOT reset. Setting RTS/DTR lines is not supported" and syncs anyway).
     */
    public record Outcome(ResetStrategy strategy, boolean linesSupported, List<ControlLines> states) { }

    private final List<ResetStep> steps;

    ResetStrategy(List<ResetStep> steps) { this.steps = List.copyOf(steps); }

    public List<ResetStep> steps() { return steps; }

    /** esptool's custom-reset notation, e.g. {@code D0|R1|W0.1|D1|R0|W0.05|D0}. */
    public String sequence() {
        return String.join("|", steps.stream().map(ResetStep::toString).toList());
    }

    /**
     * The strategies to try into download mode, in esptool's order on Unix: the USB-JTAG-serial sequence alone for
     * Espressif's built-in USB (303A:1001); otherwise tight, tight with the long delay, classic, classic long.
     */
    public static List<ResetStrategy> intoDownloadMode(Optional<UsbId> usb) {
        if (usb.isPresent() && usb.get().isUsbJtagSerial()) return List.of(USB_JTAG_SERIAL);
        return List.of(TIGHT, TIGHT_LONG, CLASSIC, CLASSIC_LONG);
    }

    /** The reset that restarts into the application. */
    public static ResetStrategy hardReset(Optional<UsbId> usb) {
        return usb.isPresent() && usb.get().isUsbJtagSerial() ? HARD_RESET_USB : HARD_RESET;
    }

    /**
     * Drives the lines, starting from both released. Stops at the first line change the port refuses (no lines:
     * a pty, TCP) and reports it; an I/O error on the port is a {@link LoaderException} of kind IO.
     */
    public Outcome apply(Transport port, Pause pause) {
        boolean dtr = false, rts = false;
        List<ControlLines> states = new ArrayList<>();
        try {
            for (ResetStep step : steps) {
                if (step instanceof Wait w) {
                    pause.pause(w.time());
                    continue;
                }
                if (step instanceof Dtr d) dtr = d.on();
                if (step instanceof Rts r) rts = r.on();
                if (step instanceof Both b) {
                    dtr = b.dtr();
                    rts = b.rts();
                }
                if (!port.setLines(dtr, rts)) return new Outcome(this, false, List.copyOf(states));
                states.add(new ControlLines(dtr, rts));
            }
        } catch (IOException e) {
            throw new LoaderException(LoaderException.Kind.IO, "%s: setting DTR/RTS failed: %s".formatted(port.name(),
                    e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderException(LoaderException.Kind.IO, "interrupted while resetting " + port.name(), e);
        }
        return new Outcome(this, true, List.copyOf(states));
    }

    private static List<ResetStep> classic(int delayMs) {
        return List.of(new Dtr(false), new Rts(true), ms(100), new Dtr(true), new Rts(false), ms(delayMs),
                new Dtr(false));
    }

    private static List<ResetStep> tight(int delayMs) {
        return List.of(new Both(false, false), new Both(true, true), new Both(false, true), ms(100),
                new Both(true, false), ms(delayMs), new Both(false, false), new Dtr(false));
    }

    private static Wait ms(int ms) { return new Wait(Duration.ofMillis(ms)); }
}
