package esp32ota.device;

import esp32ota.serial.PipeTransport;
import esp32ota.serial.Transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A pty for the virtual ESP32, made by a helper process: Java 17 has no call for {@code posix_openpt}, so
 * {@code /usr/bin/python3} and its {@code pty} module open the pair, link the slave at the given path, keep the
 * slave open (a master whose slave has no opener reads EIO) and relay the master's bytes over the process's stdin
 * and stdout. The device's side is one end of a {@link PipeTransport} pair.
 */
final class PtyRelay {
    static final String PYTHON = "/usr/bin/python3";
    /** The helper, given the link path; it prints {@code pty /dev/pts/N} on stderr when ready. */
    static final String SCRIPT = String.join("\n",
            "import os, pty, sys, tty, select, errno",
            "link = sys.argv[1]",
            "m, s = pty.openpty()",
            "tty.setraw(s)",
            "os.set_blocking(m, False)",
            "name = os.ttyname(s)",
            "try:",
            "    os.unlink(link)",
            "except FileNotFoundError:",
            "    pass",
            "os.symlink(name, link)",
            "sys.stderr.write('pty ' + name + '\\n'); sys.stderr.flush()",
            "try:",
            "    while True:",
            "        r, _, _ = select.select([0, m], [], [])",
            "        if 0 in r:",
            "            d = os.read(0, 65536)",
            "            if not d:",
            "                break",
            "            try:",
            "                os.write(m, d)",
            "            except BlockingIOError:",
            "                pass",
            "        if m in r:",
            "            try:",
            "                d = os.read(m, 65536)",
            "            except (BlockingIOError, OSError):",
            "                continue",
            "            v = memoryview(d)",
            "            while v:",
            "                v = v[os.write(1, v):]",
            "finally:",
            "    try:",
            "        if os.readlink(link) == name:",
            "            os.unlink(link)",
            "    except OSError:",
            "        pass",
            "");

    private PtyRelay() {}

    /**
     * Starts the helper, hands the device's end of the line to {@code serve} and the process to {@code keep} (closing
     * it stops the helper and removes the link).
     */
    static Path start(Path link, Consumer<Transport> serve, Consumer<AutoCloseable> keep) throws IOException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IOException("a pty needs " + PYTHON + " (its pty module makes the pair); use TCP instead");
        }
        if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            throw new IOException("will not replace " + link + ": it exists and is not a symlink");
        }
        Process p = new ProcessBuilder(PYTHON, "-c", SCRIPT, link.toString()).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String ready = err.readLine();
        if (ready == null || !ready.startsWith("pty ")) {
            p.destroy();
            throw new IOException("could not make a pty at %s: %s".formatted(link, ready == null ? "helper exited"
                    : ready));
        }
        PipeTransport[] pair = PipeTransport.pair(false);
        PipeTransport relayEnd = pair[0];
        pump("pty out", p.getInputStream(), relayEnd);
        pump("pty in", relayEnd, p.getOutputStream());
        keep.accept(() -> {
            relayEnd.close();
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroy();
        });
        serve.accept(pair[1]);
        return Path.of(ready.substring(4).trim());
    }

    private static void pump(String name, InputStream from, Transport to) {
        daemon(name, () -> {
            byte[] b = new byte[65536];
            try (from) {
                for (int n; (n = from.read(b)) > 0; ) to.write(b, 0, n);
            } catch (IOException e) {
                // one side is gone
            }
        });
    }

    private static void pump(String name, Transport from, OutputStream to) {
        daemon(name, () -> {
            byte[] b = new byte[65536];
            try (to) {
                for (int n; (n = from.read(b, 0, b.length, Duration.ofSeconds(1))) >= 0; ) {
                    if (n > 0) {
                        to.write(b, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // one side is gone
            }
        });
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, "virtual-esp32 " + name);
        t.setDaemon(true);
        t.start();
    }
}
