package esp32ota.flash;

import esp32ota.bytes.Bytes;
import esp32ota.flash.NorFlash.Tear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Power cuts at operation N, with each {@link Tear}, during erases and page programs. */
class PowerCutTest {
    private static final long MiB = 1 << 20;

    /** Bytes of the interrupted operation that got done, for an operation of {@code length} bytes. */
    private static int done(Tear tear, int length) {
        return switch (tear) {
            case NONE -> 0;
            case HALF -> length / 2;
            case ALL_BUT_LAST -> length - 1;
        };
    }

    @ParameterizedTest
    @EnumSource(Tear.class)
    void aCutSectorEraseLeavesExactlyTheTornBytes(Tear tear) {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.TYPICAL);
        f.program(0x2000, Bytes.filled(0x1000, 0x00));   // ops 0..15
        List<FlashOp> seen = new ArrayList<>();
        f.addListener(seen::add);
        f.cutPowerAt(16, tear);
        long before = f.clock().nowMicros();
        PowerLossException e = assertThrows(PowerLossException.class, () -> f.eraseSector(0x2000));

        int n = done(tear, 0x1000);
        Bytes sector = f.read(0x2000, 0x1000);
        assertTrue(sector.slice(0, n).allEqual(0xFF), "erased part");
        assertTrue(sector.slice(n, 0x1000).allEqual(0x00), "part the cut left as it was");
        assertEquals(tear == Tear.NONE ? 0 : 1, f.counters().erases(2), "wear only if the erase reached the sector");
        assertEquals(45_000L * n / 0x1000, f.clock().nowMicros() - before - 50 * 4, "its share of the erase time "
                + "(plus the 4 KiB read above)");

        assertEquals(16, e.opIndex());
        assertEquals(new FlashOp.Erase(16, 0x2000, 0x1000, before, 45_000L * n / 0x1000), e.interrupted().orElseThrow());
        assertEquals(tear, e.tear().orElseThrow());
        assertEquals(List.of(), seen, "the listener is not told about the interrupted operation");
        assertTrue(f.powerLost());
        assertEquals(17, f.opCount());
        assertTrue(e.getMessage().startsWith("power cut during operation 16 (Erase["), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Tear.class)
    void aCutBlockEraseTearsWholeSectorsFirst(Tear tear) {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        f.program(0x10000, Bytes.filled(0x10000, 0x00));   // ops 0..255
        f.cutPowerAt(256, tear);
        assertThrows(PowerLossException.class, () -> f.eraseBlock(0x10000));
        int n = done(tear, 0x10000);
        Bytes block = f.read(0x10000, 0x10000);
        assertTrue(block.slice(0, n).allEqual(0xFF));
        assertTrue(block.slice(n, 0x10000).allEqual(0x00));
        FlashCounters c = f.counters();
        int reached = (n + 0xFFF) / 0x1000;    // sectors with at least one byte erased
        for (int s = 0x10; s < 0x20; s++) assertEquals(s - 0x10 < reached ? 1 : 0, c.erases(s), "sector " + s);
        assertEquals(switch (tear) { case NONE -> 0; case HALF -> 8; case ALL_BUT_LAST -> 16; }, c.totalSectorErases());
    }

    @ParameterizedTest
    @EnumSource(Tear.class)
    void aCutPageProgramLeavesExactlyTheTornBytes(Tear tear) {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.TYPICAL);
        f.cutPowerAt(1, tear);
        Bytes data = Bytes.filled(0x300, 0x3C);       // three pages: ops 0, 1 (cut), 2 (never happens)
        List<FlashOp> seen = new ArrayList<>();
        f.addListener(seen::add);
        PowerLossException e = assertThrows(PowerLossException.class, () -> f.program(0x1000, data));

        int n = done(tear, 256);
        assertEquals(data.slice(0, 0x100), f.read(0x1000, 0x100), "page 0 was done before the cut");
        Bytes torn = f.read(0x1100, 0x100);
        assertTrue(torn.slice(0, n).allEqual(0x3C));
        assertTrue(torn.slice(n, 0x100).allEqual(0xFF));
        assertTrue(f.read(0x1200, 0x100).allEqual(0xFF), "page 2 never started");
        assertEquals(256 + n, f.counters().bytesProgrammed());
        assertEquals(2, f.opCount());
        assertEquals(List.of(new FlashOp.Program(0, 0x1000, 256, 0, 400)), seen);
        assertEquals(new FlashOp.Program(1, 0x1100, 256, 400, 400L * n / 256), e.interrupted().orElseThrow());
    }

    @Test
    void aTornProgramStillOnlyClearsBits() {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        f.program(0, Bytes.of(0x0F, 0x0F, 0x0F, 0x0F));
        f.cutPowerAt(1, Tear.HALF);
        assertThrows(PowerLossException.class, () -> f.program(0, Bytes.of(0xF0, 0xF0, 0xF0, 0xF0)));
        assertEquals(Bytes.of(0x00, 0x00, 0x0F, 0x0F), f.read(0, 4));
    }

    @Test
    void everyLaterOperationFailsUntilPowerOn() {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.TYPICAL);
        List<FlashOp> seen = new ArrayList<>();
        f.addListener(seen::add);
        f.eraseSector(0);
        f.cutPowerAt(1, Tear.NONE);
        assertThrows(PowerLossException.class, () -> f.eraseSector(0x1000));
        Bytes before = f.dump();
        long time = f.clock().nowMicros();

        PowerLossException p = assertThrows(PowerLossException.class, () -> f.program(0, Bytes.of(0)));
        assertThrows(PowerLossException.class, () -> f.eraseSector(0));
        assertThrows(PowerLossException.class, () -> f.eraseBlock(0));
        assertThrows(PowerLossException.class, () -> f.eraseRegion(0, 0x2000));
        assertEquals(1, p.opIndex(), "names the operation the power was cut at");
        assertTrue(p.interrupted().isEmpty());
        assertTrue(p.tear().isEmpty());
        assertEquals("the flash has no power (cut at operation 1)", p.getMessage());
        assertEquals(before, f.dump(), "nothing changed");
        assertEquals(time, f.clock().nowMicros(), "no time passed");
        assertEquals(2, f.opCount(), "refused operations get no index");
        assertEquals(1, seen.size());
        assertTrue(f.read(0, 4).allEqual(0xFF), "reads still work: a test can look at what the cut left");

        f.powerOn();
        assertFalse(f.powerLost());
        f.program(0, Bytes.of(0x12));
        assertEquals(0x12, f.read(0, 1).u8(0));
        assertEquals(new FlashOp.Program(2, 0, 1, time + 50 * 4 / 1024 + 1, 400), seen.get(1));
    }

    @Test
    void powerOnDisarmsACutThatHasNotHappened() {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        f.cutPowerAt(3, Tear.NONE);
        f.powerOn();
        for (int i = 0; i < 5; i++) f.eraseSector(0);
        assertFalse(f.powerLost());
        assertEquals(5, f.opCount());
    }

    @Test
    void aCutInThePastIsRefused() {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        f.eraseSector(0);
        f.eraseSector(0);
        var e = assertThrows(IllegalArgumentException.class, () -> f.cutPowerAt(1, Tear.NONE));
        assertEquals("operation 1 has already happened (the next is 2)", e.getMessage());
        f.cutPowerAt(2, Tear.NONE);       // the next one is fine
        assertThrows(PowerLossException.class, () -> f.eraseSector(0));
    }

    @Test
    void aListenerCanArmACutAtTheNextOperation() {
        // a sweep watching the stream: after it sees operation 1 it cuts operation 2
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        List<Long> seen = new ArrayList<>();
        f.addListener(op -> {
            seen.add(op.index());
            if (op.index() == 1) f.cutPowerAt(f.opCount(), Tear.ALL_BUT_LAST);
        });
        PowerLossException e = assertThrows(PowerLossException.class,
                () -> f.program(0, Bytes.filled(0x400, 0x00)));
        assertEquals(List.of(0L, 1L), seen);
        assertEquals(2, e.opIndex());
        Bytes page2 = f.read(0x200, 0x100);
        assertTrue(page2.slice(0, 255).allEqual(0x00));
        assertEquals(0xFF, page2.u8(255));
        assertTrue(f.read(0x300, 0x100).allEqual(0xFF));
    }

    @Test
    void aCutDuringEraseRegionStopsTheRegion() {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        f.program(0xE000, Bytes.filled(0x14000, 0x00));  // 320 page programs, ops 0..319
        List<FlashOp> seen = new ArrayList<>();
        f.addListener(seen::add);
        f.cutPowerAt(322, Tear.NONE);                    // region ops: E4K@e000, E4K@f000, E64K@10000 (cut), ...
        PowerLossException e = assertThrows(PowerLossException.class, () -> f.eraseRegion(0xE000, 0x14000));
        assertEquals(new FlashOp.Erase(322, 0x10000, 0x10000, 0, 0), e.interrupted().orElseThrow());
        assertEquals(2, seen.size());
        assertTrue(f.read(0xE000, 0x2000).allEqual(0xFF));
        assertTrue(f.read(0x10000, 0x12000).allEqual(0x00), "the block and the sector after it are untouched");
    }
}
