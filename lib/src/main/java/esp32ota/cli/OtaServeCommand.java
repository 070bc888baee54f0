package esp32ota.cli;

import esp32ota.http.Fault;
import esp32ota.http.ImageServer;
import esp32ota.http.SelfSignedCertificate;
import esp32ota.http.Shaping;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code ./kit ota serve IMG}: serves one image over HTTP or HTTPS for a real board running ESP-IDF's
 * {@code native_ota_example} or {@code simple_ota_example}, with optional shaping and faults, until Ctrl-C.
 * Prints the URL to configure, the certificate file to build in (HTTPS), then one line per request.
 */
final class OtaServeCommand implements Command {
    private final CompletableFuture<Void> stop;
    private final Optional<Consumer<ImageServer>> started;

    /** The command as {@code ./kit} runs it: serves until the JVM is stopped (Ctrl-C). */
    OtaServeCommand() {
        this(new CompletableFuture<>(), Optional.empty());
    }

    /** For tests: {@code started} receives the running server, completing {@code stop} ends the command. */
    OtaServeCommand(CompletableFuture<Void> stop, Optional<Consumer<ImageServer>> started) {
        this.stop = stop;
        this.started = started;
    }

    @Override public String name() { return "ota"; }

    @Override public String summary() {
        return "ota serve IMG: serve an image over HTTP(S) to a real board, with faults";
    }

    @Override public String usage() {
        return """
                usage: ./kit ota serve IMG [--port N] [--https [--cert FILE]] [--rate KB/s] [--latency MS]
                                           [--fault SPEC] [--bind ADDR]

                  Serves IMG at /<file name> until Ctrl-C, for a board on the local network running
                  native_ota_example (URL: CONFIG_EXAMPLE_FIRMWARE_UPG_URL) or simple_ota_example
                  (CONFIG_EXAMPLE_FIRMWARE_UPGRADE_URL). GET and HEAD, Range requests (206/416), one line per request.
                  --port N        TCP port (default 8070, as in the ESP-IDF examples; 0 = any free port)
                  --https         TLS with a certificate made now for this machine's addresses; its PEM is written
                                  to FILE (--cert, default ca_cert.pem): build it in as server_certs/ca_cert.pem
                  --rate KB/s     bandwidth limit (1 KB = 1000 bytes); --latency MS: delay before each response
                  --fault SPEC    cut:N (close after N body bytes), html (a web page instead of the image),
                                  stall:N:MS (pause MS after N bytes), reset:N (TCP reset after N bytes),
                                  length:+N (Content-Length N too large), status:CODE (answer CODE),
                                  norange (answer Range requests 200 with the whole image)
                  --bind ADDR     listen address (default 0.0.0.0: every interface; 127.0.0.1: this machine only)
                """;
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        if (argv.isEmpty() || !argv.get(0).equals("serve")) {
            throw new CliException("usage: ./kit ota serve IMG [options] (see ./kit ota --help)");
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("--https"),
                Set.of("--port", "--rate", "--latency", "--fault", "--bind", "--cert")).atMostPositionals(1);
        Path image = console.path(args.positional(0, "IMG (the firmware image to serve)"));
        int port = intOption(args, "--port", 8070, 0, 65535);
        long rate = args.option("--rate").map(OtaServeCommand::rate).orElse(0L);
        int latency = intOption(args, "--latency", 0, 0, 600_000);
        Optional<Fault> fault = args.option("--fault").map(OtaServeCommand::fault);
        InetAddress bind = bindAddress(args.option("--bind").orElse("0.0.0.0"));
        boolean https = args.flag("--https");
        if (!https && args.option("--cert").isPresent()) throw new CliException("--cert needs --https");
        Path pemFile = console.path(args.option("--cert").orElse("ca_cert.pem"));
        if (Files.isDirectory(image)) throw new CliException("cannot use " + image + ": a folder, not an image file");
        if (!Files.isRegularFile(image)) throw new CliException("cannot use " + image + ": no such file");
        Path pemFolder = pemFile.toAbsolutePath().getParent();
        if (https && !Files.isDirectory(pemFolder)) throw new CliException("cannot use " + pemFolder + ": no such folder");
        byte[] bytes = OutputFile.read(image);

        List<String> hosts = bind.isAnyLocalAddress() ? localAddresses() : List.of(bind.getHostAddress());
        Optional<SelfSignedCertificate> cert = Optional.empty();
        if (https) {
            List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost"));
            for (String h : hosts) if (!names.contains(h)) names.add(h);
            cert = Optional.of(SelfSignedCertificate.generate(names));
        }
        String path = "/" + image.getFileName();
        ImageServer listening;
        try {
            listening = ImageServer.start(bind, port, cert);
        } catch (java.net.BindException e) {
            throw new CliException("cannot listen on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "); choose another --port (0 = any free port)");
        }
        try (ImageServer server = listening) {
            server.add(path, bytes).setShaping(new Shaping(rate, Duration.ofMillis(latency))).setFault(fault);
            if (cert.isPresent()) cert.get().writePem(pemFile);
            var out = console.out();
            boolean appImage = bytes.length > 0 && bytes[0] == (byte) 0xE9;
            out.println("serving " + image + " (" + bytes.length + " bytes) as " + path
                    + (appImage ? "" : "  (note: it does not start with 0xE9, the app image magic)"));
            List<String> urlHosts = new ArrayList<>(hosts);
            if (bind.isAnyLocalAddress() || bind.isLoopbackAddress()) urlHosts.remove("127.0.0.1");
            for (String h : urlHosts) out.println("  URL for the board: " + server.url(h, path));
            if (bind.isAnyLocalAddress() || bind.isLoopbackAddress()) {
                out.println("  URL on this machine: " + server.url("127.0.0.1", path));
            }
            if (cert.isPresent()) {
                out.println("certificate: " + pemFile + " (build it in as server_certs/ca_cert.pem; names "
                        + String.join(", ", cert.get().certificate().getSubjectAlternativeNames().stream()
                        .map(n -> String.valueOf(n.get(1))).toList()) + ")");
            }
            out.println("shaping: " + (rate == 0 ? "no bandwidth limit" : rate + " bytes/s") + ", latency " + latency
                    + " ms; fault: " + fault.map(Fault::describe).orElse("none"));
            out.println("Ctrl-C to stop");
            server.onRequest(r -> out.println(stamp() + " " + r));
            server.onConnectionError(m -> out.println(stamp() + " ! " + m));
            started.ifPresent(s -> s.accept(server));
            if (started.isEmpty()) {
                Thread hook = new Thread(() -> stop.complete(null), "ota-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
            }
            stop.join();
        }
        return 0;
    }

    private static String stamp() { return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString(); }

    private static int intOption(Args args, String name, int fallback, int min, int max) {
        Optional<String> v = args.option(name);
        if (v.isEmpty()) return fallback;
        try {
            long n = Args.number(name, v.get(), Long.MAX_VALUE, false);
            if (n >= min && n <= max) return (int) n;
        } catch (CliException e) {
            // reported below, with the range
        }
        throw new CliException("bad " + name + " '" + v.get() + "' (expected a whole number " + min + ".." + max + ")");
    }

    /** {@code --rate} in KB/s (1 KB = 1000 bytes) as bytes per second. */
    static long rate(String text) {
        try {
            return Math.max(1, Math.round(Args.decimal("--rate", text, 0.001, 1_000_000) * 1000));
        } catch (CliException e) {
            throw new CliException("bad --rate '" + text + "' (expected KB/s, a number > 0, e.g. 50 or 0.5)");
        }
    }

    static Fault fault(String text) {
        try {
            return Fault.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** An IPv4 literal, {@code localhost} or {@code 0.0.0.0}; no name look-up. */
    static InetAddress bindAddress(String text) {
        try {
            if (text.equals("localhost")) return InetAddress.getLoopbackAddress();
            if (text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                for (String part : text.split("\\.")) {
                    if (Integer.parseInt(part) > 255) throw new CliException("bad --bind '" + text + "' (not an IPv4 address)");
                }
                return InetAddress.getByName(text);
            }
        } catch (java.net.UnknownHostException e) {
            // reported below
        }
        throw new CliException("bad --bind '" + text + "' (expected an IPv4 address such as 0.0.0.0 or 127.0.0.1)");
    }

    /** This machine's IPv4 addresses on interfaces that are up, loopback last. */
    private static List<String> localAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) continue;
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) out.add(a.getHostAddress());
                }
            }
        } catch (SocketException e) {
            // no interface list: only this machine
        }
        out.add("127.0.0.1");
        return out;
    }
}
