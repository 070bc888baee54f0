package esp32ota.cli;

import esp32ota.bootlog.BootLog;
import esp32ota.bootlog.LogEvent;
import esp32ota.device.ConsoleLine;
import esp32ota.loader.ResetStrategy;
import esp32ota.serial.Transport;
import com.google.gson.Gson;
import com.google.gson.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code ./kit device monitor PORT}: the console, line by line; {@code --json} prints each line and each event the
 * log parser finds in it as one JSON object a line. {@code --reset} first resets the board into its app: RTS on a
 * tty, or the virtual device's control port for {@code socket://} (port + 1 unless {@code --control} says).
 */
final class DeviceMonitorCommand {
    private static final Gson GSON = new Gson();

    int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--reset", "--json"), Set.of("--control", "--seconds"))
                .atMostPositionals(1);
        String port = args.positional(0, "PORT (a tty path or socket://host:port)");
        double seconds = args.option("--seconds").map(DeviceMonitorCommand::seconds).orElse(Double.MAX_VALUE);
        boolean json = args.flag("--json");
        try (Transport t = LivePort.open(port)) {
            if (args.flag("--reset")) reset(t, port, args.option("--control").orElse(null));
            long until = seconds == Double.MAX_VALUE ? Long.MAX_VALUE
                    : System.nanoTime() + (long) (seconds * 1e9);
            byte[] b = new byte[4096];
            StringBuilder partial = new StringBuilder();
            int lineNo = 0;
            while (System.nanoTime() < until) {
                int n = t.read(b, 0, b.length, Duration.ofMillis(100));
                if (n < 0) break;
                partial.append(new String(b, 0, Math.max(0, n), StandardCharsets.ISO_8859_1));
                int nl;
                while ((nl = indexOfLineEnd(partial)) >= 0) {
                    String line = partial.substring(0, nl);
                    partial.delete(0, nl + 1);
                    lineNo++;
                    print(console, line, lineNo, json);
                }
            }
            if (partial.length() > 0) print(console, partial.toString(), ++lineNo, json);
        }
        return 0;
    }

    private static int indexOfLineEnd(StringBuilder s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') return i;
            if (c == '\r') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    s.deleteCharAt(i);
                    return i;
                }
                if (i + 1 < s.length()) return i;
            }
        }
        return -1;
    }

    private static void print(Console console, String raw, int n, boolean json) {
        if (!json) {
            console.out().println(raw);
            console.out().flush();
            return;
        }
        BootLog one = BootLog.parse(raw);
        for (ConsoleLine l : one.lines()) {
            JsonObject o = new JsonObject();
            o.addProperty("line", n);
            o.addProperty("level", l.level().map(v -> String.valueOf(v.letter())).orElse(null));
            o.addProperty("millis", l.millis().isPresent() ? l.millis().getAsLong() : null);
            o.addProperty("tag", l.tag());
            o.addProperty("text", l.text());
            console.out().println(GSON.toJson(o));
        }
        for (LogEvent e : one.events()) console.out().println(GSON.toJson(BootlogCommand.json(e, n)));
        console.out().flush();
    }

    private static void reset(Transport t, String port, String control) throws IOException {
        if (port.startsWith("socket://") || control != null) {
            String target = control != null ? control : controlOf(port);
            int colon = target.lastIndexOf(':');
            if (colon <= 0) throw new CliException("--control wants HOST:PORT, not " + target);
            int p;
            try {
                p = Integer.parseInt(target.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CliException("--control wants HOST:PORT, not " + target);
            }
            try (Socket s = new Socket(target.substring(0, colon), p);
                 var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                s.setSoTimeout(10_000);
                out.println("reset");
                String reply = in.readLine();
                if (reply == null || !reply.startsWith("ok")) {
                    throw new CliException("the control port %s did not reset the device: %s".formatted(target, reply));
                }
            } catch (IOException e) {
                throw new CliException("cannot reach the control port %s: %s".formatted(target, e.getMessage()));
            }
            return;
        }
        var outcome = ResetStrategy.hardReset(t.usbId()).apply(t, ResetStrategy.Pause.REAL);
        if (!outcome.linesSupported()) {
            throw new CliException(port + " has no DTR/RTS lines (a pty?): cannot reset it; give --control HOST:PORT");
        }
    }

    /** {@code socket://host:5555} → {@code host:5556}. */
    static String controlOf(String port) {
        String hp = port.substring("socket://".length());
        int colon = hp.lastIndexOf(':');
        try {
            return hp.substring(0, colon) + ":" + (Integer.parseInt(hp.substring(colon + 1)) + 1);
        } catch (RuntimeException e) {
            throw new CliException("bad port " + port + ": expected socket://host:port");
        }
    }

    private static double seconds(String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || d > 1e6) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new CliException("--seconds: not a positive number: " + v);
        }
    }
}
