package esp32ota.http;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A small, real HTTP/1.1 (or HTTPS) server for firmware images, with the bad days of a real network built in.
 *
 * <pre>{@code
 * try (ImageServer server = ImageServer.http(0)) {          // port 0: any free port
 *     server.add("/blink-2.0.0.bin", imageBytes);
 *     server.setShaping(Shaping.rate(100_000));             // 100 kB/s, like a slow Wi-Fi link
 *     server.setFault("/blink-2.0.0.bin", new Fault.Cut(50_000));
 *     String url = server.url("/blink-2.0.0.bin");          // http://127.0.0.1:PORT/blink-2.0.0.bin
 *     ...
 *     server.requests();                                    // what was asked and what was sent
 * }
 * }</pre>
 *
 * <p>What it speaks: {@code GET} and {@code HEAD}; {@code Range: bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}
 * answered {@code 206 Partial Content} with {@code Content-Range} (see {@link ByteRange}), {@code 416} when the range
 * starts past the end; {@code 404} for unknown paths, {@code 405} for other methods. Every response carries
 * {@code Content-Length} and {@code Connection: close} (one request per connection, which esp_http_client handles by
 * reconnecting).
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver.HttpServer}? It hides the socket, and two of the faults need
 * it: a TCP reset (set {@code SO_LINGER} to 0, then close) and a cut after exactly N bytes of a body whose length
 * was announced. So this class accepts connections on a {@link ServerSocket}, reads each request's head with
 * {@link HttpHead} and writes the answer with {@link Response} (where shaping and faults act); for HTTPS each
 * accepted socket is wrapped in TLS with the key of a {@link SelfSignedCertificate} (a reset still goes to the raw
 * TCP socket underneath).
 *
 * <p>Faults ({@link Fault}) and shaping ({@link Shaping}) can be changed while the server runs; a fault set for a
 * path wins over the server-wide one. All methods are thread-safe; each connection is served on its own daemon
 * thread.
 */
public final class ImageServer implements AutoCloseable {
    /** The page a captive portal (or a mistyped URL on a web server) returns instead of the firmware. */
    public static final String HTML_PAGE = """
            <!DOCTYPE html>
            <html><head><title>Welcome to the hotel Wi-Fi</title></head>
            <body><h1>Please accept the terms of use</h1><p>This is not a firmware image.</p></body></html>
            """;

    private static final int CHUNK = 8192;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocket listener;
    private final Optional<SelfSignedCertificate> certificate;
    private final Optional<SSLSocketFactory> tls;
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    private final Map<String, Fault> pathFaults = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<Integer, String>> redirects = new ConcurrentHashMap<>();
    private volatile Optional<Fault> fault = Optional.empty();
    private volatile Shaping shaping = Shaping.NONE;
    private final List<Logged> log = new ArrayList<>();             // sorted by arrival
    private final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();
    private final List<Consumer<ServedRequest>> requestListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> errorListeners = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final Thread acceptor;

    private ImageServer(ServerSocket listener, Optional<SelfSignedCertificate> certificate) {
        this.listener = listener;
        this.certificate = certificate;
        this.tls = certificate.map(c -> c.serverContext().getSocketFactory());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "image-server-connection");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "image-server-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** A plain HTTP server on 127.0.0.1; {@code port} 0 picks a free port. */
    public static ImageServer http(int port) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, Optional.empty());
    }

    /** An HTTPS server on 127.0.0.1 presenting {@code certificate}; {@code port} 0 picks a free port. */
    public static ImageServer https(int port, SelfSignedCertificate certificate) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, Optional.of(certificate));
    }

    /**
     * A server bound to {@code address} ({@code 0.0.0.0} to be reachable from a board on the local network), HTTPS
     * when a certificate is given.
     */
    public static ImageServer start(InetAddress address, int port, Optional<SelfSignedCertificate> certificate)
            throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new ImageServer(s, certificate);
    }

    // ---- configuration ------------------------------------------------------------------------------------------

    /** Serves {@code bytes} at {@code path} (which must start with {@code /}); replaces an earlier image there. */
    public ImageServer add(String path, byte[] bytes) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("a path starts with '/': " + path);
        images.put(path, bytes.clone());
        return this;
    }

    /**
     * Answers requests for {@code path} with a redirect ({@code 301}, {@code 302}, {@code 307} or {@code 308}) to
     * {@code location}, as a web server does when a firmware file has moved.
     */
    public ImageServer addRedirect(String path, int status, String location) {
        if (status != 301 && status != 302 && status != 307 && status != 308) {
            throw new IllegalArgumentException("a redirect status is 301, 302, 307 or 308, not " + status);
        }
        redirects.put(path, Map.entry(status, location));
        return this;
    }

    /** The bandwidth and latency of every response from now on. */
    public ImageServer setShaping(Shaping shaping) {
        this.shaping = shaping;
        return this;
    }

    /** A fault for every path (unless a path has its own); {@code Optional.empty()} clears it. */
    public ImageServer setFault(Optional<Fault> fault) {
        this.fault = fault;
        return this;
    }

    /** A fault for one path only. */
    public ImageServer setFault(String path, Fault fault) {
        pathFaults.put(path, fault);
        return this;
    }

    /** Removes every fault, server-wide and per path. */
    public ImageServer clearFaults() {
        pathFaults.clear();
        fault = Optional.empty();
        return this;
    }

    /**
     * Calls {@code listener} after each request with its log entry (on the connection's thread, before the entry
     * shows in {@link #requests()}).
     */
    public ImageServer onRequest(Consumer<ServedRequest> listener) {
        requestListeners.add(listener);
        return this;
    }

    /** Calls {@code listener} with a one-line message when a connection fails before a request (e.g. TLS). */
    public ImageServer onConnectionError(Consumer<String> listener) {
        errorListeners.add(listener);
        return this;
    }

    // ---- what clients need --------------------------------------------------------------------------------------

    /** The port the server listens on (useful after asking for port 0). */
    public int port() { return listener.getLocalPort(); }

    /** {@code true} for HTTPS. */
    public boolean isHttps() { return certificate.isPresent(); }

    /** The URL of {@code path} on 127.0.0.1: {@code http://127.0.0.1:PORT/path}. */
    public String url(String path) { return url("127.0.0.1", path); }

    /** The URL of {@code path} with another host name, e.g. the machine's address on the local network. */
    public String url(String host, String path) {
        return (isHttps() ? "https" : "http") + "://" + host + ":" + port() + path;
    }

    /** The certificate an HTTPS server presents. */
    public Optional<SelfSignedCertificate> certificate() { return certificate; }

    /** The PEM text the device must trust ({@code cert_pem}); fails for a plain HTTP server. */
    public String certificatePem() {
        return certificate.orElseThrow(() -> new IllegalStateException("a plain HTTP server has no certificate")).pem();
    }

    /**
     * Every request answered so far, in the order the requests arrived (a copy). A request shows once its response
     * is finished, so a client that sends one request after the other always finds them in its own order.
     */
    public List<ServedRequest> requests() {
        synchronized (log) {
            return log.stream().map(Logged::request).toList();
        }
    }

    /**
     * Waits until at least {@code count} requests are logged, then returns the log. The server writes the entry
     * when it has finished a response, which can be a moment after the client has read the last byte.
     */
    public List<ServedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (log.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) break;
                log.wait(Math.max(1, left / 1_000_000));
            }
            return requests();
        }
    }

    /** Stops listening and drops open connections. */
    @Override public void close() throws IOException {
        listener.close();
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        workers.shutdownNow();
    }

    // ---- serving ------------------------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket raw = listener.accept();
                connections.add(raw);
                workers.execute(() -> serve(raw));
            } catch (IOException e) {
                if (!listener.isClosed()) report("accept failed: " + e.getMessage());
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;                                              // closing
            }
        }
    }

    private void serve(Socket raw) {
        String peer = raw.getInetAddress().getHostAddress();
        try (raw) {
            raw.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            raw.setTcpNoDelay(true);
            Socket socket = raw;
            if (tls.isPresent()) {
                SSLSocket ssl = (SSLSocket) tls.get().createSocket(raw, peer, raw.getPort(), true);
                ssl.setUseClientMode(false);
                try {
                    ssl.startHandshake();
                } catch (IOException e) {                           // an alert, or the client hung up on us
                    report("TLS handshake with " + peer + " failed: " + e.getMessage());
                    return;
                }
                socket = ssl;
            }
            try (Socket conn = socket) {                              // TLS: close_notify, then FIN
                InputStream in = new BufferedInputStream(conn.getInputStream());
                Optional<Request> request = readRequest(in);
                if (request.isEmpty()) return;                         // connected and closed without asking
                var out = new BufferedOutputStream(conn.getOutputStream(), CHUNK);
                respond(request.get(), arrivals.incrementAndGet(), raw, out);
            }
        } catch (IOException e) {
            if (!listener.isClosed()) report("connection from " + peer + ": " + e.getMessage());
        } finally {
            connections.remove(raw);
        }
    }

    /** A request: method, path (query removed) and its head. */
    private record Request(String method, String path, HttpHead head) {
        Optional<String> header(String name) { return head.header(name); }
    }

    /** Reads {@code GET /path HTTP/1.1} and the header lines; empty when the client closed without asking. */
    private static Optional<Request> readRequest(InputStream in) throws IOException {
        Optional<HttpHead> head = HttpHead.read(in);
        if (head.isEmpty()) return Optional.empty();
        String[] parts = head.get().startLine().split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new IOException("bad request line: " + head.get().startLine());
        }
        String target = parts[1];
        if (target.startsWith("http://") || target.startsWith("https://")) {      // absolute form (proxies)
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int query = target.indexOf('?');
        return Optional.of(new Request(parts[0], query < 0 ? target : target.substring(0, query), head.get()));
    }

    private void respond(Request req, long arrival, Socket raw, OutputStream out) throws IOException {
        Shaping shape = shaping;
        Optional<Fault> f = Optional.ofNullable(pathFaults.get(req.path())).or(() -> fault);
        Response response = new Response(out, raw, shape);
        Optional<String> rangeHeader = req.header("range");
        boolean head = req.method().equals("HEAD");
        try {
            Response.sleep(shape.latency());
            if (!head && !req.method().equals("GET")) {
                response.text(405, "only GET and HEAD\n", head);
            } else if (f.isPresent() && f.get() instanceof Fault.Status s) {
                response.text(s.code(), s.code() + " " + Response.reason(s.code()) + "\n", head);
            } else if (f.isPresent() && f.get() instanceof Fault.HtmlPage) {
                byte[] page = HTML_PAGE.getBytes(StandardCharsets.UTF_8);
                response.head(200, "text/html; charset=utf-8", page.length, List.of());
                if (!head) response.body(page, 0, page.length, Optional.empty());
            } else if (redirects.containsKey(req.path())) {
                var r = redirects.get(req.path());
                response.head(r.getKey(), "text/plain", 0, List.of("Location: " + r.getValue()));
            } else if (!images.containsKey(req.path())) {
                response.text(404, "no image at " + req.path() + "\n", head);
            } else {
                serveImage(images.get(req.path()), rangeHeader, head, f, response);
            }
            response.flush();
        } finally {
            int status = response.status();
            boolean faultApplied = f.isPresent() && (status == 200 || status == 206 || f.get() instanceof Fault.Status);
            record(arrival, new ServedRequest(req.method(), req.path(), rangeHeader, status, response.bodyBytesSent(),
                    faultApplied ? f : Optional.empty()));
        }
    }

    /** 200 with the whole image, 206 with a range, or 416; the fault (cut, stall, reset, length) acts on the body. */
    private static void serveImage(byte[] image, Optional<String> rangeHeader, boolean head, Optional<Fault> f,
                                   Response response) throws IOException {
        boolean ignoreRange = f.isPresent() && f.get() instanceof Fault.IgnoreRange;
        ByteRange.Request range = ByteRange.parse(ignoreRange ? Optional.empty() : rangeHeader, image.length);
        if (range instanceof ByteRange.Request.Unsatisfiable) {
            response.head(416, "text/plain", 0, List.of("Content-Range: bytes */" + image.length));
            return;
        }
        int status = 200;
        long first = 0;
        long length = image.length;
        List<String> extra = new ArrayList<>(List.of("Accept-Ranges: bytes"));
        if (range instanceof ByteRange.Request.Part p) {
            status = 206;
            first = p.range().first();
            length = p.range().length();
            extra.add("Content-Range: " + p.range().contentRange(image.length));
        }
        long declared = length + (f.orElse(null) instanceof Fault.WrongLength w ? w.extraBytes() : 0);
        response.head(status, "application/octet-stream", declared, extra);
        if (!head) response.body(image, (int) first, (int) length, f);
    }

    /** A log entry with the number of its request's arrival (1, 2, …). */
    private record Logged(long arrival, ServedRequest request) {}

    /** Listeners first, so that when {@link #awaitRequests} returns every listener has seen the entry. */
    private void record(long arrival, ServedRequest r) {
        for (var l : requestListeners) l.accept(r);
        synchronized (log) {
            int at = log.size();
            while (at > 0 && log.get(at - 1).arrival() > arrival) at--;
            log.add(at, new Logged(arrival, r));
            log.notifyAll();
        }
    }

    private void report(String message) {
        for (var l : errorListeners) l.accept(message);
    }
}
