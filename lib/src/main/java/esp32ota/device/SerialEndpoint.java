package esp32ota.device;

import esp32ota.loader.Esp32Fuses;
import esp32ota.loader.Esp32Registers;
import esp32ota.loader.FlashId;
import esp32ota.loader.MacAddress;
import esp32ota.loader.RomLoaderServer;
import esp32ota.serial.ControlLines;
import esp32ota.serial.PipeTransport;
import esp32ota.serial.TcpTransport;
import esp32ota.serial.Transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link VirtualEsp32} on a serial line, as a real board sits behind its USB bridge: the data line speaks the ROM
 * loader protocol while the chip is in download mode ({@link RomLoaderServer} on the device's flash) and carries the
 * console while it runs. It starts in download mode, like a board held in boot mode, so clients that cannot reset it
 * ({@code esptool --before no_reset}, esptool-js over TCP) connect at once.
 *
 * <table>
 *   <caption>How to reach it</caption>
 *   <tr><th>line</th><th>method</th><th>client</th></tr>
 *   <tr><td>TCP, esptool's {@code socket://host:port}</td><td>{@link #listenTcp}</td><td>esptool, esptool-js,
 *       {@link esp32ota.serial.TcpTransport}</td></tr>
 *   <tr><td>a pty, its slave linked at a path</td><td>{@link #openPty}</td><td>jSerialComm, esptool, any terminal</td></tr>
 *   <tr><td>any {@link Transport} (a pipe end)</td><td>{@link #attach}</td><td>tests, notebooks</td></tr>
 *   <tr><td>control: one command a line</td><td>{@link #listenControl}, {@link #command}</td><td>{@code reset},
 *       {@code reset --download}, {@code status}</td></tr>
 * </table>
 * DTR and RTS cross neither TCP nor a pty, so resets go through the control channel: {@code reset} boots the chip
 * (ROM banner, bootloader, app: its console streams on every data line), {@code reset --download} returns it to
 * the ROM loader (banner {@code boot:0x3 (DOWNLOAD_BOOT…)}, {@code waiting for download}). A pipe end with control
 * lines is reset by them, as the board's auto-reset circuit would be.
 * <p>
 * Baud emulation ({@link #emulateBaud}) paces every byte at the line's baud, 10 bits each, so a flash write takes
 * the time it takes on a wire; off by default.
 */
public final class SerialEndpoint implements AutoCloseable {
    /** What the chip does with its UART0. */
    public enum Mode { DOWNLOAD, RUNNING }

    /** The ROM's lines for a reset with IO0 low (download mode). */
    public static final List<String> DOWNLOAD_BANNER = List.of(RomBoot.ETS_REV3, "",
            "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))", "waiting for download");
    /** How many boots one {@code reset} follows when the app restarts by itself. */
    static final int MAX_BOOTS = 8;
    /** How long after EN rises the chip reads its strapping pins (an RC delay on real boards). */
    static final Duration STRAP_DELAY = Duration.ofMillis(20);

    private final VirtualEsp32 device;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.DOWNLOAD;
    private volatile boolean emulateBaud;
    private volatile boolean closed;

    public SerialEndpoint(VirtualEsp32 device) {
        this.device = device;
        device.addListener(e -> {
            if (e instanceof DeviceEvent.Console c && mode == Mode.RUNNING) broadcast(c.line().formatted() + "\r\n");
        });
    }

    public VirtualEsp32 device() { return device; }

    public Mode mode() { return mode; }

    /** Paces both directions at the line's baud (115200 until a client changes it); off by default. */
    public SerialEndpoint emulateBaud(boolean on) {
        this.emulateBaud = on;
        return this;
    }

    // ---- lines ------------------------------------------------------------------------------------------------

    /** Serves {@code line} (the device's end of it) until it closes; returns at once. */
    public void attach(Transport line) {
        Transport t = new Paced(line);
        Link link = new Link(t);
        links.add(link);
        if (line instanceof PipeTransport p) {
            LineHistory history = new LineHistory(p.peerLines());
            p.onPeerLines(l -> {
                long now = System.nanoTime();
                boolean rises = history.latest().enLow() && !l.enLow();
                history.add(now, l);
                if (rises) strapAfterEnRises(history, now);
            });
        }
        Thread thread = new Thread(link, "virtual-esp32 " + line.name());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * EN has risen: the chip samples IO0 a moment later (the capacitor on EN delays it), so the lines are read as they
     * were {@link #STRAP_DELAY} after the rise. esptool's classic reset passes through DTR = RTS = 1 (EN high) on its
     * way to IO0 low; on a board that state is too short to matter, and here too. The lines are looked up in their
     * history rather than read when this thread wakes, so a busy machine that wakes it late still sees the moment the
     * chip would have sampled.
     */
    private void strapAfterEnRises(LineHistory history, long risenAt) {
        long sampleAt = risenAt + STRAP_DELAY.toNanos();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(STRAP_DELAY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            ControlLines strap = history.at(sampleAt);
            if (strap.enLow()) return;                          // pulled low again: the next rise decides
            if (strap.io0Low()) resetToDownload(); else resetAndBoot();
        }, "virtual-esp32 EN");
        t.setDaemon(true);
        t.start();
    }

    /** The host's line changes with the time ({@link System#nanoTime}) each arrived; the last ten seconds of them. */
    private static final class LineHistory {
        private static final long KEPT = 10_000_000_000L;

        private record Change(long at, ControlLines lines) { }

        private final Deque<Change> changes = new ArrayDeque<>();

        LineHistory(ControlLines initial) { changes.add(new Change(System.nanoTime(), initial)); }

        synchronized void add(long at, ControlLines lines) {
            changes.addLast(new Change(at, lines));
            while (changes.size() > 1 && at - changes.getFirst().at() > KEPT) changes.removeFirst();
        }

        synchronized ControlLines latest() { return changes.getLast().lines(); }

        /** The lines in effect at {@code time}: those of the last change at or before it. */
        synchronized ControlLines at(long time) {
            ControlLines in = changes.getFirst().lines();
            for (Change c : changes) {
                if (c.at() - time > 0) break;
                in = c.lines();
            }
            return in;
        }
    }

    /**
     * Accepts TCP connections on 127.0.0.1:{@code port} (0: any free port), each a data line.
     *
     * @return the port listened on
     */
    public int listenTcp(int port) throws IOException {
        ServerSocket server = bind(port);
        accept(server, "virtual-esp32 tcp", s -> attach(TcpTransport.of(s)));
        return server.getLocalPort();
    }

    /**
     * Accepts control connections on 127.0.0.1:{@code port} (0: any free port): one command a line, one reply a
     * line ({@link #command}).
     */
    public int listenControl(int port) throws IOException {
        ServerSocket server = bind(port);
        accept(server, "virtual-esp32 control", s -> {
            try (s; var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.trim().equals("quit")) break;
                    out.println(command(line));
                }
            }
        });
        return server.getLocalPort();
    }

    /**
     * Makes a pty whose slave is linked at {@code link} and serves it as a data line. Java 17 cannot make a pty
     * without native code, so a small helper process does it: {@code /usr/bin/python3} with its {@code pty} module
     * opens the pair, keeps the slave open (so clients may come and go) and relays the master over its stdin and
     * stdout. Output nobody reads is dropped, as a UART with no listener drops it.
     *
     * @return the pty's own path ({@code /dev/pts/N})
     */
    public Path openPty(Path link) throws IOException {
        return PtyRelay.start(link, this::attach, resources::add);
    }

    // ---- control ----------------------------------------------------------------------------------------------

    /**
     * One control command: {@code reset} (boot: the console follows on every data line), {@code reset --download}
     * (the ROM loader), {@code status}. The reply is one line starting {@code ok} or {@code error}.
     */
    public String command(String line) {
        String c = line.trim().replaceAll("\\s+", " ");
        return switch (c) {
            case "reset", "reset --run" -> {
                Optional<Boot> last = resetAndBoot();
                yield "ok running " + last.flatMap(Boot::booted).map(Object::toString).orElse("nothing");
            }
            case "reset --download", "download" -> {
                resetToDownload();
                yield "ok download";
            }
            case "status" -> "ok " + mode.name().toLowerCase() + " " + device.running().map(Object::toString)
                    .orElse("-");
            default -> "error unknown command '" + c + "' (reset, reset --download, status, quit)";
        };
    }

    /** Reset with IO0 high: the ROM boots the flash; returns the last boot (its console went out on every line). */
    public synchronized Optional<Boot> resetAndBoot() {
        mode = Mode.RUNNING;
        for (Link l : links) l.leaveLoader();
        List<Boot> boots = device.resetUntilSettled(MAX_BOOTS);
        return boots.isEmpty() ? Optional.empty() : Optional.of(boots.get(boots.size() - 1));
    }

    /** Reset with IO0 low: the banner, then the ROM loader on every data line. */
    public synchronized void resetToDownload() {
        for (Link l : links) l.leaveLoader();
        broadcast(String.join("\r\n", DOWNLOAD_BANNER) + "\r\n");
        mode = Mode.DOWNLOAD;
    }

    @Override public void close() {
        closed = true;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        for (Link l : links) l.close();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private void broadcast(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (Link l : links) l.send(b);
    }

    private ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen on 127.0.0.1:%d: %s".formatted(port, e.getMessage()), e);
        }
        resources.add(s);
        return s;
    }

    private interface Handler { void handle(Socket s) throws IOException; }

    private void accept(ServerSocket server, String name, Handler handler) {
        Thread t = new Thread(() -> {
            while (!closed && !server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread h = new Thread(() -> {
                        try {
                            handler.handle(s);
                        } catch (IOException e) {
                            // that client is gone
                        }
                    }, name + " client");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;                                   // closed
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private Esp32Registers registers() {
        ChipIdentity c = device.chip();
        long mac = 0;
        for (int i = 0; i < 6; i++) mac = mac << 8 | c.mac().u8(i);
        return new Esp32Registers(Esp32Fuses.of(1, c.revision() / 100, c.revision() % 100, new MacAddress(mac)),
                FlashId.gigaDevice(device.flashSize()));
    }

    /** One data line: the ROM loader while in download mode, a sink for typed input while the app runs. */
    private final class Link implements Runnable {
        private final Transport line;
        private volatile RomLoaderServer server;
        private volatile boolean serving, stopAsked;
        private volatile boolean gone;

        Link(Transport line) { this.line = line; }

        @Override public void run() {
            byte[] sink = new byte[4096];
            try {
                while (!gone && !closed) {
                    if (mode == Mode.DOWNLOAD) {
                        stopAsked = false;
                        RomLoaderServer s = new RomLoaderServer(line, device.flash(), registers());
                        server = s;
                        serving = true;
                        try {
                            if (mode == Mode.DOWNLOAD) s.run();
                        } finally {
                            serving = false;
                        }
                        if (!stopAsked) break;                  // run() ended by itself: the line closed
                    } else if (line.read(sink, 0, sink.length, Duration.ofMillis(50)) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the line is gone
            } finally {
                close();
            }
        }

        /** Stops the loader on this line and waits until it has answered its last request. */
        void leaveLoader() {
            RomLoaderServer s = server;
            stopAsked = true;
            if (s != null) s.stop();
            long until = System.nanoTime() + 1_000_000_000L;         // run() notices within its 100 ms poll
            while (serving && System.nanoTime() < until) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void send(byte[] b) {
            try {
                line.write(b, 0, b.length);
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            gone = true;
            links.remove(this);
            try {
                line.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** The line, paced at its baud when baud emulation is on (10 bits a byte, 8N1). */
    private final class Paced implements Transport {
        private final Transport inner;

        Paced(Transport inner) { this.inner = inner; }

        private void pace(int bytes) {
            if (!emulateBaud || bytes <= 0) return;
            long nanos = bytes * 10L * 1_000_000_000L / Math.max(1, inner.baud());
            long until = System.nanoTime() + nanos;
            while (System.nanoTime() < until) {
                long left = until - System.nanoTime();
                if (left > 2_000_000) {
                    try {
                        Thread.sleep(left / 1_000_000 - 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        @Override public String name() { return inner.name(); }

        @Override public void write(byte[] data, int from, int length) throws IOException {
            synchronized (this) {
                pace(length);
                inner.write(data, from, length);
            }
        }

        @Override public int read(byte[] into, int from, int length, Duration timeout) throws IOException {
            int n = inner.read(into, from, length, timeout);
            pace(n);
            return n;
        }

        @Override public void setBaud(int baud) throws IOException { inner.setBaud(baud); }

        @Override public int baud() { return inner.baud(); }

        @Override public boolean setLines(boolean dtr, boolean rts) throws IOException { return inner.setLines(dtr, rts); }

        @Override public void close() throws IOException { inner.close(); }
    }
}
