package esp32ota.flash;

import esp32ota.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@link FlashActivity}: erases and page programs per sector, from the operations a listener saw. */
class FlashActivityTest {
    @Test
    void countsErasesAndPagesPerSector() {
        NorFlash f = NorFlash.erased(2L << 20, FlashTiming.INSTANT);
        List<FlashOp> ops = new ArrayList<>();
        f.addListener(ops::add);
        f.eraseRegion(0xF000, 0x12000);                   // sector 0xF, block 0x10-0x1F, sector 0x20
        f.program(0x10E80, Bytes.filled(0x100, 0x00));    // two pages in sector 0x10: 128 + 128 bytes
        f.program(0x11000, Bytes.filled(0x1000, 0x00));   // sixteen pages in sector 0x11
        f.eraseSector(0x11000);

        FlashActivity a = FlashActivity.of(ops, f.size());
        assertEquals(512, a.sectors().size());
        assertEquals(new FlashActivity.SectorActivity(0xF, 1, 0, 0), a.sector(0xF));
        assertEquals(new FlashActivity.SectorActivity(0x10, 1, 2, 0x100), a.sector(0x10));
        assertEquals(new FlashActivity.SectorActivity(0x11, 2, 16, 0x1000), a.sector(0x11));
        assertEquals(new FlashActivity.SectorActivity(0x12, 1, 0, 0), a.sector(0x12));
        assertEquals(new FlashActivity.SectorActivity(0x20, 1, 0, 0), a.sector(0x20));
        assertEquals(new FlashActivity.SectorActivity(0x21, 0, 0, 0), a.sector(0x21));
        assertEquals(0x11000, a.sector(0x11).address());
        assertEquals(18, a.touched().size());
        assertEquals(0xF, a.touched().get(0).index());
        assertEquals(0x20, a.touched().get(17).index());
        assertEquals(2, a.maxErases());
        long erases = a.sectors().stream().mapToLong(FlashActivity.SectorActivity::erases).sum();
        assertEquals(f.counters().totalSectorErases(), erases, "agrees with the flash's own counters");
    }

    @Test
    void noOperationsNoActivity() {
        FlashActivity a = FlashActivity.of(List.of(), 4L << 20);
        assertEquals(1024, a.sectors().size());
        assertEquals(List.of(), a.touched());
        assertEquals(0, a.maxErases());
        assertFalse(a.sector(0).touched());
    }

    @Test
    void refusesOperationsOutsideTheFlashAndBadSizes() {
        List<FlashOp> ops = List.of(new FlashOp.Erase(0, 0x200000, 0x1000, 0, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> FlashActivity.of(ops, 2L << 20));
        assertEquals("operation 0 at 0x200000+0x1000 is outside a 2 MiB flash", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlashActivity.of(List.of(), 3L << 20));
    }

    @Test
    void theSectorListCannotBeChanged() {
        FlashActivity a = FlashActivity.of(List.of(), 2L << 20);
        assertThrows(UnsupportedOperationException.class, () -> a.sectors().clear());
    }
}
