package esp32ota.board;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.device.Boot;
import esp32ota.device.ConsoleLine;
import esp32ota.device.Device;
import esp32ota.device.DeviceEvent;
import esp32ota.device.SerialEndpoint;
import esp32ota.loader.LoaderException;
import esp32ota.loader.ResetStrategy;
import esp32ota.loader.RomLoaderClient;
import esp32ota.serial.Transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * An ESP32 on a serial line as a {@link Device}: a real board on a tty, or the virtual one behind
 * {@link SerialEndpoint} ({@code socket://…} of {@code ./kit device serve}, a pipe). Flash goes through the ROM
 * loader ({@link Board}, {@link RomLoaderClient}); {@link #reset} boots the chip, reads its console until it is quiet
 * ({@link ConsoleWatch}) and returns the boot parsed from it ({@link Boot#fromLog}). The next flash operation puts the
 * chip back into download mode and syncs again. How the chip is reset is a {@link Resets}: RTS/DTR on a tty, the
 * endpoint's control channel for the virtual device.
 * <p>
 * Failures on the line are {@link LoaderException}s; a console that shows no boot is a {@link BoardException}.
 */
public final class SerialDevice implements Device {
    /** How long the console must stay quiet after a reset before the boot counts as settled. */
    public static final Duration QUIET = Duration.ofMillis(500), MAX_BOOT = Duration.ofSeconds(10);

    /** Resets the chip: into its app (IO0 high), or into the ROM loader (IO0 low). */
    public interface Resets {
        /** Resets with IO0 high. May return only once the chip has booted (its console went out meanwhile). */
        void boot() throws IOException;

        /** Resets with IO0 low: the chip waits in the ROM loader. */
        void download() throws IOException;

        /** The virtual ESP32's endpoint, in this process. */
        static Resets endpoint(SerialEndpoint endpoint) {
            return new Resets() {
                @Override public void boot() { endpoint.resetAndBoot(); }

                @Override public void download() { endpoint.resetToDownload(); }
            };
        }

        /** The control port of {@code ./kit device serve} ({@code host}, {@code port}: the data port + 1). */
        static Resets controlPort(String host, int port) {
            return new Resets() {
                @Override public void boot() throws IOException { send("reset"); }

                @Override public void download() throws IOException { send("reset --download"); }

                private void send(String command) throws IOException {
                    try (Socket s = new Socket(host, port);
                         var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                         var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        s.setSoTimeout(15_000);
                        out.println(command);
                        String reply = in.readLine();
                        if (reply == null || !reply.startsWith("ok")) {
                            throw new IOException("the control port %s:%d refused '%s': %s".formatted(host, port,
                                    command, reply));
                        }
                    }
                }
            };
        }

        /** DTR/RTS on a real port, as esptool: its hard reset, and its first reset into download mode. */
        static Resets lines(Transport line) {
            return new Resets() {
                @Override public void boot() throws IOException {
                    check(ResetStrategy.hardReset(line.usbId()).apply(line, ResetStrategy.Pause.REAL));
                }

                @Override public void download() throws IOException {
                    check(ResetStrategy.intoDownloadMode(line.usbId()).get(0).apply(line, ResetStrategy.Pause.REAL));
                }

                private void check(ResetStrategy.Outcome o) throws IOException {
                    if (!o.linesSupported()) {
                        throw new IOException(line.name() + " has no DTR/RTS lines (a pty, TCP?): cannot reset it");
                    }
                }
            };
        }
    }

    private final RomLoaderClient client;
    private final Resets resets;
    private final List<ConsoleLine> console = new CopyOnWriteArrayList<>();
    private final List<Consumer<DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private Board board;

    private SerialDevice(RomLoaderClient client, Resets resets, Board board) {
        this.client = client;
        this.resets = resets;
        this.board = board;
    }

    /**
     * Syncs with the ROM loader on {@code line} (the chip must be in download mode: the virtual one starts there, a
     * real one is put there with {@code resets.download()} first).
     */
    public static SerialDevice connect(Transport line, Resets resets) {
        return connect(new RomLoaderClient(line), resets);
    }

    /** As {@link #connect(Transport, Resets)} with a client already made (its timeouts). */
    public static SerialDevice connect(RomLoaderClient client, Resets resets) {
        return new SerialDevice(client, resets, Board.connect(client));
    }

    /** The board in download mode: resets the chip into the ROM loader first when it runs its app. */
    public synchronized Board board() {
        if (board == null) {
            try {
                resets.download();
            } catch (IOException e) {
                throw new LoaderException(LoaderException.Kind.IO, "cannot reset into download mode: " + e.getMessage());
            }
            board = Board.connect(client);
        }
        return board;
    }

    /** Whether the chip sits in the ROM loader (else it runs, since the last {@link #reset}). */
    public synchronized boolean inLoader() { return board != null; }

    @Override public long flashSize() { return board().flashSize(); }

    @Override public Bytes readFlash(long address, int length) {
        check(address, length);
        return board().client().readFlashSlow(address, length, null);
    }

    @Override public void writeFlash(long address, Bytes data) { writeFlash(address, data, null); }

    /**
     * {@link #writeFlash(long, Bytes)}, raw (uncompressed), reporting the bytes sent so far after each block. The
     * client checks the device's MD5 of what it wrote (from the sector start, an unaligned start padded with 0xFF, as
     * the erase leaves it): a mismatch is a {@link LoaderException} of kind VERIFY.
     */
    public RomLoaderClient.WriteResult writeFlash(long address, Bytes data, LongConsumer progress) {
        check(address, data.size());
        return board().client().writeFlash(address, data, false, progress == null ? n -> { } : progress);
    }

    private void check(long address, long length) {
        long size = board().flashSize();
        if (address < 0 || length < 0 || address + length > size) {
            throw new IllegalArgumentException("0x%X + %d bytes is outside the %d-byte flash".formatted(address,
                    length, size));
        }
    }

    /**
     * Boots the chip and reads its console until it goes quiet ({@link #QUIET}, at most {@link #MAX_BOOT}); the
     * lines are recorded and reported ({@link DeviceEvent.Reset}, then one {@link DeviceEvent.Console} each). When
     * the app restarted by itself meanwhile, the console holds every boot and the last one is returned.
     *
     * @throws BoardException the console shows no boot the kit can read
     */
    @Override public synchronized Boot reset() {
        ConsoleWatch watch;
        IOException[] failed = {null};
        try {
            client.discardInput();
            Thread resetting = new Thread(() -> {
                try {
                    resets.boot();
                } catch (IOException e) {
                    failed[0] = e;
                }
            }, "serial-device reset");
            resetting.start();
            watch = ConsoleWatch.read(client.port(), QUIET, MAX_BOOT);
            resetting.join();
        } catch (IOException e) {
            throw new LoaderException(LoaderException.Kind.IO, "reading the console: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderException(LoaderException.Kind.IO, "interrupted while the device booted");
        }
        board = null;
        if (failed[0] != null) throw new LoaderException(LoaderException.Kind.IO, failed[0].getMessage());
        Boot boot;
        try {
            boot = Boot.fromLog(watch.log());
        } catch (DecodeException e) {
            throw new BoardException("the console after the reset shows no boot the kit reads (" + e.getMessage()
                    + "): " + watch.text().length() + " characters arrived");
        }
        emit(new DeviceEvent.Reset(boot.reason()));
        for (ConsoleLine l : watch.log().lines()) {
            console.add(l);
            emit(new DeviceEvent.Console(l));
        }
        return boot;
    }

    private void emit(DeviceEvent e) { for (Consumer<DeviceEvent> l : listeners) l.accept(e); }

    @Override public List<ConsoleLine> console() { return List.copyOf(new ArrayList<>(console)); }

    @Override public void addListener(Consumer<DeviceEvent> listener) { listeners.add(listener); }

    @Override public void removeListener(Consumer<DeviceEvent> listener) { listeners.remove(listener); }
}
