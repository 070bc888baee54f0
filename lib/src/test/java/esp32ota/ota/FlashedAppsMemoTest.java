package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.Boot;
import esp32ota.device.ConsoleLine;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.NorFlash;
import esp32ota.image.ImageBuilder;
import esp32ota.image.Target;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep's memo of judged slot images, and devices that judge only the slots their bootloader tries. */
class FlashedAppsMemoTest {
    static PartitionTable noFactory() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    static Bytes blink(String v) { return ImageSamples.blink(v, 1).build(); }

    @Test void theMemoAnswersFromMemoryOnlyWhileTheSlotsBytesAreUnchanged() {
        PartitionTable table = noFactory();
        PartitionEntry ota0 = AppView.of(table).find(AppSlot.ota(0)).orElseThrow();
        VirtualEsp32 d = VirtualEsp32.builder(table).app(AppSlot.ota(0), blink("1.0.0")).build();
        NorFlash flash = d.flash();
        Target target = Target.any().withChip(esp32ota.image.Chip.ESP32);
        FlashedApps.Memo memo = new FlashedApps.Memo();
        FlashedApps.SlotImage first = memo.readSlot(flash, ota0, target);
        assertEquals(FlashedApps.readSlot(flash, ota0, target), first);
        assertTrue(first.bootable());
        NorFlash copy = flash.copy();
        assertSame(first, memo.readSlot(copy, ota0, target), "a copy shares the slot's sectors");
        assertEquals(1, memo.misses());
        assertEquals(1, memo.hits());
        long at = ota0.offset() + 0x200;
        while (flash.read(at, 1).u8(0) == 0) at++;
        copy.program(at, Bytes.of(0x00));                           // one byte of the image changes
        FlashedApps.SlotImage changed = memo.readSlot(copy, ota0, target);
        assertFalse(changed.bootable());
        assertEquals(2, memo.misses());
        assertSame(first, memo.readSlot(flash, ota0, target), "the original still has the judged bytes");
        NorFlash rewritten = flash.copy();                           // same bytes, written anew: not shared, equal
        rewritten.eraseRegion(ota0.offset(), 0x1000);
        rewritten.program(ota0.offset(), flash.read(ota0.offset(), 0x1000));
        assertSame(first, memo.readSlot(rewritten, ota0, target));
    }

    @Test void aMemoCopyBootsExactlyAsAPlainCopyWhateverTheOtadataSays() {
        PartitionTable table = noFactory();
        Bytes broken = ImageSamples.blink("2.0.0", 1).buildBroken(ImageBuilder.Defect.BAD_HASH);
        for (Bytes second : List.of(blink("2.0.0"), broken)) {
            VirtualEsp32 d = VirtualEsp32.builder(table).rollback(true).app(AppSlot.ota(0), blink("1.0.0"))
                    .app(AppSlot.ota(1), second).build();
            d.reset();
            // otadata: copy 1 selects ota_1 as NEW, as set_boot would write it (bypassing its verification)
            long od = AppView.of(table).otadata().orElseThrow().offset();
            d.flash().eraseSector(od + 0x1000);
            d.flash().program(od + 0x1000, esp32ota.otadata.OtaSelectEntry.written(od + 0x1000, 2,
                    esp32ota.otadata.OtaImgState.NEW).encode());
            VirtualEsp32 plain = d.copy(), memo = d.copyWithMemo(new FlashedApps.Memo());
            List<Boot> a = plain.resetUntilSettled(5), b = memo.resetUntilSettled(5);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(untimed(a.get(i)), untimed(b.get(i)));
                assertEquals(a.get(i).booted(), b.get(i).booted());
                assertEquals(a.get(i).end(), b.get(i).end());
            }
            assertEquals(plain.flash().dump(), memo.flash().dump());
            assertEquals(second == broken ? AppSlot.ota(0) : AppSlot.ota(1), b.get(b.size() - 1).booted().orElseThrow());
            assertTrue(memo.memo().orElseThrow().misses() >= 1);
        }
    }

    static List<String> untimed(Boot b) {
        return b.console().stream().map(l -> l.isRom() ? l.text() : l.tag() + ": " + l.text()).toList();
    }
}
