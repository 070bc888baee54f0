package esp32ota.flash;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Flash dump files: the whole chip, byte for byte from address 0, as {@code esptool.py read_flash 0 ALL dump.bin}
 * writes it and {@code write_flash 0 dump.bin} takes it back. A dump has no header; its size is the chip's size, so a
 * file that is not exactly 2, 4, 8 or 16 MiB is refused.
 * <p>
 * Saving is safe: the bytes go to a temporary file beside the target, which then replaces the target in one rename
 * (a crash never leaves half a dump), and {@link #save} refuses to overwrite the dump the flash was loaded from;
 * {@link #replaceSource} does that, when it is what you want.
 */
public final class FlashDump {
    private FlashDump() {}

    /** Loads {@code file} on a new clock with {@link FlashTiming#TYPICAL} timing. */
    public static NorFlash load(Path file) throws FlashDumpException {
        return load(file, new VirtualClock(), FlashTiming.TYPICAL);
    }

    /**
     * Loads {@code file} as a flash of the file's size, on {@code clock}; the flash remembers the file
     * ({@link NorFlash#source()}). The size is checked before anything is read.
     */
    public static NorFlash load(Path file, VirtualClock clock, FlashTiming timing) throws FlashDumpException {
        long length;
        byte[] content;
        try {
            if (Files.isDirectory(file)) throw new FlashDumpException(file, "%s is a directory, not a flash dump"
                    .formatted(file));
            length = Files.size(file);
            if (NorFlash.sizeOfDump(length).isEmpty()) {
                throw new FlashDumpException(file, "%s: %d bytes is not a flash dump (a dump is exactly 2, 4, 8 or 16 MiB)"
                        .formatted(file, length));
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FlashDumpException(file, "cannot read %s: no such file".formatted(file));
        } catch (IOException e) {
            throw new FlashDumpException(file, "cannot read %s: %s".formatted(file, e.getMessage()));
        }
        if (content.length != length) {
            throw new FlashDumpException(file, "%s changed size while it was read".formatted(file));
        }
        NorFlash flash = NorFlash.of(esp32ota.bytes.Bytes.of(content), length, clock, timing);
        flash.source(file);
        return flash;
    }

    /**
     * Saves the whole of {@code flash} to {@code file}, atomically, replacing any other file there. Refuses (and
     * writes nothing) when {@code file} is the dump {@code flash} was loaded from: use {@link #replaceSource} for that.
     */
    public static void save(NorFlash flash, Path file) throws FlashDumpException {
        if (flash.source().isPresent() && sameFile(flash.source().get(), file)) {
            throw new FlashDumpException(file, "refusing to overwrite %s, the dump this flash was loaded from; choose another file"
                    .formatted(file));
        }
        write(flash, file);
    }

    /** Saves {@code flash} over the dump it was loaded from, atomically: the one way to overwrite the input. */
    public static void replaceSource(NorFlash flash) throws FlashDumpException {
        Path source = flash.source().orElseThrow(() -> new IllegalStateException(
                "this flash was not loaded from a dump file"));
        write(flash, source);
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(NorFlash flash, Path file) throws FlashDumpException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (Files.isDirectory(file)) throw new FlashDumpException(file, "cannot write %s: it is a directory"
                    .formatted(file));
            Files.createDirectories(dir);
            // createFile, not createTempFile (which forces mode 0600): the dump gets the umask's permissions
            tmp = Files.createFile(dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime())
                    + "." + ProcessHandle.current().pid() + ".tmp"));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                flash.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new FlashDumpException(file, "cannot write %s: %s".formatted(file, e.getMessage()));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the write already failed; a leftover temp file is all that is left
                }
            }
        }
    }
}
