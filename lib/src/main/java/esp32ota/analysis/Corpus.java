package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DigestAlgorithm;
import esp32ota.image.Chip;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A folder of firmware files (searched recursively), or one file, scanned into one row per file
 * ({@link CorpusRow}): what each file is ({@link Identification}) and its image fields.
 * <ul>
 * <li>Bad files never stop a scan: an unreadable, empty or broken file is a row with an error.</li>
 * <li>Memory stays bounded: only the files being decoded are in memory (at most two per worker); the rows are
 *     small. A file larger than {@link #MAX_DECODE} bytes is hashed as a stream and not decoded.</li>
 * <li>All cores: files are decoded in parallel ({@code threads} workers); rows come back in path order.</li>
 * <li>Progress: {@code progress} is told after every file (from the worker threads, one call at a time).</li>
 * </ul>
 */
public final class Corpus {
    /** Files larger than this are not decoded (the largest ESP32 flash is 128 MB, dumps are at most 16 MiB). */
    public static final long MAX_DECODE = 64L << 20;

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
        if (!Files.exists(root)) throw new NoSuchFileException(root.toString());
        if (!Files.isReadable(root)) throw new java.nio.file.AccessDeniedException(root.toString());
        List<Found> found = list(root);
        long totalBytes = found.stream().mapToLong(Found::size).sum();
        CorpusRow[] rows = new CorpusRow[found.size()];
        AtomicInteger files = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        Consumer<Progress> tell = p -> { synchronized (progress) { progress.accept(p); } };
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "corpus-scan");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(2 * Math.max(1, threads));
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < found.size(); i++) {
                int index = i;
                Found f = found.get(i);
                inFlight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        rows[index] = row(f, chip);
                    } finally {
                        inFlight.release();
                        tell.accept(new Progress(files.incrementAndGet(), found.size(), bytes.addAndGet(f.size()),
                                totalBytes));
                    }
                }));
            }
            for (Future<?> future : futures) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("scan interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a scan worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.of(rows);
    }

    /** One file's row; never throws for a bad file. */
    public static CorpusRow row(Path file, String name, Optional<Chip> chip) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return CorpusRow.unreadable(name, 0, "cannot read: " + e);
        }
        return row(new Found(file, name, size, null), chip);
    }

    private record Found(Path path, String name, long size, String error) {}

    private static CorpusRow row(Found f, Optional<Chip> chip) {
        if (f.error() != null) return CorpusRow.unreadable(f.name(), f.size(), f.error());
        try {
            if (f.size() > MAX_DECODE) {
                return CorpusRow.unreadable(f.name(), f.size(), null).withHash(streamedSha256(f.path()),
                        "not decoded: %d bytes is more than %d MiB".formatted(f.size(), MAX_DECODE >> 20));
            }
            Bytes bytes = Bytes.read(f.path());                // one read, no copy
            FileSha256 sha = new FileSha256(bytes);             // one pass: the file's and an image's own digest
            String hex = null;
            try {
                Identification id = Identification.of(bytes, chip, sha::ofFirst);
                hex = sha.whole();
                return CorpusRow.of(f.name(), bytes.size(), hex, id);
            } catch (RuntimeException | StackOverflowError e) {
                return CorpusRow.unreadable(f.name(), bytes.size(), null).withHash(hex != null ? hex : sha.whole(),
                        "kit failed to decode it (a bug, please report): " + e);
            }
        } catch (IOException e) {
            return CorpusRow.unreadable(f.name(), f.size(), "cannot read: " + message(e));
        }
    }

    private static String message(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file (a broken link?)";
        if (e instanceof java.nio.file.FileSystemLoopException) return "a link loop";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String streamedSha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() { return DigestAlgorithm.SHA_256.start(); }

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
