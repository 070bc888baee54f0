package esp32ota.http;

import java.time.Duration;

/**
 * Something going wrong on the way from the server to the device, injected by {@link ImageServer} on purpose so
 * that the OTA client's error handling can be watched. Each fault names the symptom a device sees.
 *
 * <pre>
 * fault            the server…                                         the device sees (esp_http_client / esp_https_ota)
 * Cut(n)           sends n body bytes, then closes the connection      read returns 0 early, !is_complete_data_received
 *                                                                      ("Connection closed before complete data…")
 * HtmlPage         answers 200 text/html with a web page               first byte '&lt;' (0x3c), not 0xE9: "invalid magic byte"
 * Stall(n, d)      sends n body bytes, then sends nothing for d        a read timeout
 * Reset(n)         sends n body bytes, then resets the connection (RST) a socket error ("Connection reset")
 * WrongLength(k)   declares Content-Length = size + k, sends size      the connection ends k bytes short: incomplete
 * Status(code)     answers code (404, 500, …) with a short text body  "File not found(404)", "Server error (500)"
 * IgnoreRange      answers every Range request 200 with the whole image "Server ignored the requested Range header"
 * </pre>
 *
 * The text form (used by {@code ./kit ota serve --fault}) is {@code cut:N}, {@code html}, {@code stall:N:MS},
 * {@code reset:N}, {@code length:+N}, {@code status:CODE}, {@code norange}; {@link #parse} reads it, {@link #spec} writes it.
 */
public sealed interface Fault {
    /** Close the connection (FIN) after {@code afterBytes} body bytes although more were announced. */
    record Cut(long afterBytes) implements Fault {
        public Cut { requireNonNegative(afterBytes); }
    }

    /** A captive portal or a wrong URL: a 200 response with an HTML page instead of the firmware. */
    record HtmlPage() implements Fault {}

    /** Send {@code afterBytes} body bytes, then nothing for {@code pause}, then the rest. */
    record Stall(long afterBytes, Duration pause) implements Fault {
        public Stall {
            requireNonNegative(afterBytes);
            if (pause.isNegative()) throw new IllegalArgumentException("stall pause must be >= 0");
        }
    }

    /** Abort the connection with a TCP reset (RST) after {@code afterBytes} body bytes. */
    record Reset(long afterBytes) implements Fault {
        public Reset { requireNonNegative(afterBytes); }
    }

    /** Announce {@code extraBytes} more in {@code Content-Length} than the image has, send the image, close. */
    record WrongLength(long extraBytes) implements Fault {
        public WrongLength {
            if (extraBytes <= 0) throw new IllegalArgumentException("length fault must declare more bytes (+N, N > 0)");
        }
    }

    /** Answer with this HTTP status instead of the image. */
    record Status(int code) implements Fault {
        public Status {
            if (code < 300 || code > 599) throw new IllegalArgumentException("status fault needs a code 300..599");
        }
    }

    /** A server (or proxy) without Range support: {@code 200} and the whole image, whatever was asked. */
    record IgnoreRange() implements Fault {}

    /** The text form accepted by {@link #parse}: {@code cut:1000}, {@code stall:4096:3000}, … */
    default String spec() {
        if (this instanceof Cut c) return "cut:" + c.afterBytes();
        if (this instanceof HtmlPage) return "html";
        if (this instanceof Stall s) return "stall:" + s.afterBytes() + ":" + s.pause().toMillis();
        if (this instanceof Reset r) return "reset:" + r.afterBytes();
        if (this instanceof WrongLength w) return "length:+" + w.extraBytes();
        if (this instanceof IgnoreRange) return "norange";
        return "status:" + ((Status) this).code();
    }

    /** A few words for a log line: {@code cut after 1000 bytes}. */
    default String describe() {
        if (this instanceof Cut c) return "cut after " + c.afterBytes() + " bytes";
        if (this instanceof HtmlPage) return "HTML page instead of the image";
        if (this instanceof Stall s) return "stall of " + s.pause().toMillis() + " ms after " + s.afterBytes() + " bytes";
        if (this instanceof Reset r) return "reset after " + r.afterBytes() + " bytes";
        if (this instanceof WrongLength w) return "Content-Length " + w.extraBytes() + " bytes too large";
        if (this instanceof IgnoreRange) return "Range header ignored";
        return "status " + ((Status) this).code();
    }

    /**
     * Reads the text form. Throws {@link IllegalArgumentException} with a one-line message naming the accepted forms
     * when {@code spec} is not one of them.
     */
    static Fault parse(String spec) {
        String[] p = spec.trim().split(":", -1);
        String usage = "bad fault '" + spec + "' (expected cut:N, html, stall:N:MS, reset:N, length:+N, status:CODE or norange)";
        try {
            switch (p[0]) {
                case "cut": if (p.length == 2) return new Cut(Long.parseLong(p[1])); break;
                case "html": if (p.length == 1) return new HtmlPage(); break;
                case "stall":
                    if (p.length == 3) return new Stall(Long.parseLong(p[1]), Duration.ofMillis(Long.parseLong(p[2])));
                    break;
                case "reset": if (p.length == 2) return new Reset(Long.parseLong(p[1])); break;
                case "length":
                    if (p.length == 2 && p[1].startsWith("+")) return new WrongLength(Long.parseLong(p[1].substring(1)));
                    break;
                case "status": if (p.length == 2) return new Status(Integer.parseInt(p[1])); break;
                case "norange": if (p.length == 1) return new IgnoreRange(); break;
                default: break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad fault '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException(usage);
    }

    private static void requireNonNegative(long n) {
        if (n < 0) throw new IllegalArgumentException("byte count must be >= 0");
    }
}
