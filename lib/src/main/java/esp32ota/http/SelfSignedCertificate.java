package esp32ota.http;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key pair and a self-signed X.509 certificate made at run time for an HTTPS {@link ImageServer}.
 *
 * <p>The device trusts exactly this certificate: its PEM text ({@link #pem()}) is what ESP-IDF examples embed as
 * {@code server_certs/ca_cert.pem} and pass as {@code esp_http_client_config_t.cert_pem}. The certificate names the
 * hosts the device may use in its URL as Subject Alternative Names ({@code IP:127.0.0.1}, {@code DNS:localhost}, …);
 * a TLS client checks the URL's host against them.
 *
 * <p>The JDK has no public API to create certificates, so this class runs the JDK's own {@code keytool}
 * ({@code $JAVA_HOME/bin/keytool -genkeypair}) into a temporary PKCS#12 key store and loads it back. Each call makes
 * a new key pair, so two certificates never trust each other.
 */
public final class SelfSignedCertificate {
    private static final char[] PASSWORD = "esp32ota".toCharArray();   // only protects a temporary file
    private static final String ALIAS = "server";

    private final KeyStore keyStore;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyStore keyStore, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /** A certificate for {@code 127.0.0.1} and {@code localhost}. */
    public static SelfSignedCertificate forLocalhost() throws IOException {
        return generate(List.of("127.0.0.1", "localhost"));
    }

    /**
     * A new RSA-2048 key pair and a certificate valid for 30 days whose Subject Alternative Names are {@code hosts}
     * (IP addresses become {@code IP:} entries, names {@code DNS:} entries); the first host is also the common name.
     */
    public static SelfSignedCertificate generate(List<String> hosts) throws IOException {
        if (hosts.isEmpty()) throw new IllegalArgumentException("a certificate needs at least one host name");
        List<String> san = new ArrayList<>();
        for (String h : hosts) san.add((isIpAddress(h) ? "ip:" : "dns:") + h);
        Path dir = Files.createTempDirectory("esp32ota-cert");
        Path store = dir.resolve("server.p12");
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                    "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=" + hosts.get(0) + ", O=ESP32 OTA Kit",
                    "-ext", "SAN=" + String.join(",", san),
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool failed (exit " + p.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            return new SelfSignedCertificate(ks, (X509Certificate) ks.getCertificate(ALIAS));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the key store keytool wrote: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating a certificate", e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    /** The certificate (public part only). */
    public X509Certificate certificate() { return certificate; }

    /** The certificate in PEM form ({@code -----BEGIN CERTIFICATE-----}, base64 in 64-character lines). */
    public String pem() {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a loaded certificate cannot be encoded", e);
        }
    }

    /** Writes {@link #pem()} to {@code file} (the file to build into the firmware) and returns it. */
    public Path writePem(Path file) throws IOException {
        return Files.writeString(file, pem(), StandardCharsets.US_ASCII);
    }

    /** A server-side TLS context that presents this certificate and its private key. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context from a generated key", e);
        }
    }

    /** Parses every certificate in a PEM text (as {@code cert_pem} may hold a chain). */
    static List<X509Certificate> parsePem(String pem) throws java.security.cert.CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) throw new java.security.cert.CertificateException("no certificate in the PEM text");
        return out;
    }

    private static boolean isIpAddress(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":");
    }
}
