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

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Files.createFile (not createTempFile, which forces mode 0600) so the result gets the umask's permissions,
        // as a file written by gen_esp32part or esptool would.
        Path tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + "." + ProcessHandle.current().pid() + ".tmp"));
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

    /** Usage error when {@code output} names the same file as {@code input}. */
    public static void refuseToOverwrite(Path input, Path output) throws IOException {
        boolean same = Files.exists(output) && Files.isSameFile(input, output);
        if (same || input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new CliException("refusing to overwrite the input file " + input + "; choose another output");
        }
    }

    /** Reads a whole input file, turning "missing" and "unreadable" into usage errors. */
    public static byte[] read(Path input) {
        try {
            return Files.readAllBytes(input);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("cannot read " + input + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + input + ": " + e.getMessage());
        }
    }
}
