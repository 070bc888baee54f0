package esp32ota.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * A device reached over TCP, named as pyserial and esptool name it: {@code socket://host:port}. A raw socket carries
 * bytes only: the baud rate is recorded, never sent, and there are no control lines (esptool: "It's not possible to
 * reset the chip over a TCP socket"). {@code TCP_NODELAY} is set, since the loader protocol is many small frames.
 */
public final class TcpTransport implements Transport {
    public static final String SCHEME = "socket://";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int baud = 115_200;
    private int soTimeout = -1;

    private TcpTransport(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code socket://host:port}; a malformed name or a refused connection is an IOException naming it. */
    public static TcpTransport connect(String port) throws IOException {
        InetSocketAddress address = parse(port);
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to %s: %s".formatted(port, e.getMessage()), e);
        }
        return new TcpTransport(port, s);
    }

    /** Wraps a socket that is already connected (the device side of a TCP endpoint, say). */
    public static TcpTransport of(Socket connected) throws IOException {
        connected.setTcpNoDelay(true);
        return new TcpTransport(SCHEME + connected.getInetAddress().getHostAddress() + ":" + connected.getPort(),
                connected);
    }

    /** {@code socket://host:port} → its address; anything else is an IOException. */
    static InetSocketAddress parse(String port) throws IOException {
        if (!port.startsWith(SCHEME)) throw new IOException("not a socket:// port: " + port);
        URI uri;
        try {
            uri = new URI(port);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("bad socket:// port %s: %s".formatted(port, e.getReason()), e);
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                || !(uri.getPath() == null || uri.getPath().isEmpty())) {
            throw new IOException("bad socket:// port %s: expected socket://host:port".formatted(port));
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    @Override public String name() { return name; }

    @Override public void write(byte[] data, int from, int length) throws IOException {
        try {
            out.write(data, from, length);
            out.flush();
        } catch (IOException e) {
            throw new IOException("writing to %s: %s".formatted(name, e.getMessage()), e);
        }
    }

    @Override public int read(byte[] into, int from, int length, Duration timeout) throws IOException {
        try {
            if (timeout.isZero() || timeout.isNegative()) {
                int ready = in.available();
                if (ready == 0) return 0;
                return in.read(into, from, Math.min(length, ready));
            }
            int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (ms != soTimeout) {
                socket.setSoTimeout(ms);
                soTimeout = ms;
            }
            return in.read(into, from, length);
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            if (socket.isClosed()) return -1;
            throw new IOException("reading from %s: %s".formatted(name, e.getMessage()), e);
        }
    }

    @Override public void setBaud(int baud) {
        if (baud <= 0) throw new IllegalArgumentException("baud must be positive: " + baud);
        this.baud = baud;
    }

    @Override public int baud() { return baud; }

    @Override public boolean setLines(boolean dtr, boolean rts) { return false; }

    @Override public void close() throws IOException { socket.close(); }
}
