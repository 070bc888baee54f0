package esp32ota.board;

import esp32ota.bootlog.BootLog;
import esp32ota.loader.ResetStrategy;
import esp32ota.serial.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console of a board after a reset: what came on the line until it went quiet, as text and parsed
 * ({@link BootLog}). A real board is reset with RTS ({@link #hardReset}); the virtual one through its control
 * channel ({@link esp32ota.device.SerialEndpoint#resetAndBoot}).
 *
 * @param text what arrived, as received (ISO-8859-1, so no byte is lost)
 * @param log  the text parsed
 */
public record ConsoleWatch(String text, BootLog log) {
    /**
     * Reads {@code line} until nothing arrived for {@code quiet}, or {@code max} passed, or the line closed.
     * Reading stops early once some text came and the line then stayed quiet, so a booted app that idles ends it.
     */
    public static ConsoleWatch read(Transport line, Duration quiet, Duration max) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[4096];
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            Duration wait = sb.length() == 0 ? Duration.ofNanos(Math.max(0, end - System.nanoTime())) : quiet;
            int n = line.read(b, 0, b.length, wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait);
            if (n < 0) break;
            if (n == 0) {
                if (sb.length() > 0) break;
                continue;
            }
            sb.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
        }
        String text = sb.toString();
        return new ConsoleWatch(text, BootLog.parse(text));
    }

    /**
     * Resets a real board into its app with RTS (esptool's hard reset) and reads its console.
     *
     * @return empty text when the port has no control lines (a pty, TCP): nothing was reset
     */
    public static ConsoleWatch hardReset(Transport line, Duration quiet, Duration max) throws IOException {
        line.discardInput();
        var outcome = ResetStrategy.hardReset(line.usbId()).apply(line, ResetStrategy.Pause.REAL);
        if (!outcome.linesSupported()) return new ConsoleWatch("", BootLog.parse(""));
        return read(line, quiet, max);
    }
}
