package esp32ota.flash;

import java.nio.file.Path;

/**
 * A flash dump file could not be read, loaded or saved: it does not exist, is a folder or special file, is too large,
 * has a size no flash has, cannot be written, or saving would overwrite the dump it came from. The message names the
 * file and says what is wrong, in one line, so a command can print it as it is (and exit with status 2).
 */
public final class FlashDumpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FlashDumpException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** The dump file the message is about. */
    public Path file() { return file; }
}
