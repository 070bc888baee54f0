package esp32ota.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a result file only after everything has been validated, and atomically: the bytes go to a temporary file
 * beside the target, then replace it in one rename. A failure never leaves a half-written output, and
 * {@link #refuseToOverwrite} keeps commands from clobbering their own input.
 */
public final class OutputFile {
    private OutputFile() {}

    /** The largest input a command reads unless it names another limit: 256 MiB, more than any ESP32 flash. */
    public static final long MAX_INPUT = 256L << 20;

    public static void write(Path target, byte[] content) throws IOException {
        checkWritable(target);
        Path dir = target.toAbsolutePath().getParent();
        // Files.createFile (not createTempFile, which forces mode 0600) so the result gets the umask's permissions,
        // as a file written by gen_esp32part or esptool would. A short name: the target's may be near 255 bytes.
        Path tmp = Files.createFile(dir.resolve(".kit-%x-%d.tmp".formatted(System.nanoTime(),
                ProcessHandle.current().pid())));
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Usage error unless {@code target} can be written as a new regular file: its folder exists (it is not created
     * silently), and it is absent or a regular file, not a device, FIFO, folder or symlink (which a rename would
     * replace). Call it before printing anything about the write.
     */
    public static void checkWritable(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getFileName() == null || abs.getParent() == null) {
            throw new CliException("cannot write " + target + ": not a file name");
        }
        if (!Files.isDirectory(abs.getParent())) {
            throw new CliException("cannot write " + target + ": no such folder " + abs.getParent());
        }
        if (Files.isSymbolicLink(target)) {
            throw new CliException("refusing to replace the symbolic link " + target + "; give the real file");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new CliException("refusing to write " + target + ": it is a "
                    + (Files.isDirectory(target) ? "folder" : "device, FIFO or other special file") + ", not a file");
        }
    }

    /** Usage error when {@code output} names the same file as {@code input}, or cannot be written ({@link #checkWritable}). */
    public static void refuseToOverwrite(Path input, Path output) throws IOException {
        checkWritable(output);
        boolean same = Files.exists(output) && Files.isSameFile(input, output);
        if (same || input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new CliException("refusing to overwrite the input file " + input + "; choose another output");
        }
    }

    /** Usage error unless {@code input} is a regular file of at most {@code limit} bytes (checked without reading). */
    public static void checkReadable(Path input, long limit) {
        java.nio.file.attribute.BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(input, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("cannot read " + input + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + input + ": " + e.getMessage());
        }
        if (attrs.isDirectory()) throw new CliException("cannot read " + input + ": a folder, not a file");
        if (!attrs.isRegularFile()) {
            throw new CliException("cannot read " + input + ": a device, FIFO or other special file, not a file");
        }
        if (attrs.size() > limit) {
            throw new CliException("cannot read " + input + ": %d bytes, more than this command reads (%d)"
                    .formatted(attrs.size(), limit));
        }
    }

    /** Reads a whole input file of at most {@link #MAX_INPUT} bytes ({@link #read(Path, long)}). */
    public static byte[] read(Path input) { return read(input, MAX_INPUT); }

    /**
     * Reads a whole input file, turning "missing", "unreadable", "not a regular file" (a FIFO would block, a device
     * such as /dev/zero never ends) and "larger than {@code limit}" into usage errors, checked before reading.
     */
    public static byte[] read(Path input, long limit) {
        checkReadable(input, limit);
        try {
            byte[] b = Files.readAllBytes(input);
            if (b.length > limit) throw new CliException("cannot read " + input + ": it grew while being read");
            return b;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("cannot read " + input + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + input + ": " + e.getMessage());
        }
    }
}
