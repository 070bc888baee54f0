package esp32ota.analysis;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.DumpJson;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpReportTest {
    static final String MERGED = "real/files/merged-flash/esptool_pr1150_micropython_ESP32_GENERIC-20240602-v1.23.0.bin";
    static final String TWO_OTA = """
            nvs,      data, nvs,     ,        0x4000,
            otadata,  data, ota,     ,        0x2000,
            phy_init, data, phy,     ,        0x1000,
            ota_0,    app,  ota_0,   0x20000, 0x100000,
            ota_1,    app,  ota_1,   ,        0x100000,
            """;

    @Test
    void realMergedMicroPythonImage() {
        Bytes file = Vectors.bytes(MERGED);
        DumpReport r = DumpReport.split(file, DumpReport.Options.detect());
        assertEquals(0x1000, r.base());
        assertEquals(Optional.of(Chip.ESP32), r.chip());
        assertEquals(0x8000, r.table().address());
        assertEquals(List.of("nvs", "phy_init", "factory", "vfs"), r.table().labels());
        assertEquals(List.of("data", "data", "app image", "not in file"),
                r.partitions().stream().map(DumpReport.PartitionPart::content).toList());
        DumpReport.PartitionPart factory = r.partitions().get(2);
        long inFile = file.size() - (0x10000 - 0x1000);
        assertEquals(inFile, factory.fill().used());            // the app runs to the end of the merged file
        assertEquals(0x1F0000 - inFile, factory.fill().absent());
        assertEquals("v5.0.4", factory.image().orElseThrow().idfVer());
        assertEquals("bootable", factory.image().orElseThrow().verdict());
        assertEquals(0x6000, r.partitions().get(0).fill().erased());   // nvs: erased in the image
        assertEquals("bootable", r.bootloader().orElseThrow().facts().orElseThrow().verdict());
        assertEquals(0x1000, r.bootloader().orElseThrow().address());
        assertEquals(Optional.of(AppSlot.FACTORY), r.decision().booted());
        assertTrue(r.nextBoot().startsWith("factory ('factory' at 0x10000)"), r.nextBoot());
        assertTrue(r.otadata().isEmpty());
    }

    @Test
    void realMergedImageWithItsBaseGivenOrItsChipGiven() {
        Bytes file = Vectors.bytes(MERGED);
        DumpReport given = DumpReport.split(file, DumpReport.Options.detect().withBase(0x1000));
        assertEquals("--base 0x1000 given", given.baseReason());
        assertEquals(0x8000, given.table().address());
        DumpReport chip = DumpReport.split(file, DumpReport.Options.detect().withChip(Chip.ESP32));
        assertEquals(0x1000, chip.base());
        // read as if merged for a chip whose bootloader is at 0x0: the table then sits at 0x7000
        DumpReport c3 = DumpReport.split(file, DumpReport.Options.detect().withChip(Chip.ESP32_C3));
        assertEquals(0, c3.base());
        assertEquals(0x7000, c3.table().address());
    }

    static Stream<Object[]> chipsAndTableOffsets() {
        List<Object[]> out = new ArrayList<>();
        for (Chip c : List.of(Chip.ESP32, Chip.ESP32_S2, Chip.ESP32_C3, Chip.ESP32_S3, Chip.ESP32_C6, Chip.ESP32_P4,
                Chip.ESP32_C5)) {
            for (long table : List.of(0x8000L, 0x9000L, 0xC000L)) out.add(new Object[] {c, table});
        }
        return out.stream();
    }

    static MergedImage device(Chip chip, long tableAddress, int active) {
        PartitionTable t = PartitionCsv.parse(TWO_OTA, PartitionCsv.Options.defaults().withTableOffset(tableAddress));
        long otadataAt = t.find("otadata").orElseThrow().offset();
        byte[] ota = Bytes.filled(0x2000, 0xFF).toByteArray();
        OtaSelectEntry.written(otadataAt, active + 1, OtaImgState.VALID).encode().copyTo(ota, 0);
        return MergedImage.of(chip, t).with("ota_0", ImageSamples.hello(chip).build())
                .with("ota_1", ImageBuilder.app(chip, AppDescriptor.of("2.0.0", "hello", 0, "12:00:00", "Jan  1 2025",
                        "v5.4", Bytes.utf8("hello 2").sha256(), 0, 99, 16), 2).build())
                .with("otadata", Bytes.of(ota));
    }

    @ParameterizedTest
    @MethodSource("chipsAndTableOffsets")
    void kitBuiltDumpsAndMergedImagesSplitBack(Chip chip, long tableAddress) {
        MergedImage device = device(chip, tableAddress, 1);
        for (Bytes file : List.of(device.dump(0x400000), device.merged())) {
            boolean dump = file.size() == 0x400000;
            DumpReport r = DumpReport.split(file, DumpReport.Options.detect());
            String what = chip + " table 0x" + Long.toHexString(tableAddress) + (dump ? " dump" : " merged");
            assertEquals(dump ? 0 : BootloaderAddress.of(chip), r.base(), what);
            assertEquals(Optional.of(chip), r.chip(), what);
            assertEquals(tableAddress, r.table().address(), what);
            assertEquals(device.table().entries(), r.table().entries(), what);
            assertEquals("bootable", r.bootloader().orElseThrow().facts().orElseThrow().verdict(), what);
            assertEquals(FileKind.BOOTLOADER, r.bootloader().orElseThrow().facts().orElseThrow().kind(), what);
            assertEquals(List.of("data", "otadata", "data", "app image", "app image"),
                    r.partitions().stream().map(DumpReport.PartitionPart::content).toList(), what);
            assertEquals(0, r.partitions().get(0).fill().used(), what);
            assertEquals(0x4000, r.partitions().get(0).fill().erased(), what);
            for (int slot = 3; slot <= 4; slot++) {
                ImageFacts f = r.partitions().get(slot).image().orElseThrow();
                assertEquals("bootable", f.verdict(), what);
                assertEquals(slot == 3 ? "1.0.0" : "2.0.0", f.version(), what);
                assertEquals(chip.esptoolName(), f.chip(), what);
            }
            assertEquals(Optional.of(AppSlot.ota(1)), r.decision().booted(), what);
            assertEquals(Optional.of(0), r.decision().activeOtadata().copy(), what);
            assertTrue(r.nextBoot().startsWith("ota_1 ('ota_1' at 0x120000)"), what + ": " + r.nextBoot());
            assertTrue(r.nextBoot().endsWith("otadata copy 0 selects it"), r.nextBoot());
        }
    }

    @Test
    void aBrokenSelectedAppFallsBackAndSaysWhy() {
        MergedImage device = device(Chip.ESP32, 0x8000, 1)
                .with("ota_1", ImageSamples.hello(Chip.ESP32).buildBroken(ImageBuilder.Defect.BAD_HASH));
        DumpReport r = DumpReport.split(device.dump(0x400000), DumpReport.Options.detect());
        assertEquals("NOT bootable: Image hash failed - image is corrupt",
                r.partitions().get(4).image().orElseThrow().verdict());
        assertEquals(Optional.of(AppSlot.ota(0)), r.decision().booted());
        assertTrue(r.nextBoot().endsWith("ota_1 was tried first and does not load"), r.nextBoot());
    }

    @Test
    void erasedSlotsAndOtadataOutsideTheFile() {
        PartitionTable t = PartitionCsv.parse(TWO_OTA, PartitionCsv.Options.defaults());
        MergedImage device = MergedImage.of(Chip.ESP32_C3, t).with("ota_0", ImageSamples.hello(Chip.ESP32_C3).build());
        DumpReport r = DumpReport.split(device.merged(), DumpReport.Options.detect());
        assertEquals("otadata", r.partitions().get(1).content());
        assertEquals(List.of(new Fill.Run(0, 0x2000, "erased")), r.partitions().get(1).fill().runs());
        assertEquals("not in file", r.partitions().get(4).content());
        assertEquals(Optional.of(AppSlot.ota(0)), r.decision().booted());
        DumpReport dump = DumpReport.split(device.dump(0x400000), DumpReport.Options.detect());
        assertEquals("erased", dump.partitions().get(4).content());
        assertFalse(dump.partitions().get(4).bootable());
    }

    @Test
    void aVirtualFlashAfterAnOtaUpdateSavedAsADumpFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        PartitionTable t = PartitionCsv.parse(TWO_OTA, PartitionCsv.Options.defaults());
        long otadataAt = t.find("otadata").orElseThrow().offset(), ota1 = t.find("ota_1").orElseThrow().offset();
        byte[] ota = Bytes.filled(0x2000, 0xFF).toByteArray();
        OtaSelectEntry.written(otadataAt, 1, OtaImgState.VALID).encode().copyTo(ota, 0);
        MergedImage before = MergedImage.of(Chip.ESP32, t).with("ota_0", ImageSamples.blink("1.0.0", 0).build())
                .with("otadata", Bytes.of(ota));
        var flash = esp32ota.flash.NorFlash.of(before.dump(0x400000), 0x400000, new esp32ota.flash.VirtualClock(),
                esp32ota.flash.FlashTiming.TYPICAL);
        Bytes v2 = ImageSamples.blink("2.0.0", 1).build();             // what esp_ota_write and set_boot_partition do
        flash.eraseRegion(ota1, 0x1000 * ((v2.size() + 0xFFF) / 0x1000));
        flash.program(ota1, v2);
        flash.eraseSector(otadataAt + 0x1000);
        flash.program(otadataAt + 0x1000, OtaSelectEntry.written(otadataAt + 0x1000, 2, OtaImgState.VALID).encode());
        var file = dir.resolve("after-ota.bin");
        esp32ota.flash.FlashDump.save(flash, file);
        DumpReport r = DumpReport.split(esp32ota.flash.FlashDump.load(file).dump(), DumpReport.Options.detect());
        assertEquals(Optional.of(AppSlot.ota(1)), r.decision().booted());
        assertEquals(Optional.of(1), r.decision().activeOtadata().copy());
        assertEquals("2.0.0", r.partitions().get(4).image().orElseThrow().version());
        assertEquals(0x1000 * ((v2.size() + 0xFFF) / 0x1000), r.partitions().get(4).fill().used());
        assertTrue(r.nextBoot().startsWith("ota_1 ('ota_1' at 0x120000): blink 2.0.0"), r.nextBoot());
    }

    @Test
    void noTableIsNoDump() {
        Bytes image = ImageSamples.hello(Chip.ESP32).build();
        DecodeException e = assertThrows(DecodeException.class, () -> DumpReport.split(image, DumpReport.Options.detect()));
        assertTrue(e.getMessage().contains("partition table"), e.getMessage());
    }

    @Test
    void textJsonAndTableShowTheSameParts() {
        DumpReport r = DumpReport.split(Vectors.bytes(MERGED), DumpReport.Options.detect());
        String text = DumpRender.text(r);
        assertTrue(text.contains("first byte at flash 0x1000"), text);
        assertTrue(text.contains("Next boot: factory ('factory' at 0x10000)"), text);
        var json = DumpJson.of(r);
        assertEquals("0x1000", json.get("base").getAsString());
        assertEquals("factory", json.getAsJsonObject("next_boot").get("boots").getAsString());
        assertEquals(4, json.getAsJsonArray("partitions").size());
        var table = DumpRender.partitions(r);
        assertEquals(List.of("nvs", "phy_init", "factory", "vfs"), table.stringColumn("name").asList());
        assertEquals(List.of("data", "data", "app image", "not in file"), table.stringColumn("content").asList());
        assertEquals(82.3, table.doubleColumn("used %").get(2));
    }
}
