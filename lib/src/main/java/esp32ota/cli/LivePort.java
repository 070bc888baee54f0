package esp32ota.cli;

import esp32ota.board.Board;
import esp32ota.board.BoardException;
import esp32ota.loader.LoaderException;
import esp32ota.serial.Transport;
import esp32ota.serial.Transports;

import java.io.IOException;

/**
 * PORT for the {@code device} commands: a tty path or {@code socket://host:port}. Every way it can fail — no such
 * port, busy, not a serial port, nothing answering — becomes one {@link CliException} line.
 */
final class LivePort {
    private LivePort() {}

    static Transport open(String port) {
        try {
            return Transports.open(port);
        } catch (IOException | RuntimeException e) {
            throw new CliException(e.getMessage() == null ? "cannot open " + port : e.getMessage());
        }
    }

    /** Opens PORT and syncs with the ROM loader (the board must be in download mode). */
    static Board connect(Transport t) {
        try {
            return Board.connect(t);
        } catch (LoaderException e) {
            throw new CliException(e.getMessage() + " (is the board in download mode? hold BOOT and press EN; the "
                    + "virtual device: send 'reset --download' to its control port)");
        }
    }

    /**
     * {@code --baud N}: after connecting at 115200, ask the ROM to switch (esptool's {@code --baud}); a real board
     * reads and writes several times faster at 921600. Over TCP the rate is only recorded.
     */
    static void baud(Board board, Args args) {
        if (args.option("--baud").isEmpty()) return;
        String v = args.option("--baud").get();
        int baud;
        try {
            baud = Integer.parseInt(v);
            if (baud < 9600 || baud > 5_000_000) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new CliException("--baud: not a baud rate from 9600 to 5000000: " + v);
        }
        run(() -> {
            board.client().changeBaud(baud);
            return null;
        });
    }

    /** Runs a board operation; its failures are one line. */
    static <T> T run(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (LoaderException | BoardException e) {
            throw new CliException(e.getMessage());
        }
    }
}
