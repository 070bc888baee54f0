package esp32ota.flash;

import esp32ota.bytes.Bytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A SPI NOR flash chip as the ESP32 sees it: erase sets bytes to 0xFF in whole 4 KiB sectors or 64 KiB blocks,
 * program can only clear bits ({@code new = old & data}) and never crosses a 256-byte page. Every erase and page
 * program is one {@link FlashOp}, timed on the {@link VirtualClock} and counted; a power cut can be armed at any
 * operation, and {@link #copy()} is copy-on-write, so thousands of "what if power failed here" copies are cheap.
 * <p>
 * Mutable, like the chip it models; what it reports ({@link FlashOp}, {@link FlashCounters}) is immutable.
 */
public final class NorFlash {
    /** A page program never crosses a 256-byte page boundary. */
    public static final int PAGE_SIZE = 256;
    /** The smallest erase: 4 KiB. */
    public static final int SECTOR_SIZE = 0x1000;
    /** The large erase: 64 KiB, sixteen sectors, at a 64 KiB aligned address. */
    public static final int BLOCK_SIZE = 0x10000;
    /** Chip sizes this model accepts: 2, 4, 8 or 16 MiB. */
    public static final long MIN_SIZE = 2L << 20, MAX_SIZE = 16L << 20;

    /** How a power cut leaves the operation it interrupts. */
    public enum Tear {
        /** The interrupted operation did nothing. */
        NONE,
        /** The first half of its bytes were done (an erase sets them to 0xFF, a program clears their bits). */
        HALF,
        /** Every byte done but the last (the state word of an otadata entry, say). */
        ALL_BUT_LAST
    }

    private static final byte[] ERASED = filled(SECTOR_SIZE);

    private final long size;
    private final byte[][] sectors;      // null = erased; shared with copies until written
    private final boolean[] owned;       // sectors[i] belongs to this flash alone
    private final int[] eraseCounts;
    private final VirtualClock clock;
    private final FlashTiming timing;
    // copy-on-write: a listener may add or remove listeners (itself included) while it is being called
    private final List<Consumer<FlashOp>> listeners = new CopyOnWriteArrayList<>();
    private Path source;                 // the dump file this flash (or the flash it was copied from) was loaded from
    private long opCount, bytesProgrammed;
    private long cutAt = -1;
    private Tear cutTear = Tear.NONE;
    private boolean dead;

    private NorFlash(long size, byte[][] sectors, boolean[] owned, int[] eraseCounts, VirtualClock clock,
                     FlashTiming timing) {
        this.size = size;
        this.sectors = sectors;
        this.owned = owned;
        this.eraseCounts = eraseCounts;
        this.clock = clock;
        this.timing = timing;
    }

    /** A chip of {@code size} bytes (2–16 MiB, a power of two), every byte 0xFF, on its own clock. */
    public static NorFlash erased(long size, FlashTiming timing) { return erased(size, new VirtualClock(), timing); }

    /** A chip of {@code size} bytes, every byte 0xFF, whose operations advance {@code clock}. */
    public static NorFlash erased(long size, VirtualClock clock, FlashTiming timing) {
        checkSize(size);
        int n = (int) (size / SECTOR_SIZE);
        return new NorFlash(size, new byte[n][], new boolean[n], new int[n], clock, timing);
    }

    /**
     * A chip holding {@code image} from address 0 and 0xFF after it, as if flashed by a programmer (no operations are
     * counted). Refuses an image larger than the chip.
     */
    public static NorFlash of(Bytes image, long size, VirtualClock clock, FlashTiming timing) {
        checkSize(size);
        if (image.size() > size) {
            throw new IllegalArgumentException("a %d-byte image does not fit a %d MiB flash".formatted(image.size(),
                    size >> 20));
        }
        NorFlash f = erased(size, clock, timing);
        byte[] data = image.toByteArray();
        for (int s = 0; s * SECTOR_SIZE < data.length; s++) {
            byte[] sector = ERASED.clone();
            System.arraycopy(data, s * SECTOR_SIZE, sector, 0, Math.min(SECTOR_SIZE, data.length - s * SECTOR_SIZE));
            if (!Arrays.equals(sector, ERASED)) {
                f.sectors[s] = sector;
                f.owned[s] = true;
            }
        }
        return f;
    }

    static void checkSize(long size) {
        if (size < MIN_SIZE || size > MAX_SIZE || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("flash size must be 2, 4, 8 or 16 MiB, not %d bytes".formatted(size));
        }
    }

    /** Size in bytes. */
    public long size() { return size; }

    /** The clock every operation advances. */
    public VirtualClock clock() { return clock; }

    /** How long each operation takes. */
    public FlashTiming timing() { return timing; }

    /**
     * Reads {@code length} bytes at {@code address}, as the CPU would over SPI: it costs
     * {@link FlashTiming#readPerKiB()} per KiB (rounded up to a whole µs) on the clock. Reads are not operations:
     * they are not counted, not reported to listeners and cannot be cut (and they work while the power is off, so a
     * test can look at what a cut left).
     */
    public Bytes read(long address, int length) {
        Bytes out = peek(address, length);
        clock.advance((timing.readPerKiB() * length + 1023) / 1024);
        return out;
    }

    private Bytes peek(long address, int length) {
        checkRange(address, length);
        byte[] out = new byte[length];
        long at = address;
        int done = 0;
        while (done < length) {
            int s = (int) (at / SECTOR_SIZE), off = (int) (at % SECTOR_SIZE);
            int n = Math.min(length - done, SECTOR_SIZE - off);
            System.arraycopy(sectors[s] == null ? ERASED : sectors[s], off, out, done, n);
            done += n;
            at += n;
        }
        return Bytes.of(out);
    }

    /**
     * The whole chip, as a flash dump. This is the observer looking at the chip (saving a dump, checking a test),
     * not the device reading it: it costs no virtual time.
     */
    public Bytes dump() { return peek(0, (int) size); }

    /** Writes the whole chip to {@code out}, sector by sector (for {@link FlashDump#save}); costs no virtual time. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] sector : sectors) out.write(sector == null ? ERASED : sector);
    }

    /** Erases the 4 KiB sector at {@code address} (must be sector aligned): one operation. */
    public void eraseSector(long address) { erase(address, SECTOR_SIZE, timing.sectorErase()); }

    /** Erases the 64 KiB block at {@code address} (must be block aligned): one operation. */
    public void eraseBlock(long address) { erase(address, BLOCK_SIZE, timing.blockErase()); }

    /**
     * {@code esp_flash_erase_region}: 64 KiB block erases wherever the address is block aligned and at least 64 KiB
     * remain, 4 KiB sector erases elsewhere. Both ends must be sector aligned.
     */
    public void eraseRegion(long address, long length) {
        if (address % SECTOR_SIZE != 0 || length % SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("erase 0x%X+0x%X: not sector aligned".formatted(address, length));
        }
        checkRange(address, length);
        long at = address, end = address + length;
        while (at < end) {
            if (at % BLOCK_SIZE == 0 && end - at >= BLOCK_SIZE) {
                eraseBlock(at);
                at += BLOCK_SIZE;
            } else {
                eraseSector(at);
                at += SECTOR_SIZE;
            }
        }
    }

    /**
     * Programs {@code data} at {@code address}, one page program per 256-byte page it touches (as
     * {@code esp_flash_write} splits it). Bits can only be cleared: the result is {@code old & data}.
     */
    public void program(long address, Bytes data) {
        checkRange(address, data.size());
        byte[] bytes = data.toByteArray();
        int done = 0;
        while (done < bytes.length) {
            long at = address + done;
            int n = (int) Math.min(bytes.length - done, PAGE_SIZE - at % PAGE_SIZE);
            programPage(at, bytes, done, n);
            done += n;
        }
    }

    private void programPage(long address, byte[] data, int from, int length) {
        int keep = begin(length);
        long start = clock.nowMicros();
        int s = (int) (address / SECTOR_SIZE), off = (int) (address % SECTOR_SIZE);
        if (keep > 0) {                  // a program cut before its first byte leaves the sector shared
            byte[] sector = writable(s);
            for (int i = 0; i < keep; i++) sector[off + i] &= data[from + i];
        }
        bytesProgrammed += keep;
        long micros = spent(timing.pageProgram(), keep, length);
        clock.advance(micros);
        finish(new FlashOp.Program(opCount, address, length, start, micros), keep < length);
    }

    private void erase(long address, int length, long micros) {
        if (address % length != 0) {
            throw new IllegalArgumentException("erase at 0x%X: not aligned to 0x%X".formatted(address, length));
        }
        checkRange(address, length);
        int keep = begin(length);
        long start = clock.nowMicros();
        for (long at = address; at < address + keep; ) {
            int s = (int) (at / SECTOR_SIZE), off = (int) (at % SECTOR_SIZE);
            int n = (int) Math.min(address + keep - at, SECTOR_SIZE - off);
            if (off == 0 && n == SECTOR_SIZE) {
                sectors[s] = null;
                owned[s] = false;
            } else {
                Arrays.fill(writable(s), off, off + n, (byte) 0xFF);
            }
            at += n;
        }
        // wear: every sector the erase reached (a cut before any byte was erased costs no wear)
        for (long at = address; at < address + keep; at += SECTOR_SIZE) eraseCounts[(int) (at / SECTOR_SIZE)]++;
        long spent = spent(micros, keep, length);
        clock.advance(spent);
        finish(new FlashOp.Erase(opCount, address, length, start, spent), keep < length);
    }

    /** Time an operation took: all of {@code full}, or the share of it a cut left ({@code done} of {@code length}). */
    private static long spent(long full, int done, int length) {
        return done == length ? full : full * done / length;
    }

    /** Bytes of the next operation that get done: all, or what the armed cut leaves. */
    private int begin(int length) {
        if (dead) throw new PowerLossException(cutAt, "the flash has no power (cut at operation %d)".formatted(cutAt));
        if (opCount != cutAt) return length;
        return switch (cutTear) {
            case NONE -> 0;
            case HALF -> length / 2;
            case ALL_BUT_LAST -> length - 1;
        };
    }

    private void finish(FlashOp op, boolean cut) {
        opCount++;
        if (cut || op.index() == cutAt) {
            dead = true;
            throw new PowerLossException(op, cutTear, "power cut during operation %d (%s, tear %s)"
                    .formatted(op.index(), op, cutTear));
        }
        for (Consumer<FlashOp> l : listeners) l.accept(op);
    }

    private byte[] writable(int s) {
        if (!owned[s]) {
            sectors[s] = (sectors[s] == null ? ERASED : sectors[s]).clone();
            owned[s] = true;
        }
        return sectors[s];
    }

    private void checkRange(long address, long length) {
        if (address < 0 || length < 0 || address + length > size) {
            throw new IllegalArgumentException("0x%X+0x%X is outside the %d MiB flash".formatted(address, length,
                    size >> 20));
        }
    }

    /**
     * Arms a power cut: operation {@code opIndex} (counted from the start of this flash's stream) is done as
     * {@code tear} says, then {@link PowerLossException} is thrown, and so is every later operation's until
     * {@link #powerOn()}.
     */
    public void cutPowerAt(long opIndex, Tear tear) {
        if (opIndex < opCount) {
            throw new IllegalArgumentException("operation %d has already happened (the next is %d)"
                    .formatted(opIndex, opCount));
        }
        this.cutAt = opIndex;
        this.cutTear = tear;
    }

    /** Power back: the flash keeps its bytes; any armed cut is disarmed. */
    public void powerOn() {
        dead = false;
        cutAt = -1;
    }

    /** Whether a power cut has happened and {@link #powerOn()} has not been called since. */
    public boolean powerLost() { return dead; }

    /**
     * Calls {@code listener} after each completed operation, in order; an operation a power cut interrupts is not
     * reported (it is in the {@link PowerLossException}). Listeners run on the operation's thread and may remove
     * themselves.
     */
    public void addListener(Consumer<FlashOp> listener) { listeners.add(listener); }

    /** Stops calling {@code listener}. */
    public void removeListener(Consumer<FlashOp> listener) { listeners.remove(listener); }

    /** Operations so far (the index the next one gets). */
    public long opCount() { return opCount; }

    /** Wear and work so far (copies start with their source's counters). */
    public FlashCounters counters() { return new FlashCounters(opCount, bytesProgrammed, eraseCounts.clone()); }

    /**
     * A copy that shares every sector with this one until either writes it: cheap whatever the size. The copy has
     * its own clock (at the same time), the same counters, {@link #source()} and timing, power on, no listeners
     * and no armed cut.
     */
    public NorFlash copy() {
        Arrays.fill(owned, false);   // this flash now shares every sector too: its next write to one copies it
        NorFlash c = new NorFlash(size, sectors.clone(), new boolean[owned.length], eraseCounts.clone(),
                new VirtualClock(clock.nowMicros()), timing);
        c.opCount = opCount;
        c.bytesProgrammed = bytesProgrammed;
        c.source = source;
        return c;
    }

    /**
     * Whether {@code [address, address + length)} holds the same bytes in {@code other}, answered from shared sectors
     * where it can (a copy that never wrote a sector shares it), so comparing a slot between sweep copies is cheap.
     */
    public boolean sameContent(NorFlash other, long address, long length) {
        if (other.size != size) {
            throw new IllegalArgumentException("cannot compare a %d MiB flash with a %d MiB one".formatted(size >> 20,
                    other.size >> 20));
        }
        checkRange(address, length);
        for (long at = address - address % SECTOR_SIZE; at < address + length; at += SECTOR_SIZE) {
            int s = (int) (at / SECTOR_SIZE);
            if (sectors[s] == other.sectors[s]) continue;
            if (!Arrays.equals(sectors[s] == null ? ERASED : sectors[s],
                    other.sectors[s] == null ? ERASED : other.sectors[s])) return false;
        }
        return true;
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    /** The dump file this flash was loaded from ({@link FlashDump#load}), inherited by copies; empty otherwise. */
    public Optional<Path> source() { return Optional.ofNullable(source); }

    void source(Path file) { this.source = file; }

    /** The size a flash dump of {@code length} bytes implies, if it is one this model accepts. */
    public static Optional<Long> sizeOfDump(long length) {
        return length >= MIN_SIZE && length <= MAX_SIZE && Long.bitCount(length) == 1 ? Optional.of(length)
                : Optional.empty();
    }
}
