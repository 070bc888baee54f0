package esp32ota.serial;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One end of an in-memory byte pipe: what one end writes, the other reads, in order, with nothing lost. No native
 * code, so unit tests and the virtual device use it. Control lines, when the pair has them, are delivered to the
 * peer ({@link #peerLines()}, {@link #onPeerLines}), the way a real adapter's DTR/RTS reach the chip.
 * Closing either end closes both: the other end reads what is left, then -1.
 */
public final class PipeTransport implements Transport {
    private final String name;
    private final boolean hasLines;
    private final Buffer in;
    private PipeTransport peer;
    private int baud = 115_200;
    private volatile ControlLines peerLines = new ControlLines(false, false);
    private volatile Consumer<ControlLines> peerLinesListener = l -> { };

    private PipeTransport(String name, boolean hasLines, Buffer in) {
        this.name = name;
        this.hasLines = hasLines;
        this.in = in;
    }

    /** Two connected ends, {@code pipe:a} and {@code pipe:b}, with control lines. */
    public static PipeTransport[] pair() { return pair(true); }

    /** Two connected ends; without control lines {@link #setLines} answers false, as a pty does. */
    public static PipeTransport[] pair(boolean controlLines) {
        Buffer ab = new Buffer(), ba = new Buffer();
        PipeTransport a = new PipeTransport("pipe:a", controlLines, ba), b = new PipeTransport("pipe:b", controlLines, ab);
        a.peer = b;
        b.peer = a;
        return new PipeTransport[] {a, b};
    }

    @Override public String name() { return name; }

    @Override public void write(byte[] data, int from, int length) throws IOException {
        if (!peer.in.put(data, from, length)) throw new IOException(name + " is closed");
    }

    @Override public int read(byte[] into, int from, int length, Duration timeout) throws IOException {
        try {
            return in.take(into, from, length, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + name, e);
        }
    }

    @Override public void setBaud(int baud) {
        if (baud <= 0) throw new IllegalArgumentException("baud must be positive: " + baud);
        this.baud = baud;
    }

    @Override public int baud() { return baud; }

    @Override public boolean setLines(boolean dtr, boolean rts) {
        if (!hasLines) return false;
        ControlLines lines = new ControlLines(dtr, rts);
        peer.peerLines = lines;
        peer.peerLinesListener.accept(lines);
        return true;
    }

    /** The lines as the other end last set them (both released at first). */
    public ControlLines peerLines() { return peerLines; }

    /** Called, on the peer's thread, each time the other end sets its lines. */
    public void onPeerLines(Consumer<ControlLines> listener) { this.peerLinesListener = listener; }

    @Override public Optional<UsbId> usbId() { return Optional.empty(); }

    @Override public void close() {
        in.close();
        peer.in.close();
    }

    /** Whether this end has been closed (by either side). */
    public boolean isClosed() { return in.closed(); }

    /** An unbounded byte queue with a blocking, time-limited take. */
    private static final class Buffer {
        private byte[] bytes = new byte[8192];
        private int head, tail;
        private boolean closed;

        synchronized boolean put(byte[] data, int from, int length) {
            if (closed) return false;
            if (tail + length > bytes.length) {
                int used = tail - head;
                byte[] bigger = used + length > bytes.length / 2 ? new byte[Math.max(bytes.length * 2, used + length)]
                        : bytes;
                System.arraycopy(bytes, head, bigger, 0, used);
                bytes = bigger;
                head = 0;
                tail = used;
            }
            System.arraycopy(data, from, bytes, tail, length);
            tail += length;
            notifyAll();
            return true;
        }

        synchronized int take(byte[] into, int from, int length, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (head == tail && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return 0;
                wait(Math.max(1, left / 1_000_000), 0);
            }
            if (head == tail) return -1;
            int n = Math.min(length, tail - head);
            System.arraycopy(bytes, head, into, from, n);
            head += n;
            return n;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized boolean closed() { return closed; }
    }
}
