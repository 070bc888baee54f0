package esp32ota.flash;

import esp32ota.bytes.Bytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Flash dump files: the whole chip, byte for byte from address 0, as {@code esptool.py read_flash 0 ALL dump.bin}
 * writes it and {@code write_flash 0 dump.bin} takes it back. A dump has no header, so the file's kind and size are
 * all there is to check: {@link #read} is the one place a dump file is read, and takes a regular file of any size up
 * to {@link #MAX_FILE_SIZE} (the decoders find a partition table and otadata in a dump of any size); {@link #load}
 * adds the rule of the NOR-flash model, whose size is a chip's: exactly 2, 4, 8 or 16 MiB.
 * <p>
 * Saving is safe: the bytes go to a temporary file beside the target, which then replaces the target in one rename
 * (a crash never leaves half a dump), and {@link #save} refuses to overwrite the dump the flash was loaded from;
 * {@link #replaceSource} does that, when it is what you want.
 */
public final class FlashDump {
    /** The largest file {@link #read} takes: 256 MiB, far more than any ESP32's flash. */
    public static final long MAX_FILE_SIZE = 256L << 20;

    private FlashDump() {}

    /**
     * The bytes of the dump file {@code file}, of any size up to {@link #MAX_FILE_SIZE}. Refused before anything is
     * read: a missing file, a folder, a special file (a FIFO would block, a device such as /dev/zero never ends) and a
     * file that is too large; each message names the file, and the size when that is what is wrong.
     */
    public static Bytes read(Path file) throws FlashDumpException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw cannotRead(file, "no such file");
        } catch (IOException e) {
            throw cannotRead(file, e.getMessage());
        }
        if (attrs.isDirectory()) throw cannotRead(file, "a folder, not a file");
        if (!attrs.isRegularFile()) throw cannotRead(file, "a device, FIFO or other special file, not a file");
        if (attrs.size() > MAX_FILE_SIZE) {
            throw cannotRead(file, "%d bytes, more than this command reads (%d)".formatted(attrs.size(), MAX_FILE_SIZE));
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw cannotRead(file, "no such file");
        } catch (IOException e) {
            throw cannotRead(file, e.getMessage());
        }
        if (content.length > MAX_FILE_SIZE) throw cannotRead(file, "it grew while being read");
        return Bytes.of(content);
    }

    /** Loads {@code file} on a new clock with {@link FlashTiming#TYPICAL} timing. */
    public static NorFlash load(Path file) throws FlashDumpException {
        return load(file, new VirtualClock(), FlashTiming.TYPICAL);
    }

    /**
     * Loads {@code file} ({@link #read}) as a flash of the file's size, on {@code clock}; the flash remembers the file
     * ({@link NorFlash#source()}). The size must be one a chip has ({@link NorFlash#sizeOfDump}).
     */
    public static NorFlash load(Path file, VirtualClock clock, FlashTiming timing) throws FlashDumpException {
        Bytes content = read(file);
        if (NorFlash.sizeOfDump(content.size()).isEmpty()) {
            throw new FlashDumpException(file, "%s: %d bytes is not a flash dump (a dump is exactly 2, 4, 8 or 16 MiB)"
                    .formatted(file, content.size()));
        }
        NorFlash flash = NorFlash.of(content, content.size(), clock, timing);
        flash.source(file);
        return flash;
    }

    private static FlashDumpException cannotRead(Path file, String why) {
        return new FlashDumpException(file, "cannot read %s: %s".formatted(file, why));
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
