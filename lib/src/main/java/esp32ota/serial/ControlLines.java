package esp32ota.serial;

/**
 * The two modem control lines a USB-serial adapter drives. On ESP32 boards with the usual two-transistor auto-reset
 * circuit, RTS asserted pulls EN low (chip held in reset) and DTR asserted pulls IO0 low (download mode at boot),
 * except when both are asserted, which leaves both high.
 */
public record ControlLines(boolean dtr, boolean rts) {
    /** EN as the auto-reset circuit drives it: low (in reset) when RTS alone is asserted. */
    public boolean enLow() { return rts && !dtr; }

    /** IO0 as the auto-reset circuit drives it: low (download mode if sampled at reset) when DTR alone is asserted. */
    public boolean io0Low() { return dtr && !rts; }
}
