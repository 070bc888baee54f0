package esp32ota.flash;

import esp32ota.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Erase, program, pages, the erase-region policy, timing and counters of {@link NorFlash}. */
class NorFlashTest {
    private static final long MiB = 1 << 20;

    private static NorFlash flash() { return NorFlash.erased(4 * MiB, FlashTiming.TYPICAL); }

    private static List<FlashOp> recorded(NorFlash f) {
        List<FlashOp> ops = new ArrayList<>();
        f.addListener(ops::add);
        return ops;
    }

    /** Operations as "E4K@addr", "E64K@addr", "P@addr+len", to compare whole sequences at a glance. */
    private static List<String> names(List<FlashOp> ops) {
        return ops.stream().map(op -> op instanceof FlashOp.Erase e
                ? (e.isBlock() ? "E64K@" : "E4K@") + Long.toHexString(e.address())
                : "P@" + Long.toHexString(op.address()) + "+" + op.length()).toList();
    }

    @Test
    void aNewChipIsAllOnes() {
        NorFlash f = flash();
        assertEquals(4 * MiB, f.size());
        assertTrue(f.dump().allEqual(0xFF));
        assertEquals(0, f.opCount());
    }

    @Test
    void ofPlacesTheImageAtZeroAndOnesAfterIt() {
        Bytes image = Bytes.of(0xE9, 0x03, 0x00, 0x10).concat(Bytes.filled(5000, 0x5A));
        NorFlash f = NorFlash.of(image, 2 * MiB, new VirtualClock(), FlashTiming.TYPICAL);
        assertEquals(0, f.clock().nowMicros(), "making it costs no virtual time");
        assertEquals(0, f.opCount(), "a chip flashed by a programmer has no operations of its own");
        assertEquals(image, f.read(0, image.size()));
        assertTrue(f.read(image.size(), 0x3000).allEqual(0xFF));
    }

    @Test
    void programOnlyClearsBits() {
        NorFlash f = flash();
        f.program(0x1000, Bytes.of(0b1111_0000, 0xFF, 0x00, 0xA5));
        f.program(0x1000, Bytes.of(0b1010_1010, 0x0F, 0xFF, 0xFF));
        // old & data: a 1 can become 0, a 0 never becomes 1 again without an erase
        assertEquals(Bytes.of(0b1010_0000, 0x0F, 0x00, 0xA5), f.read(0x1000, 4));
        assertEquals(0xFF, f.read(0x1004, 1).u8(0), "bytes after the programmed ones are untouched");
        assertEquals(0xFF, f.read(0xFFF, 1).u8(0), "bytes before them too");
    }

    @Test
    void sectorEraseSetsExactlyOneSectorToOnes() {
        NorFlash f = flash();
        f.program(0x0FFF, Bytes.filled(0x1002, 0x00));   // last byte of sector 0, all of sector 1, first of sector 2
        f.eraseSector(0x1000);
        assertEquals(0x00, f.read(0x0FFF, 1).u8(0));
        assertTrue(f.read(0x1000, 0x1000).allEqual(0xFF));
        assertEquals(0x00, f.read(0x2000, 1).u8(0));
    }

    @Test
    void blockEraseSetsExactly64KiBToOnes() {
        NorFlash f = flash();
        f.program(0x0FFFF, Bytes.filled(0x10002, 0x12));
        f.eraseBlock(0x10000);
        assertEquals(0x12, f.read(0x0FFFF, 1).u8(0));
        assertTrue(f.read(0x10000, 0x10000).allEqual(0xFF));
        assertEquals(0x12, f.read(0x20000, 1).u8(0));
    }

    @Test
    void programAfterEraseWritesTheDataExactly() {
        NorFlash f = flash();
        Bytes data = Bytes.of(0x00, 0x11, 0x22, 0x33, 0x44);
        f.program(0x3000, Bytes.filled(5, 0x00));
        f.eraseSector(0x3000);
        f.program(0x3000, data);
        assertEquals(data, f.read(0x3000, 5));
    }

    @Test
    void eraseMustBeAligned() {
        NorFlash f = flash();
        var e = assertThrows(IllegalArgumentException.class, () -> f.eraseSector(0x1800));
        assertEquals("erase at 0x1800: not aligned to 0x1000", e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> f.eraseBlock(0x8000));
        assertEquals("erase at 0x8000: not aligned to 0x10000", b.getMessage());
        assertEquals(0, f.opCount(), "a refused erase is not an operation");
    }

    @Test
    void programIsSplitAtEvery256BytePageBoundary() {
        NorFlash f = flash();
        List<FlashOp> ops = recorded(f);
        f.program(0x10F0, Bytes.filled(0x220, 0x00));   // 0x10F0..0x1310: 16 + 256 + 256 + 16 bytes
        assertEquals(List.of("P@10f0+16", "P@1100+256", "P@1200+256", "P@1300+16"), names(ops));
        for (FlashOp op : ops) {
            assertEquals(op.address() / 256, (op.address() + op.length() - 1) / 256, "inside one page: " + op);
        }
        assertTrue(f.read(0x10F0, 0x220).allEqual(0x00));
        assertEquals(0xFF, f.read(0x1310, 1).u8(0));
    }

    @Test
    void anAlignedPageIsOneOperationAndAnEmptyProgramNone() {
        NorFlash f = flash();
        List<FlashOp> ops = recorded(f);
        f.program(0x200, Bytes.filled(256, 0x42));
        f.program(0x300, Bytes.EMPTY);
        assertEquals(List.of("P@200+256"), names(ops));
        assertEquals(1, f.opCount());
    }

    @Test
    void eraseRegionFollowsEspFlashEraseRegion() {
        // esp_flash_erase_region: a 64 KiB block erase wherever the address is block aligned and a whole block
        // remains; 4 KiB sector erases everywhere else
        assertEquals(List.of("E4K@0"), region(0x0, 0x1000));
        assertEquals(List.of("E64K@0"), region(0x0, 0x10000));
        assertEquals(List.of("E64K@10000", "E4K@20000"), region(0x10000, 0x11000));
        assertEquals(List.of("E4K@f000", "E64K@10000", "E4K@20000"), region(0xF000, 0x12000));
        // 0x9000..0x30000: 7 sectors up to the block boundary, then two blocks
        List<String> expected = new ArrayList<>();
        for (long a = 0x9000; a < 0x10000; a += 0x1000) expected.add("E4K@" + Long.toHexString(a));
        expected.addAll(List.of("E64K@10000", "E64K@20000"));
        assertEquals(expected, region(0x9000, 0x27000));
        // aligned, but less than a block remains: sectors only
        List<String> sectors = new ArrayList<>();
        for (long a = 0x20000; a < 0x2F000; a += 0x1000) sectors.add("E4K@" + Long.toHexString(a));
        assertEquals(sectors, region(0x20000, 0xF000));
        // a 1.25 MiB OTA slot at 0x110000: 20 blocks
        List<String> slot = region(0x110000, 0x140000);
        assertEquals(20, slot.size());
        assertTrue(slot.stream().allMatch(s -> s.startsWith("E64K@")));
        assertEquals(List.of(), region(0x5000, 0));
    }

    private static List<String> region(long address, long length) {
        NorFlash f = flash();
        f.program(address, Bytes.filled((int) length, 0x00));
        List<FlashOp> ops = recorded(f);
        f.eraseRegion(address, length);
        assertTrue(f.read(address, (int) length).allEqual(0xFF), "the whole region is erased");
        if (address > 0) assertEquals(0xFF, f.read(address - 1, 1).u8(0));
        return names(ops);
    }

    @Test
    void eraseRegionAlsoClearsOnlyItsRegion() {
        NorFlash f = flash();
        f.program(0, Bytes.filled(0x40000, 0x00));
        f.eraseRegion(0xF000, 0x12000);
        assertTrue(f.read(0, 0xF000).allEqual(0x00));
        assertTrue(f.read(0xF000, 0x12000).allEqual(0xFF));
        assertTrue(f.read(0x21000, 0x1F000).allEqual(0x00));
    }

    @Test
    void eraseRegionRefusesUnalignedBoundsBeforeErasingAnything() {
        NorFlash f = flash();
        f.program(0, Bytes.filled(0x2000, 0x00));
        var a = assertThrows(IllegalArgumentException.class, () -> f.eraseRegion(0x800, 0x1000));
        assertEquals("erase 0x800+0x1000: not sector aligned", a.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> f.eraseRegion(0x0, 0x1800));
        assertEquals("erase 0x0+0x1800: not sector aligned", l.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> f.eraseRegion(0x3F0000, 0x20000));
        assertEquals("0x3F0000+0x20000 is outside the 4 MiB flash", r.getMessage());
        assertTrue(f.read(0, 0x2000).allEqual(0x00));
        assertEquals(32, f.opCount(), "only the 32 page programs of the setup: the refused erases are no operations");
    }

    @Test
    void rangesOutsideTheChipAreRefused() {
        NorFlash f = flash();
        var p = assertThrows(IllegalArgumentException.class, () -> f.program(4 * MiB - 2, Bytes.filled(4, 0)));
        assertEquals("0x3FFFFE+0x4 is outside the 4 MiB flash", p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.read(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> f.eraseSector(4 * MiB));
        assertEquals(0, f.opCount());
        assertEquals(Bytes.filled(2, 0xFF), f.read(4 * MiB - 2, 2), "the last bytes can be read");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1 << 20, 3 << 20, 6 << 20, 32 << 20, (2 << 20) + 4096})
    void sizesOtherThan2To16MiBAreRefused(long size) {
        var e = assertThrows(IllegalArgumentException.class, () -> NorFlash.erased(size, FlashTiming.INSTANT));
        assertEquals("flash size must be 2, 4, 8 or 16 MiB, not %d bytes".formatted(size), e.getMessage());
        assertTrue(NorFlash.sizeOfDump(size).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16})
    void sizesOf2To16MiBAreAccepted(int mib) {
        NorFlash f = NorFlash.erased(mib * MiB, FlashTiming.INSTANT);
        assertEquals(mib * MiB, f.size());
        assertEquals(Long.valueOf(mib * MiB), NorFlash.sizeOfDump(mib * MiB).orElseThrow());
        assertEquals(mib * 256, f.counters().erasesPerSector().length);
    }

    @Test
    void anImageLargerThanTheChipIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> NorFlash.of(Bytes.filled((int) (2 * MiB) + 1, 0), 2 * MiB, new VirtualClock(), FlashTiming.TYPICAL));
        assertEquals("a 2097153-byte image does not fit a 2 MiB flash", e.getMessage());
        var s = assertThrows(IllegalArgumentException.class,
                () -> NorFlash.of(Bytes.filled(10, 0), 5 * MiB, new VirtualClock(), FlashTiming.TYPICAL));
        assertEquals("flash size must be 2, 4, 8 or 16 MiB, not 5242880 bytes", s.getMessage());
    }

    @Test
    void operationsTakeTheTypicalW25QTimesOnTheVirtualClock() {
        NorFlash f = flash();
        List<FlashOp> ops = recorded(f);
        f.eraseSector(0x1000);
        assertEquals(45_000, f.clock().nowMicros());
        f.eraseBlock(0x10000);
        assertEquals(195_000, f.clock().nowMicros());
        f.program(0x1000, Bytes.filled(256, 0));
        f.program(0x1100, Bytes.filled(1, 0));          // a short page program costs a whole one
        assertEquals(195_800, f.clock().nowMicros());
        assertEquals(List.of(0L, 45_000L, 195_000L, 195_400L), ops.stream().map(FlashOp::startMicros).toList());
        assertEquals(List.of(45_000L, 150_000L, 400L, 400L), ops.stream().map(FlashOp::durationMicros).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L), ops.stream().map(FlashOp::index).toList());
    }

    @Test
    void erasingAnOtaSlotWithBlocksIsFasterThanWithSectors() {
        NorFlash blocks = flash(), sectors = flash();
        blocks.eraseRegion(0x110000, 0x140000);
        for (long a = 0x110000; a < 0x250000; a += 0x1000) sectors.eraseSector(a);
        assertEquals(20 * 150_000, blocks.clock().nowMicros());
        assertEquals(320 * 45_000, sectors.clock().nowMicros());
        assertEquals(sectors.dump(), blocks.dump());
    }

    @Test
    void aSharedClockIsAdvancedByTheFlash() {
        VirtualClock clock = new VirtualClock(1_000);
        NorFlash f = NorFlash.erased(2 * MiB, clock, FlashTiming.WORST_CASE);
        f.eraseSector(0);
        assertEquals(401_000, clock.nowMicros());
        assertSame(clock, f.clock());
        assertSame(FlashTiming.WORST_CASE, f.timing());
    }

    @Test
    void instantTimingLeavesTheClockAlone() {
        NorFlash f = NorFlash.erased(2 * MiB, FlashTiming.INSTANT);
        f.eraseRegion(0, 0x20000);
        f.program(0, Bytes.filled(1000, 0));
        f.read(0, 4096);
        assertEquals(0, f.clock().nowMicros());
        assertEquals(2 + 4, f.opCount());
    }

    @Test
    void readsCostTimeRoundedUpButAreNotOperations() {
        NorFlash f = flash();
        List<FlashOp> ops = recorded(f);
        f.read(0, 1024);
        assertEquals(50, f.clock().nowMicros());
        f.read(0, 1);                 // a read always costs something: 50/1024 µs rounds up to 1
        assertEquals(51, f.clock().nowMicros());
        f.read(0, 4096);
        assertEquals(251, f.clock().nowMicros());
        assertEquals(0, f.opCount());
        assertEquals(List.of(), ops);
    }

    @Test
    void dumpIsTheObserverAndCostsNoTime() {
        NorFlash f = flash();
        f.program(0x2000, Bytes.of(1, 2, 3));
        long before = f.clock().nowMicros();
        Bytes dump = f.dump();
        assertEquals(before, f.clock().nowMicros());
        assertEquals(4 * MiB, dump.size());
        assertEquals(Bytes.of(1, 2, 3), dump.slice(0x2000, 0x2003));
    }

    @Test
    void countersCountErasesPerSectorBytesAndOperations() {
        NorFlash f = flash();
        f.eraseSector(0x3000);
        f.eraseSector(0x3000);
        f.eraseBlock(0x10000);
        f.eraseRegion(0x0F000, 0x12000);   // sector 0xF, block 0x10000, sector 0x20
        f.program(0x3080, Bytes.filled(300, 0)); // two page programs: 128 + 172
        FlashCounters c = f.counters();
        assertEquals(3 + 3 + 2, c.operations());
        assertEquals(f.opCount(), c.operations());
        assertEquals(300, c.bytesProgrammed());
        assertEquals(2, c.erases(3));
        assertEquals(1, c.erases(0xF));
        for (int s = 0x10; s < 0x20; s++) assertEquals(2, c.erases(s), "sector " + s);
        assertEquals(1, c.erases(0x20));
        assertEquals(0, c.erases(0x21));
        assertEquals(2 + 1 + 32 + 1, c.totalSectorErases());
        assertEquals(1024, c.erasesPerSector().length);
    }

    @Test
    void countersAreASnapshot() {
        NorFlash f = flash();
        FlashCounters before = f.counters();
        f.eraseSector(0);
        assertEquals(0, before.erases(0));
        assertEquals(1, f.counters().erases(0));
        int[] raw = f.counters().erasesPerSector();
        raw[0] = 99;
        assertEquals(1, f.counters().erases(0), "the array handed out is a copy");
        assertEquals(f.counters(), f.counters());
        assertEquals(f.counters().hashCode(), f.counters().hashCode());
        assertNotEquals(before, f.counters());
        assertEquals("FlashCounters[operations=1, bytesProgrammed=0, sectorErases=1]", f.counters().toString());
    }

    @Test
    void listenersSeeEachOperationAndCanBeRemoved() {
        NorFlash f = flash();
        List<FlashOp> a = new ArrayList<>(), b = new ArrayList<>();
        f.addListener(a::add);
        java.util.function.Consumer<FlashOp> lb = b::add;
        f.addListener(lb);
        f.eraseSector(0);
        f.removeListener(lb);
        f.program(0, Bytes.of(0));
        assertEquals(2, a.size());
        assertEquals(1, b.size());
        FlashOp.Erase e = (FlashOp.Erase) a.get(0);
        assertEquals(new FlashOp.Erase(0, 0, 0x1000, 0, 45_000), e);
        assertFalse(e.isBlock());
        assertEquals(new FlashOp.Program(1, 0, 1, 45_000, 400), a.get(1));
    }

    @Test
    void aListenerMayRemoveItselfWhileBeingCalled() {
        NorFlash f = flash();
        List<FlashOp> seen = new ArrayList<>(), other = new ArrayList<>();
        java.util.function.Consumer<FlashOp>[] once = new java.util.function.Consumer[1];
        once[0] = op -> {
            seen.add(op);
            f.removeListener(once[0]);
        };
        f.addListener(once[0]);
        f.addListener(other::add);
        f.eraseSector(0);
        f.eraseSector(0x1000);
        assertEquals(1, seen.size());
        assertEquals(2, other.size(), "the other listener still sees every operation");
    }

    @Test
    void clockMillisAndReset() {
        VirtualClock c = new VirtualClock();
        c.advance(312_999);
        assertEquals(312, c.nowMillis());
        assertThrows(IllegalArgumentException.class, () -> c.advance(-1));
        c.reset();
        assertEquals(0, c.nowMicros());
    }
}
