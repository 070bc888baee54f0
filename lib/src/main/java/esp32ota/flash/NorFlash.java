package esp32ota.flash;

import esp32ota.bytes.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    public static final int PAGE_SIZE = 256, SECTOR_SIZE = 0x1000, BLOCK_SIZE = 0x10000;
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
    private final List<Consumer<FlashOp>> listeners = new ArrayList<>();
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

    public long size() { return size; }

    public VirtualClock clock() { return clock; }

    public FlashTiming timing() { return timing; }

    /** Reads {@code length} bytes at {@code address} (reads are not operations: they cannot be cut). */
    public Bytes read(long address, int length) {
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
        clock.advance(timing.readPerKiB() * length / 1024);
        return Bytes.of(out);
    }

    /** The whole chip, as a flash dump. */
    public Bytes dump() { return read(0, (int) size); }

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
        byte[] sector = writable(s);
        for (int i = 0; i < keep; i++) sector[off + i] &= data[from + i];
        bytesProgrammed += keep;
        clock.advance(timing.pageProgram());
        finish(new FlashOp.Program(opCount, address, length, start, timing.pageProgram()), keep < length);
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
        for (long at = address; at < address + length; at += SECTOR_SIZE) eraseCounts[(int) (at / SECTOR_SIZE)]++;
        clock.advance(micros);
        finish(new FlashOp.Erase(opCount, address, length, start, micros), keep < length);
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
            throw new PowerLossException(op.index(), "power cut during operation %d (%s, tear %s)"
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

    /** Calls {@code listener} after each completed operation. */
    public void addListener(Consumer<FlashOp> listener) { listeners.add(listener); }

    public void removeListener(Consumer<FlashOp> listener) { listeners.remove(listener); }

    /** Operations so far (the index the next one gets). */
    public long opCount() { return opCount; }

    public FlashCounters counters() { return new FlashCounters(opCount, bytesProgrammed, eraseCounts.clone()); }

    /**
     * A copy that shares every sector with this one until either writes it: cheap whatever the size. The copy has
     * its own clock (at the same time), no listeners and no armed cut.
     */
    public NorFlash copy() {
        Arrays.fill(owned, false);
        NorFlash c = new NorFlash(size, sectors.clone(), new boolean[owned.length], eraseCounts.clone(),
                new VirtualClock(clock.nowMicros()), timing);
        c.opCount = opCount;
        c.bytesProgrammed = bytesProgrammed;
        return c;
    }

    /**
     * Whether {@code [address, address + length)} holds the same bytes in {@code other}, answered from shared sectors
     * where it can (a copy that never wrote a sector shares it), so comparing a slot between sweep copies is cheap.
     */
    public boolean sameContent(NorFlash other, long address, long length) {
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

    /** The size a flash dump of {@code length} bytes implies, if it is one this model accepts. */
    public static Optional<Long> sizeOfDump(long length) {
        return length >= MIN_SIZE && length <= MAX_SIZE && Long.bitCount(length) == 1 ? Optional.of(length)
                : Optional.empty();
    }
}
