package esp32ota.flash;

import esp32ota.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link NorFlash#copy()}: copies share sectors until written, and are independent both ways. */
class CopyOnWriteTest {
    private static final long MiB = 1 << 20;

    private static NorFlash withContent() {
        byte[] image = new byte[0x30000];
        new Random(7).nextBytes(image);
        return NorFlash.of(Bytes.of(image), 2 * MiB, new VirtualClock(), FlashTiming.TYPICAL);
    }

    @Test
    void aCopyHasTheSameBytesCountersAndTime() {
        NorFlash a = withContent();
        a.eraseSector(0x1000);
        a.program(0x1000, Bytes.of(1, 2, 3));
        NorFlash b = a.copy();
        assertEquals(a.dump(), b.dump());
        assertEquals(a.counters(), b.counters());
        assertEquals(a.opCount(), b.opCount());
        assertEquals(a.clock().nowMicros(), b.clock().nowMicros());
        assertNotSame(a.clock(), b.clock());
        assertEquals(a.size(), b.size());
        assertSame(a.timing(), b.timing());
    }

    @Test
    void writingTheCopyLeavesTheSourceAlone() {
        NorFlash a = withContent();
        Bytes original = a.dump();
        NorFlash b = a.copy();
        b.eraseSector(0x0);                       // a sector with content
        b.program(0x1000, Bytes.filled(16, 0));   // a sector with content, programmed
        b.program(0x100000, Bytes.of(0x11));      // an erased sector (shared "all ones")
        b.eraseBlock(0x10000);
        assertEquals(original, a.dump());
        assertTrue(b.read(0, 0x1000).allEqual(0xFF));
        assertEquals(0x11, b.read(0x100000, 1).u8(0));
        assertEquals(0xFF, a.read(0x100000, 1).u8(0));
        assertEquals(0, a.opCount());
        assertEquals(0, a.counters().totalSectorErases());
        assertEquals(17, b.counters().totalSectorErases());
    }

    @Test
    void writingTheSourceLeavesTheCopyAlone() {
        NorFlash a = withContent();
        NorFlash b = a.copy();
        Bytes snapshot = b.dump();
        a.program(0x0, Bytes.filled(0x1000, 0x00));  // a sector both now share: the source must copy it first
        a.program(0x200000 - 4, Bytes.of(0, 0, 0, 0));
        a.eraseSector(0x2000);
        assertEquals(snapshot, b.dump());
        assertTrue(a.read(0, 0x1000).allEqual(0x00));
    }

    @Test
    void copiesOfCopiesAndSiblingsAreIndependent() {
        NorFlash a = withContent();
        NorFlash b = a.copy(), c = b.copy(), d = a.copy();
        Bytes original = a.dump();
        b.program(0x5000, Bytes.of(0x00));
        c.program(0x5001, Bytes.of(0x00));
        d.eraseSector(0x5000);
        a.program(0x5002, Bytes.of(0x00));
        assertEquals(original.with(0x5000, Bytes.of(0x00)), b.dump());
        assertEquals(original.with(0x5001, Bytes.of(0x00)), c.dump());
        assertEquals(original.with(0x5000, Bytes.filled(0x1000, 0xFF)), d.dump());
        assertEquals(original.with(0x5002, Bytes.of(0x00)), a.dump());
    }

    @Test
    void aCopyHasNoListenersNoCutAndItsOwnClock() {
        NorFlash a = withContent();
        List<FlashOp> seen = new ArrayList<>();
        a.addListener(seen::add);
        a.eraseSector(0);
        a.cutPowerAt(1, NorFlash.Tear.NONE);
        NorFlash b = a.copy();
        b.eraseSector(0);
        b.eraseSector(0);
        assertEquals(1, seen.size(), "the source's listener does not hear the copy");
        assertFalse(b.powerLost());
        assertEquals(45_000, a.clock().nowMicros());
        assertEquals(135_000, b.clock().nowMicros());
        assertThrows(PowerLossException.class, () -> a.eraseSector(0), "the source keeps its armed cut");
    }

    @Test
    void aCopyOfAFlashWithoutPowerHasPower() {
        NorFlash a = withContent();
        a.cutPowerAt(0, NorFlash.Tear.HALF);
        assertThrows(PowerLossException.class, () -> a.eraseSector(0x1000));
        NorFlash b = a.copy();
        assertTrue(a.powerLost());
        assertFalse(b.powerLost());
        assertEquals(a.dump(), b.dump(), "the copy starts from what the cut left");
        b.eraseSector(0x1000);
        assertTrue(b.read(0x1000, 0x1000).allEqual(0xFF));
    }

    @Test
    void sameContentOnSharedAndUnsharedSectors() {
        NorFlash a = withContent();
        NorFlash b = a.copy();
        assertTrue(a.sameContent(b, 0, 2 * MiB), "a fresh copy shares everything");
        b.program(0x7010, Bytes.of(0x00));
        assertFalse(a.sameContent(b, 0, 2 * MiB));
        assertFalse(a.sameContent(b, 0x7010, 1));
        assertFalse(b.sameContent(a, 0x7000, 0x1000), "symmetric");
        assertTrue(a.sameContent(b, 0, 0x7000), "sectors before it are still shared");
        assertTrue(a.sameContent(b, 0x8000, 2 * MiB - 0x8000));
        // same bytes in unshared sectors: equal content, not equal identity
        a.program(0x7010, Bytes.of(0x00));
        assertTrue(a.sameContent(b, 0, 2 * MiB));
        // both wrote an erased sector the same way
        a.program(0x150000, Bytes.of(0x42));
        b.program(0x150000, Bytes.of(0x42));
        assertTrue(a.sameContent(b, 0x150000, 0x1000));
        // an erase back to ones equals a sector never written
        NorFlash c = a.copy();
        c.program(0x160000, Bytes.of(0x00));
        c.eraseSector(0x160000);
        assertTrue(a.sameContent(c, 0x160000, 0x1000));
        assertTrue(c.sameContent(a, 0, 2 * MiB));
    }

    @Test
    void sameContentLooksOnlyAtTheRangeEvenInsideASector() {
        NorFlash a = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        NorFlash b = a.copy();
        b.program(0x1800, Bytes.of(0x00));
        assertFalse(a.sameContent(b, 0x1000, 0x1000));
        // the difference is in a sector the range touches but at a byte it does not: the answer may say "different"
        // only if it compares whole sectors; it must never say "same" for a range that differs
        assertFalse(a.sameContent(b, 0x17FF, 2));
        assertTrue(a.sameContent(b, 0x2000, 0x1000));
    }

    @Test
    void aProgramCutBeforeItsFirstByteChangesNothingInEitherCopy() {
        NorFlash a = withContent();
        NorFlash b = a.copy();
        b.cutPowerAt(0, NorFlash.Tear.NONE);
        assertThrows(PowerLossException.class, () -> b.program(0x2000, Bytes.filled(16, 0x00)));
        assertTrue(a.sameContent(b, 0, 2 * MiB));
        assertEquals(a.dump(), b.dump());
        assertEquals(0, b.counters().bytesProgrammed());
    }

    @Test
    void sameContentRefusesAFlashOfAnotherSize() {
        NorFlash a = NorFlash.erased(2 * MiB, FlashTiming.INSTANT), b = NorFlash.erased(4 * MiB, FlashTiming.INSTANT);
        var e = assertThrows(IllegalArgumentException.class, () -> a.sameContent(b, 0, 0x1000));
        assertEquals("cannot compare a 2 MiB flash with a 4 MiB one", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.sameContent(a.copy(), 2 * MiB - 0x1000, 0x2000));
    }

    @Test
    void moreCopiesOfAFullChipThanTheHeapCouldHoldAsBytes() {
        // A copy that duplicated the bytes would need n x 16 MiB, more than this JVM's whole heap. Sharing sectors,
        // the copies cost a few KiB each, whatever the chip holds.
        int n = (int) (Runtime.getRuntime().maxMemory() / (16 * MiB)) + 64;
        byte[] image = new byte[(int) (16 * MiB)];
        new Random(1).nextBytes(image);
        NorFlash full = NorFlash.of(Bytes.of(image), 16 * MiB, new VirtualClock(), FlashTiming.INSTANT);
        image = null;
        List<NorFlash> copies = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                NorFlash c = full.copy();
                c.program((long) i * NorFlash.SECTOR_SIZE, Bytes.of(0x00));   // each writes one sector of its own
                copies.add(c);
            }
        } catch (OutOfMemoryError e) {
            int made = copies.size();
            copies.clear();
            fail("copies hold their own bytes: out of memory after " + made + " copies");
        }
        assertEquals(n, copies.size());
        for (int i : new int[] {0, n / 2, n - 1}) {
            assertEquals(0x00, copies.get(i).read((long) i * NorFlash.SECTOR_SIZE, 1).u8(0));
            assertTrue(copies.get(i).sameContent(full, (long) (i + 1) * NorFlash.SECTOR_SIZE, 0x1000));
        }
    }
}
