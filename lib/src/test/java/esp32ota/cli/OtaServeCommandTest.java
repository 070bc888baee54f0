package esp32ota.cli;

import esp32ota.http.EspHttpClient;
import esp32ota.http.ImageServer;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./kit ota serve}: argument errors (exit 2, one line, nothing written) and a served download. */
class OtaServeCommandTest {
    @TempDir Path dir;

    Path image() throws Exception {
        byte[] b = new byte[5000];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7);
        b[0] = (byte) 0xE9;
        return Files.write(dir.resolve("blink.bin"), b);
    }

    @Test void badArgumentsAreOneLineAndExit2() throws Exception {
        Path img = image();
        String i = img.toString();
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("ota"), "usage: ./kit ota run|sweep|serve … (see ./kit ota --help)"),
                Map.entry(List.of("ota", "flash"), "unknown subcommand 'ota flash' (expected run, sweep or serve; see ./kit ota --help)"),
                Map.entry(List.of("ota", "serve"), "missing IMG (the firmware image to serve) (see --help)"),
                Map.entry(List.of("ota", "serve", i, "--port", "x"), "bad --port 'x' (expected a whole number 0..65535)"),
                Map.entry(List.of("ota", "serve", i, "--port", "70000"),
                        "bad --port '70000' (expected a whole number 0..65535)"),
                Map.entry(List.of("ota", "serve", i, "--rate", "0"),
                        "bad --rate '0' (expected KB/s, a number > 0, e.g. 50 or 0.5)"),
                Map.entry(List.of("ota", "serve", i, "--latency", "-1"),
                        "bad --latency '-1' (expected a whole number 0..600000)"),
                Map.entry(List.of("ota", "serve", i, "--fault", "cut"),
                        "bad fault 'cut' (expected cut:N, html, stall:N:MS, reset:N, length:+N, status:CODE or norange)"),
                Map.entry(List.of("ota", "serve", i, "--fault", "status:200"),
                        "bad fault 'status:200': status fault needs a code 300..599"),
                Map.entry(List.of("ota", "serve", i, "--cert", "x.pem"), "--cert needs --https"),
                Map.entry(List.of("ota", "serve", i, "--bind", "example.com"),
                        "bad --bind 'example.com' (expected an IPv4 address such as 0.0.0.0 or 127.0.0.1)"),
                Map.entry(List.of("ota", "serve", i, "--bind", "300.1.1.1"), "bad --bind '300.1.1.1' (not an IPv4 address)"),
                Map.entry(List.of("ota", "serve", i, "--https", "--cert", "no/such/ca.pem"),
                        "cannot use " + dir.resolve("no/such") + ": no such folder"),
                Map.entry(List.of("ota", "serve", i, "--speed", "3"), "unknown option --speed (see --help)"),
                Map.entry(List.of("ota", "serve", i, "extra"), "unexpected argument 'extra' (see --help)"),
                Map.entry(List.of("ota", "serve", dir.toString()), "cannot use " + dir + ": a folder, not an image file"),
                Map.entry(List.of("ota", "serve", dir.resolve("none.bin").toString(), "--https"),
                        "cannot use " + dir.resolve("none.bin") + ": no such file"));
        for (var c : cases.entrySet()) {
            KitRun run = KitRun.run(dir, Map.of(), c.getKey());
            assertEquals(2, run.exit(), c.getKey().toString());
            assertEquals(c.getValue() + "\n", run.stderr(), c.getKey().toString());
            assertEquals("", run.stdout(), c.getKey().toString());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(img), files.toList(), "nothing written");
        }
    }

    @Test void aBusyPortIsOneLine() throws Exception {
        Path img = image();
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            KitRun run = KitRun.run(dir, "ota", "serve", img.toString(), "--port", "" + port, "--bind", "127.0.0.1");
            assertEquals(2, run.exit());
            assertTrue(run.stderr().startsWith("cannot listen on 127.0.0.1:" + port + " ("), run.stderr());
            assertTrue(run.stderr().endsWith("); choose another --port (0 = any free port)\n"), run.stderr());
            assertEquals("", run.stdout());
        }
    }

    @Test void helpShowsTheUsage() {
        KitRun run = KitRun.run(dir, "ota", "serve", "--help");
        assertEquals(0, run.exit());
        assertTrue(run.stdout().startsWith("usage: ./kit ota serve IMG"), run.stdout());
    }

    /** Runs the command on a thread until the test completes {@code stop}; returns its output and exit status. */
    record Served(int exit, String stdout, String stderr) {}

    Served serve(List<String> argv, ServerCheck check) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir);
        var stop = new CompletableFuture<Void>();
        var server = new CompletableFuture<ImageServer>();
        var command = new OtaServeCommand(stop, Optional.of(server::complete));
        var exit = CompletableFuture.supplyAsync(() -> {
            try {
                return command.run(argv, console);
            } catch (Exception e) {
                server.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        });
        try {
            check.run(server.get(60, TimeUnit.SECONDS));
        } finally {
            stop.complete(null);
        }
        int status = exit.get(30, TimeUnit.SECONDS);
        return new Served(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    interface ServerCheck {
        void run(ImageServer server) throws Exception;
    }

    @Test void servesTheImageWithItsFaultAndLogsEachRequest() throws Exception {
        Path img = image();
        byte[] bytes = Files.readAllBytes(img);
        Served s = serve(List.of("serve", img.toString(), "--port", "0", "--bind", "127.0.0.1", "--fault", "cut:100",
                "--rate", "1000"), server -> {
            var client = new EspHttpClient(EspHttpClient.Config.defaults().withTimeout(Duration.ofSeconds(10)));
            assertEquals(200, client.get(server.url("/blink.bin")));
            assertArrayEquals(Arrays.copyOf(bytes, 100), client.readAll());
            assertFalse(client.isCompleteDataReceived());
            server.awaitRequests(1, Duration.ofSeconds(5));
        });
        assertEquals(0, s.exit(), s.stderr());
        assertEquals("", s.stderr());
        List<String> lines = s.stdout().lines().toList();
        assertEquals("serving " + img + " (5000 bytes) as /blink.bin", lines.get(0));
        assertTrue(lines.get(1).matches("  URL on this machine: http://127\\.0\\.0\\.1:[0-9]+/blink\\.bin"), lines.get(1));
        assertEquals("shaping: 1000000 bytes/s, latency 0 ms; fault: cut after 100 bytes", lines.get(2));
        assertEquals("Ctrl-C to stop", lines.get(3));
        assertTrue(lines.get(4).endsWith(" GET /blink.bin -> 200, 100 bytes [cut after 100 bytes]"), lines.get(4));
        assertEquals(5, lines.size(), s.stdout());
    }

    @Test void httpsWritesTheCertificateTheBoardMustTrust() throws Exception {
        Path img = image();
        byte[] bytes = Files.readAllBytes(img);
        Path pem = dir.resolve("server_certs/ca_cert.pem");
        Files.createDirectories(pem.getParent());
        Served s = serve(List.of("serve", img.toString(), "--port", "0", "--bind", "127.0.0.1", "--https",
                "--cert", "server_certs/ca_cert.pem"), server -> {
            assertEquals(server.certificatePem(), Files.readString(pem));
            var client = new EspHttpClient(EspHttpClient.Config.defaults().withCertPem(Files.readString(pem)));
            assertEquals(200, client.get(server.url("/blink.bin")));
            assertArrayEquals(bytes, client.readAll());
            assertTrue(client.isCompleteDataReceived());
            server.awaitRequests(1, Duration.ofSeconds(5));
        });
        assertEquals(0, s.exit(), s.stderr());
        List<String> lines = s.stdout().lines().toList();
        assertTrue(lines.get(1).matches("  URL on this machine: https://127\\.0\\.0\\.1:[0-9]+/blink\\.bin"), lines.get(1));
        assertEquals("certificate: " + pem + " (build it in as server_certs/ca_cert.pem; names 127.0.0.1, localhost)",
                lines.get(2));
        assertTrue(lines.get(5).endsWith(" GET /blink.bin -> 200, 5000 bytes"), lines.get(5));
    }
}
