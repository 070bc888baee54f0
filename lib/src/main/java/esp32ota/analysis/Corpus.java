package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.image.Chip;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A folder of firmware files (searched recursively), or one file, scanned into one row per file
 * ({@link CorpusRow}): what each file is ({@link Identification}) and its image fields.
 * <ul>
 * <li>Bad files never stop a scan: an unreadable, empty or broken file is a row with an error.</li>
 * <li>Memory stays bounded whatever the corpus: each worker reads file after file into its own buffer (grown to the
 *     largest file it has seen, up to {@link #REUSED_BUFFER} bytes) and keeps only the strings of the row; a file
 *     larger than that, up to {@link #MAX_DECODE}, gets an array of its own, one such file at a time; a larger one is
 *     hashed as a stream and not decoded. Rows wait for their turn in a window of {@link #WINDOW} rows, so
 *     {@link #scan(Path, Optional, int, Consumer, Consumer)} hands them on as they come and holds none. What grows
 *     with the corpus is the list of paths (about 100 bytes a file) and the rows {@link #rows} collects.</li>
 * <li>All cores: files are decoded in parallel ({@code threads} workers, each with its own buffer and digest);
 *     rows come out in path order.</li>
 * <li>Progress: {@code progress} is told after every row handed on (one call at a time).</li>
 * </ul>
 */
public final class Corpus {
    /** Files larger than this are not decoded (the largest ESP32 flash is 128 MB, dumps are at most 16 MiB). */
    public static final long MAX_DECODE = 64L << 20;
    /** A worker's read buffer grows up to this size (a 16 MiB flash dump), then stays for the next files. */
    public static final int REUSED_BUFFER = 16 << 20;
    /**
     * Rows done but waiting for an earlier one (a worker on a 4 MiB image while the other does a hundred small files):
     * wide enough that no worker waits, small next to the buffers (a row is well under 1 KiB).
     */
    static final int WINDOW = 1024;

    /**
     * How far a scan is.
     *
     * @param files      files done
     * @param totalFiles files to do
     * @param bytes      bytes done
     * @param totalBytes bytes to do
     */
    public record Progress(int files, int totalFiles, long bytes, long totalBytes) {
        /** 0.0 to 1.0, by bytes (by files when all are empty). */
        public double fraction() {
            return totalBytes > 0 ? (double) bytes / totalBytes : totalFiles == 0 ? 1 : (double) files / totalFiles;
        }

        /** {@code [########............] 12/33 files, 1.2 of 3.4 MB}: {@code width} marks for the whole scan. */
        public String bar(int width) {
            int filled = (int) Math.round(width * fraction());
            return "[%s%s] %d/%d files, %.1f of %.1f MB".formatted("#".repeat(filled), ".".repeat(width - filled), files,
                    totalFiles, bytes / 1e6, totalBytes / 1e6);
        }
    }

    /** How large a file the workers read into their reused buffer, how large a file is decoded, rows waiting. */
    record Limits(int reusedBuffer, long maxDecode, int window) {
        static final Limits DEFAULT = new Limits(REUSED_BUFFER, MAX_DECODE, WINDOW);
    }

    private Corpus() {}

    /** Scans {@code root} on every core, without progress, judging images for their own chip. */
    public static Table scan(Path root) throws IOException { return scan(root, Optional.empty()); }

    public static Table scan(Path root, Optional<Chip> chip) throws IOException {
        return CorpusRow.table(root.getFileName() == null ? root.toString() : root.getFileName().toString(),
                rows(root, chip, Runtime.getRuntime().availableProcessors(), p -> { }));
    }

    /**
     * The rows of every regular file under {@code root} (or of {@code root} itself when it is a file), in path
     * order. Throws {@link IOException} only when {@code root} itself cannot be read.
     */
    public static List<CorpusRow> rows(Path root, Optional<Chip> chip, int threads, Consumer<Progress> progress)
            throws IOException {
        List<CorpusRow> rows = new ArrayList<>();
        scan(root, chip, threads, progress, rows::add);
        return rows;
    }

    /**
     * As {@link #rows}, handing each row to {@code sink} in path order as soon as it and the rows before it are done
     * (one call at a time, from the worker threads), so nothing of the scan stays in memory.
     */
    public static void scan(Path root, Optional<Chip> chip, int threads, Consumer<Progress> progress,
                            Consumer<CorpusRow> sink) throws IOException {
        scan(root, chip, threads, progress, sink, Limits.DEFAULT);
    }

    static void scan(Path root, Optional<Chip> chip, int threads, Consumer<Progress> progress,
                     Consumer<CorpusRow> sink, Limits limits) throws IOException {
        if (!Files.exists(root)) throw new NoSuchFileException(root.toString());
        if (!Files.isReadable(root)) throw new java.nio.file.AccessDeniedException(root.toString());
        List<Found> found = list(root);
        int workers = Math.max(1, Math.min(threads, found.size()));
        InOrder out = new InOrder(found, Math.max(limits.window(), 2 * workers), progress, sink);
        java.util.concurrent.BlockingQueue<Integer> queue = new java.util.concurrent.ArrayBlockingQueue<>(2 * workers);
        Semaphore large = new Semaphore(1);                 // files above the reused buffer: one at a time
        List<Thread> pool = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                Reader reader = new Reader(limits, large);
                try {
                    for (int i; (i = queue.take()) >= 0; ) {
                        if (failed.get() != null) continue;     // drain the queue so the walker never blocks
                        try {
                            out.put(i, reader.row(found.get(i), chip));
                        } catch (RuntimeException | Error e) {  // the sink or progress threw: stop the scan
                            failed.compareAndSet(null, e);
                            out.abort();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "corpus-scan-" + w);
            t.setDaemon(true);
            t.start();
            pool.add(t);
        }
        try {
            for (int i = 0; i < found.size() && failed.get() == null; i++) {
                if (!out.reserve(i)) break;                 // waits while row i is a window ahead of the output
                queue.put(i);
            }
            for (int w = 0; w < workers; w++) queue.put(-1);
            for (Thread t : pool) t.join();
        } catch (InterruptedException e) {
            for (Thread t : pool) t.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException("scan interrupted");
        }
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException("a scan worker failed", e);
    }

    /**
     * Rows in path order: row {@code i} waits in a ring of {@code window} slots until rows {@code 0..i-1} are out;
     * the walker may hand out file {@code i} only once row {@code i - window} is out.
     */
    private static final class InOrder {
        private final List<Found> found;
        private final CorpusRow[] ring;
        private final Consumer<Progress> progress;
        private final Consumer<CorpusRow> sink;
        private final long totalBytes;
        private int next;
        private long bytes;
        private boolean aborted;

        InOrder(List<Found> found, int window, Consumer<Progress> progress, Consumer<CorpusRow> sink) {
            this.found = found;
            this.ring = new CorpusRow[window];
            this.progress = progress;
            this.sink = sink;
            this.totalBytes = found.stream().mapToLong(Found::size).sum();
        }

        synchronized boolean reserve(int i) throws InterruptedException {
            while (i - next >= ring.length && !aborted) wait();
            return !aborted;
        }

        synchronized void put(int i, CorpusRow row) {
            ring[i % ring.length] = row;
            while (!aborted && next < found.size() && ring[next % ring.length] != null) {
                CorpusRow r = ring[next % ring.length];
                ring[next % ring.length] = null;
                bytes += found.get(next).size();
                next++;
                sink.accept(r);
                progress.accept(new Progress(next, found.size(), bytes, totalBytes));
            }
            notifyAll();
        }

        synchronized void abort() {
            aborted = true;
            notifyAll();
        }
    }

    /** One file's row; never throws for a bad file. */
    public static CorpusRow row(Path file, String name, Optional<Chip> chip) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return CorpusRow.unreadable(name, 0, "cannot read: " + e);
        }
        return new Reader(Limits.DEFAULT, new Semaphore(1)).row(new Found(file, name, size, null), chip);
    }

    private record Found(Path path, String name, long size, String error) {}

    /**
     * A worker's reading: its buffer (kept from file to file) and its digest. A file is read whole (decoders jump
     * about in it), with positional reads straight into the buffer; no per-file array unless it is larger.
     */
    private static final class Reader {
        private final Limits limits;
        private final Semaphore large;
        private final MessageDigest sha = sha256();
        private byte[] buffer = new byte[0];

        Reader(Limits limits, Semaphore large) {
            this.limits = limits;
            this.large = large;
        }

        CorpusRow row(Found f, Optional<Chip> chip) {
            if (f.error() != null) return CorpusRow.unreadable(f.name(), f.size(), f.error());
            try (FileChannel in = FileChannel.open(f.path())) {
                long size = in.size();
                if (size > limits.maxDecode()) {
                    return CorpusRow.unreadable(f.name(), size, null).withHash(streamedSha256(in),
                            "not decoded: %d bytes is more than %d MiB".formatted(size, limits.maxDecode() >> 20));
                }
                if (size <= limits.reusedBuffer()) {
                    if (buffer.length < size) buffer = new byte[(int) Math.min(limits.reusedBuffer(),
                            Math.max(size, 2L * buffer.length))];
                    return decode(f, chip, Bytes.borrow(buffer, readFully(in, buffer, (int) size)));
                }
                large.acquireUninterruptibly();
                try {
                    byte[] own = new byte[(int) size];
                    return decode(f, chip, Bytes.borrow(own, readFully(in, own, own.length)));
                } finally {
                    large.release();
                }
            } catch (IOException e) {
                return CorpusRow.unreadable(f.name(), f.size(), "cannot read: " + message(e));
            }
        }

        private CorpusRow decode(Found f, Optional<Chip> chip, Bytes bytes) {
            FileSha256 hash = new FileSha256(bytes, sha);   // one pass: the file's and an image's own digest
            String hex = null;
            try {
                Identification id = Identification.of(bytes, chip, hash::ofFirst);
                hex = hash.whole();
                return CorpusRow.of(f.name(), bytes.size(), hex, id);
            } catch (RuntimeException | StackOverflowError e) {
                return CorpusRow.unreadable(f.name(), bytes.size(), null).withHash(hex != null ? hex : hash.whole(),
                        "kit failed to decode it (a bug, please report): " + e);
            }
        }

        private String streamedSha256(FileChannel in) throws IOException {
            if (buffer.length < READ_CHUNK) buffer = new byte[READ_CHUNK];
            sha.reset();
            for (long at = 0; ; ) {
                int n = in.read(ByteBuffer.wrap(buffer, 0, READ_CHUNK), at);
                if (n < 0) break;
                sha.update(buffer, 0, n);
                at += n;
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Bytes a read asks for at once: the JDK copies each through a direct buffer of that size, kept per thread. */
    static final int READ_CHUNK = 1 << 20;

    /**
     * Reads up to {@code length} bytes from the start of {@code in} into {@code into}, {@link #READ_CHUNK} at a time
     * (fewer bytes if the file shrank); returns how many.
     */
    public static int readFully(FileChannel in, byte[] into, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(ByteBuffer.wrap(into, done, Math.min(READ_CHUNK, length - done)), done);
            if (n < 0) break;
            done += n;
        }
        return done;
    }

    private static String message(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file (a broken link?)";
        if (e instanceof java.nio.file.FileSystemLoopException) return "a link loop";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * Every regular file under {@code root} (symbolic links followed), sorted by relative path; folders that cannot
     * be listed, broken links and link loops are rows with an error.
     */
    private static List<Found> list(Path root) throws IOException {
        List<Found> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            out.add(new Found(root, root.getFileName().toString(), Files.size(root), null));
            return out;
        }
        Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) out.add(new Found(file, name(root, file), attrs.size(), null));
                else if (attrs.isSymbolicLink()) out.add(new Found(file, name(root, file), 0,
                        "cannot read: no such file (a broken link?)"));
                else out.add(new Found(file, name(root, file), 0, "not a regular file (a device or pipe): not read"));
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!file.equals(root)) out.add(new Found(file, name(root, file), 0, "cannot read: " + message(e)));
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(java.util.Comparator.comparing(Found::name));
        return out;
    }

    private static String name(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
