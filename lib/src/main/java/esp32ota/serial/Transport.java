package esp32ota.serial;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one seam between protocol code and hardware: a byte pipe to a device with a read timeout, a baud rate and,
 * where the port has them, the DTR and RTS control lines that auto-reset boards wire to EN and IO0.
 * <p>
 * Implementations: {@link JSerialCommTransport} (a USB serial port or any tty path), {@link TcpTransport}
 * ({@code socket://host:port}, as esptool's pyserial URL) and {@link PipeTransport} (in memory, for tests and the
 * virtual device). {@link Transports#open(String)} picks one from the port's form.
 * <p>
 * Errors are {@link IOException}s that name the port. A port without control lines (a pty, TCP) is not an error:
 * {@link #setLines} answers {@code false}, as esptool warns "Setting RTS/DTR lines is not supported" and carries on.
 */
public interface Transport extends AutoCloseable {

    /** The port as the user named it ({@code /dev/ttyUSB0}, {@code socket://127.0.0.1:5555}, {@code pipe:a}). */
    String name();

    /** Writes every byte of {@code data[from, from + length)}. */
    void write(byte[] data, int from, int length) throws IOException;

    default void write(byte[] data) throws IOException { write(data, 0, data.length); }

    /**
     * Reads what has arrived, up to {@code length} bytes, waiting at most {@code timeout} for the first one.
     *
     * @return the count read, 0 when the timeout passed with nothing to read, -1 when the other end closed
     */
    int read(byte[] into, int from, int length, Duration timeout) throws IOException;

    /** Throws away everything received and not read yet (esptool flushes input before each SYNC). */
    default void discardInput() throws IOException {
        byte[] sink = new byte[4096];
        while (read(sink, 0, sink.length, Duration.ZERO) > 0) {
            // keep reading until nothing is waiting
        }
    }

    /** Sets the line speed; transports without a wire (TCP, pipes) only record it. */
    void setBaud(int baud) throws IOException;

    int baud();

    /**
     * Sets DTR and RTS together (one ioctl where the port allows, as esptool's "tight" reset needs).
     *
     * @return false when the port has no control lines (a pty, TCP); nothing is changed then
     */
    boolean setLines(boolean dtr, boolean rts) throws IOException;

    /** The USB vendor and product id of the adapter, when the port is a USB device that reports one. */
    default Optional<UsbId> usbId() { return Optional.empty(); }

    @Override
    void close() throws IOException;
}
