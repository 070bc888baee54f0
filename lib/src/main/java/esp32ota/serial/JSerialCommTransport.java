package esp32ota.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A real serial port (a USB-serial adapter such as CP2102 or CH340, Espressif's USB-JTAG-serial) or any tty path (a
 * pty made by socat or the virtual device), through jSerialComm 2.11.4. jSerialComm reports failure as {@code false}
 * or {@code -1} plus an error code; this class turns each into an {@link IOException} that names the port.
 * <p>
 * Only this class touches {@link SerialPort}, and only when a port is opened, so code that never opens a tty never
 * loads jSerialComm's native library. On a pty the DTR/RTS ioctls fail with ENOTTY (errno 25): {@link #setLines}
 * answers false, as on TCP.
 */
public final class JSerialCommTransport implements Transport {
    /** A write that cannot drain in this long (a wedged adapter) fails rather than hanging. */
    private static final int WRITE_TIMEOUT_MS = 5000;
    private static final int MODES = SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING;

    private final String name;
    private final SerialPort port;
    private int timeoutMs = -1;

    private JSerialCommTransport(String name, SerialPort port) {
        this.name = name;
        this.port = port;
    }

    /**
     * Opens {@code path} at {@code baud}, 8N1, no flow control. DTR and RTS are released before opening, so opening a
     * port neither holds the board in reset nor drops it into download mode.
     */
    public static JSerialCommTransport open(String path, int baud) throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no such serial port: " + path, e);
        }
        p.clearDTR();
        p.clearRTS();
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(MODES, 100, WRITE_TIMEOUT_MS);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port %s: busy (another program has it open) or no permission "
                    .formatted(path) + "(jSerialComm error %d at line %d)".formatted(p.getLastErrorCode(),
                    p.getLastErrorLocation()));
        }
        return new JSerialCommTransport(path, p);
    }

    @Override public String name() { return name; }

    @Override public void write(byte[] data, int from, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(data, length - done, from + done);
            if (n < 0) throw failure("writing to");
            if (n == 0) throw new IOException("writing to serial port %s timed out after %d ms".formatted(name,
                    WRITE_TIMEOUT_MS));
            done += n;
        }
    }

    @Override public int read(byte[] into, int from, int length, Duration timeout) throws IOException {
        if (!port.isOpen()) return -1;
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        if (ms == 0) {                                   // semi-blocking with 0 would wait forever
            int ready = port.bytesAvailable();
            if (ready < 0) throw failure("reading from");
            if (ready == 0) return 0;
            length = Math.min(length, ready);
        } else if (ms != timeoutMs) {
            if (!port.setComPortTimeouts(MODES, ms, WRITE_TIMEOUT_MS)) throw failure("configuring");
            timeoutMs = ms;
        }
        int n = port.readBytes(into, length, from);
        if (n < 0) throw failure("reading from");
        return n;
    }

    @Override public void setBaud(int baud) throws IOException {
        if (!port.setBaudRate(baud)) throw failure("setting baud %d on".formatted(baud));
    }

    @Override public int baud() { return port.getBaudRate(); }

    @Override public boolean setLines(boolean dtr, boolean rts) {
        return port.setDTRandRTS(dtr, rts);
    }

    @Override public Optional<UsbId> usbId() {
        int vendor = port.getVendorID(), product = port.getProductID();
        return vendor < 0 || product < 0 ? Optional.empty() : Optional.of(new UsbId(vendor, product));
    }

    @Override public void close() throws IOException {
        if (port.isOpen() && !port.closePort()) throw failure("closing");
    }

    private IOException failure(String doing) {
        return new IOException("%s serial port %s failed (jSerialComm error %d at line %d)".formatted(doing, name,
                port.getLastErrorCode(), port.getLastErrorLocation()));
    }
}
