package esp32ota.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a port by the form of its name, as esptool's {@code --port}: a tty path or {@code socket://host:port}. */
public final class Transports {
    /** The ESP32 ROM console and download mode speak 115200 8N1. */
    public static final int ROM_BAUD = 115_200;

    private Transports() { }

    /** {@link #open(String, int)} at 115200 baud. */
    public static Transport open(String port) throws IOException { return open(port, ROM_BAUD); }

    /**
     * {@code socket://host:port} → {@link TcpTransport}; a path to a character device (a USB serial port, a pty, a
     * symlink to one) → {@link JSerialCommTransport}; a Windows {@code COMn} name → jSerialComm as well. A path that
     * does not exist or is a regular file is refused before jSerialComm is loaded.
     */
    public static Transport open(String port, int baud) throws IOException {
        if (port == null || port.isBlank()) throw new IOException("no port given (a tty path or socket://host:port)");
        if (baud <= 0) throw new IOException("baud must be positive, not " + baud);
        if (port.contains("://")) {
            if (!port.startsWith(TcpTransport.SCHEME)) {
                throw new IOException("unsupported port %s: use a tty path or socket://host:port".formatted(port));
            }
            TcpTransport t = TcpTransport.connect(port);
            t.setBaud(baud);
            return t;
        }
        if (!port.matches("(?i)COM\\d+")) {
            Path p = Path.of(port);
            if (!Files.exists(p)) throw new IOException("no such serial port: " + port);
            if (Files.isDirectory(p) || Files.isRegularFile(p)) {
                throw new IOException("not a serial port (a %s): %s".formatted(Files.isDirectory(p) ? "directory"
                        : "regular file", port));
            }
        }
        return JSerialCommTransport.open(port, baud);
    }
}
