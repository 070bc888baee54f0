package esp32ota.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The device's side of the download: a small HTTP/1.1 client over a plain {@link Socket} or an {@link SSLSocket}
 * that behaves like ESP-IDF's {@code esp_http_client} as the OTA code uses it.
 *
 * <pre>
 * esp_http_client (C)                          EspHttpClient
 * esp_http_client_init(&amp;config)                new EspHttpClient(config)
 *   .cert_pem, .timeout_ms,                     Config.certPem, Config.timeout,
 *   .max_redirection_count                      Config.maxRedirects
 * esp_http_client_set_header(c, "Range", …)     the headers map of open(…)
 * esp_http_client_open + fetch_headers          open(method, url, headers) → status code
 * esp_http_client_get_status_code               status()
 * esp_http_client_get_content_length            contentLength() (-1 when chunked or unknown)
 * esp_http_client_is_chunked_response           isChunked()
 * esp_http_client_read(c, buf, len)             read(buf) → bytes read, 0 at the end of the body
 * esp_http_client_is_complete_data_received     isCompleteDataReceived()
 * esp_http_client_close / cleanup               close()
 * </pre>
 *
 * <p>What a device sees when things go wrong, and how it shows here:
 * <ul>
 *   <li>the server closes early (fewer bytes than {@code Content-Length}): {@code read} returns 0 and
 *       {@link #isCompleteDataReceived()} is {@code false} — esp_https_ota then logs
 *       {@code Connection closed before complete data was received!};</li>
 *   <li>no data for longer than the timeout: {@link SocketTimeoutException} (never a hang);</li>
 *   <li>a TCP reset: {@link java.net.SocketException} ({@code Connection reset});</li>
 *   <li>an HTTPS server whose certificate is not the one in {@code cert_pem}, or whose certificate does not name
 *       the URL's host: {@link SSLHandshakeException} with a one-line reason.</li>
 * </ul>
 *
 * <p>HTTPS trusts <em>only</em> the certificates in {@code cert_pem} (never the JDK's default CA list) and checks the
 * host name against the certificate's Subject Alternative Names, as mbedTLS does for esp_http_client. Redirects
 * 301, 302, 307 and 308 are followed up to {@code maxRedirects} times. Each {@code open} sends
 * {@code Connection: close}, so every request uses a fresh connection. Not thread-safe: one download at a time.
 */
public final class EspHttpClient implements AutoCloseable {
    /**
     * Client settings, the fields of {@code esp_http_client_config_t} that matter for OTA.
     *
     * @param timeout      connect, TLS handshake and each read must make progress within this time
     *                     ({@code timeout_ms}, 5000 ms by default in ESP-IDF)
     * @param certPem      PEM text of the certificate(s) to trust for HTTPS ({@code cert_pem}); empty for plain HTTP
     * @param maxRedirects how many redirects to follow ({@code max_redirection_count}, 10 by default)
     */
    public record Config(Duration timeout, Optional<String> certPem, int maxRedirects) {
        public Config {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
            if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects must be >= 0");
        }

        /** ESP-IDF's defaults: 5 s timeout, no certificate, 10 redirects. */
        public static Config defaults() { return new Config(Duration.ofSeconds(5), Optional.empty(), 10); }

        public Config withTimeout(Duration t) { return new Config(t, certPem, maxRedirects); }

        public Config withCertPem(String pem) { return new Config(timeout, Optional.of(pem), maxRedirects); }

        public Config withMaxRedirects(int n) { return new Config(timeout, certPem, n); }
    }

    private final Config config;
    private final Optional<SSLSocketFactory> tls;

    private Socket socket;
    private InputStream in;
    private String url;
    private int status;
    private Map<String, String> headers = Map.of();
    private long contentLength = -1;
    private boolean chunked;
    private int redirectsFollowed;
    private Body body = Body.NONE;
    private long remaining;           // body bytes still expected (Content-Length) or left in the current chunk
    private boolean complete;
    private boolean ended;
    private long bytesRead;
    private long startNanos;
    private long endNanos = -1;

    /** A client with {@code config}; fails when {@code cert_pem} holds no readable certificate. */
    public EspHttpClient(Config config) {
        this.config = config;
        this.tls = config.certPem().map(EspHttpClient::trustOnly);
    }

    /** How the end of the body is found. */
    private enum Body { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    // ---- open ---------------------------------------------------------------------------------------------------

    /** {@code GET url} without extra headers; returns the status code. */
    public int get(String url) throws IOException { return open("GET", url, Map.of()); }

    /** {@code GET url} with {@code Range: bytes=first-last}, as esp_https_ota's partial download sends it. */
    public int get(String url, ByteRange range) throws IOException {
        return open("GET", url, Map.of("Range", range.requestHeader()));
    }

    /** {@code HEAD url}: status and headers only (esp_https_ota uses it to learn the image size). */
    public int head(String url) throws IOException { return open("HEAD", url, Map.of()); }

    /**
     * Sends {@code method url} with {@code headers} (e.g. {@code Range: bytes=0-1023}), reads the status line and
     * headers, follows redirects, and returns the final status code. The body is then read with {@link #read}.
     * Closes the previous request's connection, if any.
     */
    public int open(String method, String url, Map<String, String> headers) throws IOException {
        close();
        startNanos = System.nanoTime();
        endNanos = -1;
        bytesRead = 0;
        redirectsFollowed = 0;
        String target = url;
        while (true) {
            try {
                request(method, target, headers);
            } catch (IOException e) {
                close();
                throw e;
            }
            boolean redirect = status == 301 || status == 302 || status == 307 || status == 308;
            Optional<String> location = header("location");
            if (!redirect || location.isEmpty()) return status;
            if (redirectsFollowed == config.maxRedirects()) {
                close();
                throw new IOException("too many redirects: reached max_redirection_count " + config.maxRedirects()
                        + " at " + target);
            }
            redirectsFollowed++;
            close();
            try {
                target = URI.create(target).resolve(location.get()).toString();
            } catch (IllegalArgumentException e) {
                throw new IOException("bad redirect Location '" + location.get() + "' from " + target);
            }
        }
    }

    private void request(String method, String target, Map<String, String> extraHeaders) throws IOException {
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL '" + target + "': " + e.getMessage());
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme())) throw new IOException("not an http(s) URL: " + target);
        if (uri.getHost() == null) throw new IOException("no host in URL: " + target);
        if (https && tls.isEmpty()) {
            throw new IOException("https URL but no cert_pem: no option for server verification is enabled");
        }
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        Socket raw = new Socket();
        try {
            try {
                raw.connect(new InetSocketAddress(host, port), timeoutMs);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("connection to " + host + ":" + port + " timed out after "
                        + timeoutMs + " ms");
            }
            raw.setSoTimeout(timeoutMs);
            raw.setTcpNoDelay(true);
            socket = https ? handshake(raw, host, port) : raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        this.url = target;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(host).append(uri.getPort() > 0 ? ":" + port : "").append("\r\n");
        sb.append("User-Agent: ESP32 HTTP Client/1.0\r\n");          // what esp_http_client sends by default
        for (var h : extraHeaders.entrySet()) sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        sb.append("Connection: close\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        in = new BufferedInputStream(socket.getInputStream());
        try {
            readHead(method);
        } catch (SocketTimeoutException e) {
            close();
            throw new SocketTimeoutException("no response from " + target + " within " + timeoutMs + " ms (timeout)");
        }
    }

    /** Wraps {@code raw} in TLS, trusting only cert_pem and checking that the certificate names {@code host}. */
    private SSLSocket handshake(Socket raw, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.orElseThrow().createSocket(raw, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("TLS handshake with " + host + ":" + port + " timed out after "
                    + ssl.getSoTimeout() + " ms");
        } catch (SSLHandshakeException e) {
            var clear = new SSLHandshakeException("TLS handshake with " + host + ":" + port + " failed: "
                    + explain(e));
            clear.initCause(e);
            throw clear;
        }
        return ssl;
    }

    /** A reader's version of the JDK's certificate errors. */
    private static String explain(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) chain.append(' ').append(t.getMessage());
        String all = chain.toString();
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return "the server's certificate does not name this host (" + e.getMessage() + ")";
        }
        if (all.contains("PKIX") || all.contains("certification path") || all.contains("unable to find valid")) {
            return "the server's certificate is not the one in cert_pem (not trusted)";
        }
        return String.valueOf(e.getMessage());
    }

    private void readHead(String method) throws IOException {
        HttpHead head = HttpHead.read(in)
                .orElseThrow(() -> new IOException("connection closed before a response from " + url));
        String statusLine = head.startLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("not an HTTP response: " + statusLine);
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine);
        }
        headers = head.headers();
        chunked = header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        Optional<String> cl = header("content-length");
        contentLength = -1;
        if (!chunked && cl.isPresent()) {
            try {
                contentLength = Long.parseLong(cl.get());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + cl.get());
            }
        }
        complete = false;
        ended = false;
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            body = Body.NONE;
        } else if (chunked) {
            body = Body.CHUNKED;
            remaining = 0;
        } else if (contentLength >= 0) {
            body = Body.LENGTH;
            remaining = contentLength;
        } else {
            body = Body.UNTIL_CLOSE;
        }
        if (body == Body.NONE || (body == Body.LENGTH && remaining == 0)) finish(true);
    }

    // ---- the response -------------------------------------------------------------------------------------------

    /** The final status code (after redirects). */
    public int status() { return status; }

    /** The URL that answered (differs from the one opened after a redirect). */
    public String url() { return url; }

    /** How many redirects the last {@code open} followed. */
    public int redirectsFollowed() { return redirectsFollowed; }

    /** Response headers with lower-case names. */
    public Map<String, String> headers() { return headers; }

    /** One response header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The announced body length ({@code Content-Length}); -1 when chunked or not announced. */
    public long contentLength() { return contentLength; }

    /** {@code true} when the body comes in {@code Transfer-Encoding: chunked} pieces. */
    public boolean isChunked() { return chunked; }

    /**
     * Reads body bytes into {@code buf}: returns how many (at least 1), or 0 when the body has ended — completely
     * or because the server closed the connection early (tell them apart with {@link #isCompleteDataReceived()}).
     * Throws {@link SocketTimeoutException} when nothing arrives within the timeout and
     * {@link java.net.SocketException} when the connection is reset.
     */
    public int read(byte[] buf) throws IOException {
        if (buf.length == 0) throw new IllegalArgumentException("read needs a buffer of at least one byte");
        if (ended || in == null) return 0;
        if (body == Body.CHUNKED && remaining == 0) {
            if (!nextChunk()) return 0;
        }
        int want = body == Body.UNTIL_CLOSE ? buf.length : (int) Math.min(buf.length, remaining);
        int n;
        try {
            n = in.read(buf, 0, want);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no data from " + url + " for " + config.timeout().toMillis()
                    + " ms (timeout) after " + bytesRead + " body bytes");
        }
        if (n < 0) {
            finish(body == Body.UNTIL_CLOSE);                       // early close unless the body ends at close
            return 0;
        }
        bytesRead += n;
        if (body != Body.UNTIL_CLOSE) remaining -= n;
        if (body == Body.LENGTH && remaining == 0) finish(true);
        if (body == Body.CHUNKED && remaining == 0) expectLine("", "the CRLF after a chunk");
        return n;
    }

    /** Reads the next chunk-size line; {@code false} at the last (zero) chunk or an early close. */
    private boolean nextChunk() throws IOException {
        String line = readLine();
        if (line == null) {
            finish(false);
            return false;
        }
        int semicolon = line.indexOf(';');                          // chunk extensions: ignored
        long size;
        try {
            size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line: '" + line + "'");
        }
        if (size == 0) {
            for (String t = readLine(); t != null && !t.isEmpty(); t = readLine()) {
                // trailer fields: ignored
            }
            finish(true);
            return false;
        }
        remaining = size;
        return true;
    }

    private void expectLine(String expected, String what) throws IOException {
        String line = readLine();
        if (line == null) return;                                   // the next read sees the close
        if (!line.equals(expected)) throw new IOException("bad chunked body: expected " + what + ", got '" + line + "'");
    }

    private void finish(boolean completely) {
        ended = true;
        complete = completely;
        endNanos = System.nanoTime();
    }

    /** Reads the rest of the body into a new array (for small responses and tests). */
    public byte[] readAll() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n = read(buf); n > 0; n = read(buf)) out.write(buf, 0, n);
        return out.toByteArray();
    }

    /**
     * {@code true} once the whole announced body has arrived: {@code Content-Length} bytes, the last chunk of a
     * chunked body, or the close that ends a body of unannounced length. {@code false} while reading and after an
     * early close.
     */
    public boolean isCompleteDataReceived() { return complete; }

    /** Body bytes returned by {@link #read} since the last {@code open}. */
    public long bytesRead() { return bytesRead; }

    /** Wall-clock time from the start of the last {@code open} to the end of its body (or to now while reading). */
    public Duration elapsed() {
        return Duration.ofNanos((endNanos >= 0 ? endNanos : System.nanoTime()) - startNanos);
    }

    /** Average body throughput of the last {@code open} in bytes per wall-clock second (0 before any time passed). */
    public double bytesPerSecond() {
        long nanos = elapsed().toNanos();
        return nanos <= 0 ? 0 : bytesRead * 1e9 / nanos;
    }

    /** Closes the connection (the next {@code open} makes a new one). */
    @Override public void close() throws IOException {
        Socket s = socket;
        socket = null;
        in = null;
        if (s != null) s.close();
    }

    private String readLine() throws IOException { return HttpHead.readLine(in); }

    /** A TLS socket factory that trusts exactly the certificates in {@code pem}. */
    private static SSLSocketFactory trustOnly(String pem) {
        try {
            List<X509Certificate> certs = SelfSignedCertificate.parsePem(pem);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (int i = 0; i < certs.size(); i++) trust.setCertificateEntry("cert_pem-" + i, certs.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cert_pem is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
