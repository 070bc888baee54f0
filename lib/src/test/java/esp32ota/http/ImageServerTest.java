package esp32ota.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link ImageServer} and {@link EspHttpClient} talking over real sockets on 127.0.0.1. */
class ImageServerTest {
    static final int SIZE = 100_000;
    static final byte[] IMAGE = image(SIZE);
    static final Duration WAIT = Duration.ofSeconds(5);

    ImageServer server;
    EspHttpClient client;

    static byte[] image(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        b[0] = (byte) 0xE9;                                          // an app image starts with the magic byte
        return b;
    }

    @BeforeEach void start() throws IOException {
        server = ImageServer.http(0).add("/blink.bin", IMAGE);
        client = new EspHttpClient(EspHttpClient.Config.defaults().withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach void stop() throws IOException {
        client.close();
        server.close();
    }

    String url() { return server.url("/blink.bin"); }

    @Test void fullDownloadEqualsTheImage() throws Exception {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port() + "/blink.bin", url());
        assertEquals(200, client.get(url()));
        assertEquals(SIZE, client.contentLength());
        assertFalse(client.isChunked());
        assertEquals(Optional.of("application/octet-stream"), client.header("Content-Type"));
        assertEquals(Optional.of("bytes"), client.header("accept-ranges"));
        assertFalse(client.isCompleteDataReceived());
        assertArrayEquals(IMAGE, client.readAll());
        assertTrue(client.isCompleteDataReceived());
        assertEquals(SIZE, client.bytesRead());
        assertEquals(0, client.read(new byte[10]), "after the end, read returns 0");
        assertTrue(client.elapsed().toNanos() > 0);
        assertEquals(SIZE * 1e9 / client.elapsed().toNanos(), client.bytesPerSecond(), 1e-6);
        assertEquals(client.elapsed(), client.elapsed(), "the clock stops at the end of the body");
        var log = server.awaitRequests(1, WAIT);
        assertEquals(List.of(new ServedRequest("GET", "/blink.bin", Optional.empty(), 200, SIZE, Optional.empty())), log);
        assertEquals("GET /blink.bin -> 200, 100000 bytes", log.get(0).toString());
    }

    @Test void smallBuffersReadTheSameBytes() throws Exception {
        client.get(url());
        byte[] buf = new byte[1000];
        var out = new java.io.ByteArrayOutputStream();
        int calls = 0;
        for (int n = client.read(buf); n > 0; n = client.read(buf)) {
            assertTrue(n <= 1000);
            out.write(buf, 0, n);
            calls++;
        }
        assertTrue(calls >= SIZE / 1000, "at most 1000 bytes per read");
        assertArrayEquals(IMAGE, out.toByteArray());
    }

    @Test void headGivesTheLengthWithoutABody() throws Exception {
        assertEquals(200, client.head(url()));
        assertEquals(SIZE, client.contentLength());
        assertTrue(client.isCompleteDataReceived());
        assertEquals(0, client.read(new byte[16]));
        var log = server.awaitRequests(1, WAIT);
        assertEquals("HEAD", log.get(0).method());
        assertEquals(0, log.get(0).bytesSent());
    }

    @Test void rangeRequestsGetExactlyTheirBytes() throws Exception {
        assertEquals(206, client.open("GET", url(), Map.of("Range", "bytes=0-99")));
        assertEquals(100, client.contentLength());
        assertEquals(Optional.of("bytes 0-99/100000"), client.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(IMAGE, 0, 100), client.readAll());
        assertTrue(client.isCompleteDataReceived());

        assertEquals(206, client.open("GET", url(), Map.of("Range", "bytes=99000-")));
        assertEquals(Optional.of("bytes 99000-99999/100000"), client.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(IMAGE, 99_000, SIZE), client.readAll());

        assertEquals(206, client.open("GET", url(), Map.of("Range", "bytes=-10")));
        assertArrayEquals(Arrays.copyOfRange(IMAGE, SIZE - 10, SIZE), client.readAll());

        assertEquals(206, client.get(url(), new ByteRange(0, 0)));                 // esp_https_ota's size probe
        assertEquals(Optional.of("bytes 0-0/100000"), client.header("Content-Range"));
        assertArrayEquals(new byte[] {(byte) 0xE9}, client.readAll());

        assertEquals(416, client.open("GET", url(), Map.of("Range", "bytes=100000-")));
        assertEquals(Optional.of("bytes */100000"), client.header("Content-Range"));
        assertEquals(0, client.readAll().length);

        var log = server.awaitRequests(5, WAIT);
        assertEquals(List.of(206, 206, 206, 206, 416), log.stream().map(ServedRequest::status).toList());
        assertEquals(List.of(100L, 1000L, 10L, 1L, 0L), log.stream().map(ServedRequest::bytesSent).toList());
        assertEquals(Optional.of("bytes=99000-"), log.get(1).range());
    }

    @Test void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, client.get(server.url("/nothing.bin")));
        assertTrue(new String(client.readAll(), StandardCharsets.UTF_8).contains("/nothing.bin"));
        assertEquals(405, client.open("POST", url(), Map.of()));
    }

    @Test void cutGivesAShortBodyAndIncompleteData() throws Exception {
        server.setFault(Optional.of(new Fault.Cut(5000)));
        assertEquals(200, client.get(url()));
        assertEquals(SIZE, client.contentLength(), "the header still announces the whole image");
        byte[] got = client.readAll();
        assertArrayEquals(Arrays.copyOf(IMAGE, 5000), got);
        assertFalse(client.isCompleteDataReceived());
        var log = server.awaitRequests(1, WAIT);
        assertEquals(5000, log.get(0).bytesSent());
        assertEquals(Optional.of(new Fault.Cut(5000)), log.get(0).fault());
    }

    @Test void htmlPageInsteadOfTheImage() throws Exception {
        server.setFault("/blink.bin", new Fault.HtmlPage());
        assertEquals(200, client.get(url()));
        assertTrue(client.header("content-type").orElseThrow().startsWith("text/html"));
        byte[] page = client.readAll();
        assertEquals('<', page[0], "an OTA client sees 0x3c where it expects 0xE9");
        assertArrayEquals(ImageServer.HTML_PAGE.getBytes(StandardCharsets.UTF_8), page);
        assertTrue(client.isCompleteDataReceived());
    }

    @Test void stallEndsInATimeoutNotAHang() throws Exception {
        server.setFault(Optional.of(new Fault.Stall(3000, Duration.ofSeconds(20))));
        var impatient = new EspHttpClient(EspHttpClient.Config.defaults().withTimeout(Duration.ofMillis(300)));
        assertEquals(200, impatient.get(url()));
        byte[] buf = new byte[1024];
        var e = assertThrows(SocketTimeoutException.class, () -> {
            while (impatient.read(buf) > 0) { /* read up to the stall */ }
        });
        assertEquals(3000, impatient.bytesRead(), "every byte before the stall arrived");
        assertFalse(impatient.isCompleteDataReceived());
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        impatient.close();
    }

    @Test void aShortStallIsOnlyADelay() throws Exception {
        server.setFault(Optional.of(new Fault.Stall(1000, Duration.ofMillis(50))));
        client.get(url());
        assertArrayEquals(IMAGE, client.readAll());
        assertTrue(client.isCompleteDataReceived());
    }

    @Test void resetIsAnIOException() throws Exception {
        server.setFault(Optional.of(new Fault.Reset(2000)));
        assertEquals(200, client.get(url()));
        byte[] buf = new byte[512];
        var e = assertThrows(java.net.SocketException.class, () -> {
            while (client.read(buf) > 0) { /* until the reset */ }
        });
        assertTrue(client.bytesRead() <= 2000, "no byte after the reset point: " + client.bytesRead());
        assertFalse(client.isCompleteDataReceived());
        assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
    }

    @Test void wrongContentLengthEndsShort() throws Exception {
        server.setFault(Optional.of(new Fault.WrongLength(100)));
        assertEquals(200, client.get(url()));
        assertEquals(SIZE + 100, client.contentLength());
        assertArrayEquals(IMAGE, client.readAll());
        assertFalse(client.isCompleteDataReceived(), "100 announced bytes never came");
    }

    @Test void statusFaults() throws Exception {
        server.setFault(Optional.of(new Fault.Status(500)));
        assertEquals(500, client.get(url()));
        assertEquals("500 Internal Server Error\n", new String(client.readAll(), StandardCharsets.UTF_8));
        server.setFault("/blink.bin", new Fault.Status(404));
        assertEquals(404, client.get(url()), "a per-path fault wins over the server-wide one");
        server.clearFaults();
        assertEquals(200, client.get(url()));
        assertArrayEquals(IMAGE, client.readAll());
        var log = server.awaitRequests(3, WAIT);
        assertEquals(List.of(500, 404, 200), log.stream().map(ServedRequest::status).toList());
        assertEquals(Optional.of(new Fault.Status(404)), log.get(1).fault());
        assertEquals(Optional.empty(), log.get(2).fault());
    }

    @Test void faultsApplyToRangesToo() throws Exception {
        server.setFault(Optional.of(new Fault.Cut(10)));
        assertEquals(206, client.open("GET", url(), Map.of("Range", "bytes=500-")));
        assertArrayEquals(Arrays.copyOfRange(IMAGE, 500, 510), client.readAll());
        assertFalse(client.isCompleteDataReceived());
    }

    @Test void aServerWithoutRangeSupportSendsTheWholeImage() throws Exception {
        server.setFault(Optional.of(new Fault.IgnoreRange()));
        assertEquals(200, client.get(url(), new ByteRange(100, 199)));
        assertEquals(Optional.empty(), client.header("content-range"));
        assertArrayEquals(IMAGE, client.readAll());
        var log = server.awaitRequests(1, WAIT);
        assertEquals(Optional.of("bytes=100-199"), log.get(0).range());
        assertEquals(Optional.of(new Fault.IgnoreRange()), log.get(0).fault());
    }

    @Test void shapedDownloadsKeepBytesAndOrder() throws Exception {
        server.setShaping(Shaping.rate(500_000).withLatency(Duration.ofMillis(20)));
        List<ServedRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.onRequest(seen::add);
        assertEquals(206, client.open("GET", url(), Map.of("Range", "bytes=0-29999")));
        assertArrayEquals(Arrays.copyOf(IMAGE, 30_000), client.readAll());
        assertEquals(206, client.open("GET", url(), Map.of("Range", "bytes=30000-")));
        assertArrayEquals(Arrays.copyOfRange(IMAGE, 30_000, SIZE), client.readAll());
        var log = server.awaitRequests(2, WAIT);
        assertEquals(List.of("bytes=0-29999", "bytes=30000-"), log.stream().map(r -> r.range().orElseThrow()).toList());
        assertEquals(List.of(30_000L, 70_000L), log.stream().map(ServedRequest::bytesSent).toList());
        assertEquals(java.util.Set.copyOf(log), java.util.Set.copyOf(seen), "listeners see the same entries");
        assertEquals(2, seen.size());
    }

    @Test void tinyBandwidthStillSendsEveryByte() throws Exception {
        server.add("/small.bin", Arrays.copyOf(IMAGE, 300));
        server.setShaping(Shaping.rate(3000));                       // 1-byte... 60-byte chunks, ~0.1 s
        client.get(server.url("/small.bin"));
        assertArrayEquals(Arrays.copyOf(IMAGE, 300), client.readAll());
        assertTrue(client.isCompleteDataReceived());
    }

    @Test void redirectsAreFollowedAndBounded() throws Exception {
        server.addRedirect("/latest.bin", 302, "/blink.bin");
        server.addRedirect("/old.bin", 301, server.url("/latest.bin"));
        assertEquals(200, client.get(server.url("/old.bin")));
        assertEquals(2, client.redirectsFollowed());
        assertEquals(url(), client.url());
        assertArrayEquals(IMAGE, client.readAll());

        server.addRedirect("/bad.bin", 302, "http://bad host/x");
        var bad = assertThrows(IOException.class, () -> client.get(server.url("/bad.bin")));
        assertEquals("bad redirect Location 'http://bad host/x' from " + server.url("/bad.bin"), bad.getMessage());

        server.addRedirect("/loop.bin", 307, "/loop.bin");
        var bounded = new EspHttpClient(EspHttpClient.Config.defaults().withMaxRedirects(3));
        var e = assertThrows(IOException.class, () -> bounded.get(server.url("/loop.bin")));
        assertTrue(e.getMessage().contains("max_redirection_count 3"), e.getMessage());
        assertEquals(4, server.awaitRequests(8, WAIT).stream().filter(r -> r.path().equals("/loop.bin")).count());
    }

    @Test void chunkedBodiesAreDecoded() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n" + "7;ext=1\r\n, world\r\n" + "0\r\nX-Trailer: 1\r\n\r\n";
        try (var raw = new OneShotServer(response.getBytes(StandardCharsets.ISO_8859_1))) {
            assertEquals(200, client.get(raw.url()));
            assertTrue(client.isChunked());
            assertEquals(-1, client.contentLength());
            byte[] buf = new byte[3];
            var out = new java.io.ByteArrayOutputStream();
            for (int n = client.read(buf); n > 0; n = client.read(buf)) out.write(buf, 0, n);
            assertEquals("hello, world", out.toString(StandardCharsets.ISO_8859_1));
            assertTrue(client.isCompleteDataReceived());
            assertEquals(12, client.bytesRead());
        }
    }

    @Test void aChunkedBodyWithoutItsLastChunkIsIncomplete() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
        try (var raw = new OneShotServer(response.getBytes(StandardCharsets.ISO_8859_1))) {
            client.get(raw.url());
            assertEquals("hello", new String(client.readAll(), StandardCharsets.ISO_8859_1));
            assertFalse(client.isCompleteDataReceived());
        }
    }

    @Test void aBodyOfUnknownLengthEndsAtTheClose() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nraw bytes";
        try (var raw = new OneShotServer(response.getBytes(StandardCharsets.ISO_8859_1))) {
            client.get(raw.url());
            assertEquals(-1, client.contentLength());
            assertEquals("raw bytes", new String(client.readAll(), StandardCharsets.ISO_8859_1));
            assertTrue(client.isCompleteDataReceived());
        }
    }

    @Test void aServerThatNeverAnswersIsATimeout() throws Exception {
        try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var accepted = new java.util.concurrent.CompletableFuture<Socket>();
            var t = new Thread(() -> {
                try {
                    accepted.complete(silent.accept());                // accept, then say nothing
                } catch (IOException e) {
                    accepted.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
            var impatient = new EspHttpClient(EspHttpClient.Config.defaults().withTimeout(Duration.ofMillis(200)));
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/x";
            var e = assertThrows(SocketTimeoutException.class, () -> impatient.get(url));
            assertEquals("no response from " + url + " within 200 ms (timeout)", e.getMessage());
            accepted.get(5, java.util.concurrent.TimeUnit.SECONDS).close();
        }
    }

    @Test void connectionRefusedAndBadUrlsAreIOExceptions() throws Exception {
        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThrows(java.net.ConnectException.class, () -> client.get("http://127.0.0.1:" + port + "/x"));
        assertThrows(IOException.class, () -> client.get("ftp://127.0.0.1/x"));
        var e = assertThrows(IOException.class, () -> client.get("https://127.0.0.1:" + port + "/x"));
        assertTrue(e.getMessage().contains("no cert_pem"), e.getMessage());
    }

    @Test void serverArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> server.add("no-slash.bin", IMAGE));
        assertThrows(IllegalArgumentException.class, () -> server.addRedirect("/a", 200, "/b"));
        assertThrows(IllegalStateException.class, () -> server.certificatePem());
        assertThrows(IllegalArgumentException.class, () -> client.read(new byte[0]));
    }

    /** Accepts one connection, reads the request head, writes {@code response} as is and closes. */
    static final class OneShotServer implements AutoCloseable {
        final ServerSocket socket;
        final Thread thread;

        OneShotServer(byte[] response) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    var in = s.getInputStream();
                    int matched = 0;
                    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                    for (int b = in.read(); b >= 0 && matched < 4; b = matched < 4 ? in.read() : -1) {
                        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                        if (matched == 4) break;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(response);
                    out.flush();
                } catch (IOException ignored) {
                    // the test fails on its own assertions
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String url() { return "http://127.0.0.1:" + socket.getLocalPort() + "/"; }

        @Override public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }
}
