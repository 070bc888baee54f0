package esp32ota.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** HTTPS with certificates made at run time; the client trusts only a given PEM, as esp_http_client's cert_pem. */
class HttpsTest {
    static final byte[] IMAGE = ImageServerTest.image(50_000);
    static SelfSignedCertificate cert;
    static SelfSignedCertificate otherCert;
    static ImageServer server;

    @BeforeAll static void start() throws IOException {
        cert = SelfSignedCertificate.forLocalhost();
        otherCert = SelfSignedCertificate.forLocalhost();
        server = ImageServer.https(0, cert).add("/blink.bin", IMAGE);
    }

    @AfterAll static void stop() throws IOException {
        server.close();
    }

    static EspHttpClient trusting(String pem) {
        return new EspHttpClient(EspHttpClient.Config.defaults().withCertPem(pem).withTimeout(Duration.ofSeconds(5)));
    }

    @Test void theCertificateIsSelfSignedForLocalhost() throws Exception {
        X509Certificate c = cert.certificate();
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        c.verify(c.getPublicKey());                                  // signed by its own key
        var names = c.getSubjectAlternativeNames().stream().map(n -> n.get(0) + "=" + n.get(1)).toList();
        assertTrue(names.contains("7=127.0.0.1"), names.toString());  // 7 = iPAddress
        assertTrue(names.contains("2=localhost"), names.toString());  // 2 = dNSName
        assertNotEquals(c.getPublicKey(), otherCert.certificate().getPublicKey(), "each call makes a new key");
    }

    @Test void pemTextRoundTrips(@TempDir Path dir) throws Exception {
        String pem = server.certificatePem();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"), pem);
        assertTrue(pem.endsWith("\n-----END CERTIFICATE-----\n"), pem);
        assertTrue(pem.lines().allMatch(l -> l.length() <= 64), "64-character lines");
        assertEquals(List.of(cert.certificate()), SelfSignedCertificate.parsePem(pem));
        Path file = cert.writePem(dir.resolve("ca_cert.pem"));
        assertEquals(pem, Files.readString(file));
    }

    @Test void theRightPemDownloadsTheImage() throws Exception {
        assertTrue(server.isHttps());
        assertTrue(server.url("/blink.bin").startsWith("https://127.0.0.1:"));
        try (var client = trusting(server.certificatePem())) {
            assertEquals(200, client.get(server.url("/blink.bin")));
            assertArrayEquals(IMAGE, client.readAll());
            assertTrue(client.isCompleteDataReceived());
            assertEquals(206, client.open("GET", server.url("localhost", "/blink.bin"), Map.of("Range", "bytes=10-19")));
            assertArrayEquals(Arrays.copyOfRange(IMAGE, 10, 20), client.readAll());
        }
    }

    @Test void anotherPemIsRefusedInTheHandshake() throws Exception {
        try (var client = trusting(otherCert.pem())) {
            var e = assertThrows(SSLHandshakeException.class, () -> client.get(server.url("/blink.bin")));
            assertEquals("TLS handshake with 127.0.0.1:" + server.port()
                    + " failed: the server's certificate is not the one in cert_pem (not trusted)", e.getMessage());
        }
    }

    @Test void aCertificateForAnotherHostIsRefused() throws Exception {
        var onlyLocalhost = SelfSignedCertificate.generate(List.of("localhost"));
        try (var s = ImageServer.https(0, onlyLocalhost).add("/a.bin", IMAGE);
             var client = trusting(onlyLocalhost.pem())) {
            assertEquals(200, client.get(s.url("localhost", "/a.bin")));
            assertArrayEquals(IMAGE, client.readAll());
            var e = assertThrows(SSLHandshakeException.class, () -> client.get(s.url("127.0.0.1", "/a.bin")));
            assertTrue(e.getMessage().contains("does not name this host"), e.getMessage());
        }
    }

    @Test void faultsWorkOverTls() throws Exception {
        try (var s = ImageServer.https(0, cert).add("/a.bin", IMAGE); var client = trusting(cert.pem())) {
            s.setFault("/a.bin", new Fault.Cut(1234));
            assertEquals(200, client.get(s.url("/a.bin")));
            assertArrayEquals(Arrays.copyOf(IMAGE, 1234), client.readAll());
            assertFalse(client.isCompleteDataReceived());

            s.setFault("/a.bin", new Fault.Reset(1000));
            assertEquals(200, client.get(s.url("/a.bin")));
            byte[] buf = new byte[256];
            assertThrows(IOException.class, () -> {
                while (client.read(buf) > 0) { /* until the reset */ }
            });
            assertTrue(client.bytesRead() <= 1000);
            assertFalse(client.isCompleteDataReceived());
        }
    }

    @Test void theServerReportsAFailedHandshake() throws Exception {
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var s = ImageServer.https(0, cert).add("/a.bin", IMAGE); var client = trusting(otherCert.pem())) {
            s.onConnectionError(errors::add);
            assertThrows(SSLHandshakeException.class, () -> client.get(s.url("/a.bin")));
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (errors.isEmpty() && System.nanoTime() < end) Thread.sleep(10);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).startsWith("TLS handshake with 127.0.0.1 failed"), errors.get(0));
            assertEquals(List.of(), s.requests());
        }
    }

    @Test void aServerThatNeverStartsTlsIsATimeout() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var accepted = new java.util.concurrent.CompletableFuture<java.net.Socket>();
            var t = new Thread(() -> {
                try {
                    accepted.complete(silent.accept());                // a TCP server that never speaks TLS
                } catch (IOException e) {
                    accepted.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
            var impatient = new EspHttpClient(EspHttpClient.Config.defaults().withCertPem(cert.pem())
                    .withTimeout(Duration.ofMillis(200)));
            var e = assertThrows(java.net.SocketTimeoutException.class,
                    () -> impatient.get("https://127.0.0.1:" + silent.getLocalPort() + "/x"));
            assertEquals("TLS handshake with 127.0.0.1:" + silent.getLocalPort() + " timed out after 200 ms",
                    e.getMessage());
            accepted.get(5, java.util.concurrent.TimeUnit.SECONDS).close();
        }
    }

    @Test void aPemWithoutACertificateIsRejectedAtOnce() {
        var e = assertThrows(IllegalArgumentException.class, () -> trusting("not a certificate"));
        assertTrue(e.getMessage().startsWith("cert_pem is not a PEM certificate"), e.getMessage());
        assertEquals(Optional.empty(), EspHttpClient.Config.defaults().certPem());
    }
}
