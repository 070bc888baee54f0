package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.AppCatalog;
import esp32ota.device.App;
import esp32ota.device.DeviceConfig;
import esp32ota.device.DeviceEvent;
import esp32ota.device.LogLevel;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashOp;
import esp32ota.image.ImageBuilder;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static esp32ota.ota.OtaApi.OTA_SIZE_UNKNOWN;
import static esp32ota.ota.OtaApi.OTA_WITH_SEQUENTIAL_WRITES;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every esp_ota_* function on a virtual ESP32: the happy path, each error code, the exact log lines, and the flash
 * operations it performs. Table no_factory_two_ota: otadata 0xd000, ota_0 0x10000, ota_1 0x150000 (0x140000 each).
 */
class OtaApiTest {
    static final long OTADATA = 0xD000, OTA_1 = 0x150000, OTA_1_SIZE = 0x140000;
    static final AppSlot OTA0 = AppSlot.ota(0), OTA1 = AppSlot.ota(1);
    final Bytes v2 = ImageSamples.blink("2.0.0", 1).build();

    static PartitionTable table(String name) {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    /** blink 1.0.0 booted from ota_0 (otadata copy 0 = seq 1, VALID), rollback on. */
    static VirtualEsp32 booted(DeviceConfig config) {
        VirtualEsp32 d = VirtualEsp32.builder(table("no_factory_two_ota")).config(config)
                .app(OTA0, ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        return d;
    }

    static VirtualEsp32 booted() { return booted(DeviceConfig.of(true)); }

    static List<FlashOp> ops(List<DeviceEvent> events) {
        return events.stream().filter(e -> e instanceof DeviceEvent.FlashOperation)
                .map(e -> ((DeviceEvent.FlashOperation) e).op()).toList();
    }

    static List<DeviceEvent> record(VirtualEsp32 d) {
        List<DeviceEvent> events = new ArrayList<>();
        d.addListener(events::add);
        return events;
    }

    /** The console since line {@code from}, without timestamps. */
    static List<String> linesSince(VirtualEsp32 d, int from) {
        return d.console().subList(from, d.console().size()).stream()
                .map(l -> l.level().orElseThrow().letter() + " " + l.tag() + ": " + l.text()).toList();
    }

    static OtaData otadata(VirtualEsp32 d) { return OtaData.decode(d.readFlash(OTADATA, 0x2000), OTADATA); }

    static String erases(List<FlashOp> ops) {
        StringBuilder s = new StringBuilder();
        for (FlashOp o : ops) {
            if (o instanceof FlashOp.Erase e) s.append(e.isBlock() ? "B" : "S").append("%X ".formatted(e.address()));
        }
        return s.toString().trim();
    }

    // ---- begin ----------------------------------------------------------------------------------------------

    @Test void beginChecksThePartitionInOrder() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, ota.begin(AppSlot.ota(5), 0).err());
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.begin(null, 0).err());
        assertEquals(EspErr.ESP_ERR_OTA_PARTITION_CONFLICT, ota.begin(OTA0, 0).err());
        assertEquals(EspErr.ESP_ERR_INVALID_SIZE, ota.begin(OTA1, OTA_1_SIZE + 1).err());
        assertEquals(0, ota.openUpdates());
        var ok = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES);
        assertEquals(EspErr.ESP_OK, ok.err());
        assertEquals(1, ok.value().orElseThrow());
        assertEquals(2, ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow(), "handles count up");
    }

    @Test void beginRefusesTheFactoryApp() {
        VirtualEsp32 d = VirtualEsp32.builder(table("two_ota")).rollback(true)
                .app(AppSlot.FACTORY, ImageSamples.blink("1.0.0", 0).build()).build();
        assertEquals(AppSlot.FACTORY, d.reset().booted().orElseThrow());
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, d.ota().begin(AppSlot.FACTORY, 0).err());
        assertEquals(EspErr.ESP_OK, d.ota().begin(OTA0, 0).err(), "from factory, ota_0 is fine");
    }

    @Test void beginRefusesWhileTheRunningAppIsStillPendingVerify() {
        VirtualEsp32 d = VirtualEsp32.builder(table("no_factory_two_ota")).rollback(true)
                .apps(AppCatalog.builtIn().with("blink", "2.0.0", App.IDLE))     // a 2.0.0 that never confirms
                .app(OTA0, ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        update(d.ota(), OTA1, v2);
        d.reset();
        assertEquals(OtaImgState.PENDING_VERIFY.code(), d.ota().getStatePartition(OTA1).orElseThrow());
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_ROLLBACK_INVALID_STATE, d.ota().begin(OTA0, 0).err());
        assertEquals(List.of("E esp_ota_ops: Running app has not confirmed state (ESP_OTA_IMG_PENDING_VERIFY)"),
                linesSince(d, from));
    }

    @Test void beginWithSequentialWritesErasesNothing() {
        VirtualEsp32 d = booted();
        List<DeviceEvent> events = record(d);
        d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES);
        assertEquals(List.of(), ops(events));
    }

    @Test void beginWithUnknownSizeErasesTheWholePartitionIn64KiBBlocks() {
        for (long size : new long[] {0, OTA_SIZE_UNKNOWN}) {
            VirtualEsp32 d = booted();
            List<DeviceEvent> events = record(d);
            d.ota().begin(OTA1, size);
            List<FlashOp> ops = ops(events);
            assertEquals(20, ops.size(), "0x140000 / 0x10000 blocks");
            for (int i = 0; i < 20; i++) {
                FlashOp.Erase e = (FlashOp.Erase) ops.get(i);
                assertTrue(e.isBlock());
                assertEquals(OTA_1 + i * 0x10000L, e.address());
            }
        }
    }

    @Test void beginWithAKnownSizeErasesItRoundedUpToASector() {
        VirtualEsp32 d = booted();
        List<DeviceEvent> events = record(d);
        d.ota().begin(OTA1, 70_000);                        // ALIGN_UP(70000, 4 KiB) = 0x12000
        assertEquals("B150000 S160000 S161000", erases(ops(events)));
    }

    /**
     * esp_ota_ops.c esp_ota_begin, v5.5 to v6.0.x: the partition erase comes first, then
     * esp_ota_invalidate_inactive_ota_data_slot() erases the inactive otadata sector. v5.4: no invalidation.
     */
    @Test void begin55InvalidatesTheInactiveOtadataCopyAfterTheErase() {
        DeviceConfig v55 = DeviceConfig.of(true).withIdfVersion("v5.5");
        VirtualEsp32 d = booted(v55);
        update(d.ota(), OTA1, v2);
        d.reset();                                         // 2.0.0 confirms: copy 0 -> ota_0, copy 1 -> ota_1
        assertTrue(otadata(d).copy(0).isSelectValid());
        List<DeviceEvent> events = record(d);
        d.ota().begin(OTA0, 70_000);
        assertEquals("B10000 S20000 S21000 S" + Long.toHexString(OTADATA).toUpperCase(), erases(ops(events)));
        assertTrue(otadata(d).copy(0).isBlankSeq(), "ota_0 is no rollback target while it is rewritten");
        assertFalse(d.ota().checkRollbackIsPossible());

        VirtualEsp32 v54 = booted();
        update(v54.ota(), OTA1, v2);
        v54.reset();
        List<DeviceEvent> events54 = record(v54);
        v54.ota().begin(OTA0, 70_000);
        assertEquals("B10000 S20000 S21000", erases(ops(events54)));
    }

    /**
     * esp_ota_ops.c erase_last_boot_app_partition(skip_app_part_erase=true), v5.5: the inactive copy needs a seq
     * and a right CRC, not a valid state, so the INVALID copy a rollback left behind is erased as well, and
     * esp_ota_get_last_invalid_partition() has nothing to report afterwards.
     */
    @Test void begin55ErasesAnInvalidInactiveCopyToo() {
        VirtualEsp32 d = VirtualEsp32.builder(table("no_factory_two_ota"))
                .config(DeviceConfig.of(true).withIdfVersion("v5.5"))
                .app(OTA0, ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        update(d.ota(), OTA1, ImageSamples.blink("2.0.0-selftest-fail", 1).build());
        d.resetUntilSettled(5);                            // 2.0.0 fails its self test and rolls back to ota_0
        assertEquals(OTA0, d.ota().getRunningPartition());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.INVALID));
        assertEquals(OTA1, d.ota().getLastInvalidPartition().orElseThrow());
        assertEquals(EspErr.ESP_OK, d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).err());
        assertTrue(otadata(d).copy(1).isBlankSeq());
        assertTrue(d.ota().getLastInvalidPartition().isEmpty());
    }

    /**
     * esp_ota_ops.c esp_ota_begin: v5.5+ allocate the handle (esp_ota_init_entry) before the erase, so a size past
     * the partition fails with ESP_ERR_INVALID_SIZE but its handle stays open; v5.4 allocates after the erase.
     */
    @Test void begin55KeepsTheHandleOfARefusedSize() {
        VirtualEsp32 d = booted(DeviceConfig.of(true).withIdfVersion("v5.5"));
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_ERR_INVALID_SIZE, d.ota().begin(OTA1, OTA_1_SIZE + 1).err());
        assertEquals(List.of(), ops(events), "nothing erased");
        assertEquals(1, d.ota().openUpdates());
        assertEquals(2, d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow(), "handle 1 was used up");
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, d.ota().end(1), "nothing written with the leaked handle");

        VirtualEsp32 v54 = booted();
        assertEquals(EspErr.ESP_ERR_INVALID_SIZE, v54.ota().begin(OTA1, OTA_1_SIZE + 1).err());
        assertEquals(0, v54.ota().openUpdates());
        assertEquals(1, v54.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow());
    }

    // ---- write ----------------------------------------------------------------------------------------------

    /**
     * esp_ota_ops.c esp_ota_write (v5.3, v5.4, v5.5.x, v6.0.x): last_sector = (wrote_size + size - 1) / erase_size,
     * so a write ending exactly on a sector boundary erases nothing past it; the lazy erase comes before the
     * first-byte check, so a refused first chunk has already erased sector 0.
     */
    @Test void theLazyEraseComesBeforeTheMagicCheckAndStopsAtTheBoundary() {
        VirtualEsp32 d = booted();
        int h = d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, d.ota().write(h, Bytes.filled(0x1000, 0x3C)));
        assertEquals("S150000", erases(ops(events)));
        events.clear();
        assertEquals(EspErr.ESP_OK, d.ota().write(h, Bytes.filled(0x1000, 0xE9)));   // ends exactly at 0x1000
        assertEquals("S150000", erases(ops(events)), "sector 0 again (wrote_size is still 0), not sector 1");
        events.clear();
        assertEquals(EspErr.ESP_OK, d.ota().write(h, Bytes.filled(4, 0)));
        assertEquals("S151000", erases(ops(events)));
    }

    @Test void sequentialWritesEraseEachSectorWhenTheyFirstReachIt() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        int h = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        Bytes data = Bytes.filled(0x3000, 0xE9);
        List<String> pattern = new ArrayList<>();
        int[] sizes = {1024, 1024, 1024, 1024, 1000, 4000, 4096, 192, 4000};
        int at = 0;
        for (int n : sizes) {
            List<DeviceEvent> events = record(d);
            assertEquals(EspErr.ESP_OK, ota.write(h, data.slice(0, n)));
            pattern.add(erases(ops(events)));
            at += n;
        }
        // wrote 0: sector 0; 1024..3072: inside sector 0; 4096 (aligned): sector 1; 5096+4000 reaches sector 2,
        // erased from the next sector on; 9096+4096 reaches sector 3; 13192+192 stays in sector 3; 13384+4000 → 4
        assertEquals(List.of("S150000", "", "", "", "S151000", "S152000", "S153000", "", "S154000"), pattern);
        assertEquals(17384, at);
    }

    @Test void writeChecksItsArgumentsAndTheImageMagic() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.write(99, v2));
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.write(1, null));
        int h = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        assertEquals(EspErr.ESP_OK, ota.write(h, Bytes.EMPTY));
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, ota.write(h, Bytes.of(0x3C, 0x21, 0x44)));   // "<!D…": HTML
        assertEquals(List.of("E esp_ota_ops: not found the handle", "E esp_ota_ops: write data is invalid",
                "E esp_ota_ops: OTA image has invalid magic byte (expected 0xE9, saw 0x3c)"), linesSince(d, from));
        assertEquals(EspErr.ESP_OK, ota.write(h, v2.slice(0, 1024)), "the handle survives a refused first chunk");
    }

    @Test void writePastTheEndOfThePartitionIsRefused() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        int lazy = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_ERR_INVALID_SIZE, ota.write(lazy, Bytes.filled((int) OTA_1_SIZE + 1, 0xE9)));
        assertEquals(List.of(), ops(events), "refused before erasing");
        int sized = ota.begin(OTA1, 0).orElseThrow();
        assertEquals(EspErr.ESP_OK, ota.write(sized, Bytes.filled((int) OTA_1_SIZE - 16, 0xE9)));
        assertEquals(EspErr.ESP_ERR_INVALID_SIZE, ota.write(sized, Bytes.filled(17, 0)));
    }

    /**
     * esp_ota_ops.c esp_ota_write_with_offset (v5.3 to v6.0.x): no magic check (not even at offset 0), no erase;
     * "OTA handle not found" for an unknown handle; esp_partition_write's bounds: offset past the partition
     * ESP_ERR_INVALID_ARG, data past its end ESP_ERR_INVALID_SIZE.
     */
    @Test void writeWithOffsetPutsDataWhereItIsTold() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        int h = ota.begin(OTA1, v2.size()).orElseThrow();
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_OK, ota.writeWithOffset(h, v2.slice(1024, v2.size()), 1024));
        assertEquals(EspErr.ESP_OK, ota.writeWithOffset(h, Bytes.of(0x3C, 0x21), 0), "no magic check at offset 0");
        assertEquals(Bytes.of(0x3C, 0x21), d.readFlash(OTA_1, 2));
        assertEquals(0, erases(ops(events)).length(), "it never erases");
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_INVALID_SIZE, ota.writeWithOffset(h, v2, OTA_1_SIZE - 10));
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.writeWithOffset(h, Bytes.of(1), OTA_1_SIZE + 1));
        assertEquals(EspErr.ESP_OK, ota.writeWithOffset(h, Bytes.EMPTY, OTA_1_SIZE));
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.writeWithOffset(7, v2, 0));
        assertEquals(List.of("E esp_ota_ops: OTA handle not found"), linesSince(d, from));
        ota.abort(h);

        VirtualEsp32 e = booted();                          // the bytes land on the erased region: the image is whole
        int g = e.ota().begin(OTA1, v2.size()).orElseThrow();
        assertEquals(EspErr.ESP_OK, e.ota().writeWithOffset(g, v2.slice(1024, v2.size()), 1024));
        assertEquals(EspErr.ESP_OK, e.ota().writeWithOffset(g, v2.slice(0, 1024), 0));
        assertEquals(EspErr.ESP_OK, e.ota().end(g));
        assertEquals(v2, e.readFlash(OTA_1, v2.size()));
    }

    /**
     * esp_ota_ops.c esp_ota_write_with_offset: assert(it->need_erase == 0 && "must erase the partition before
     * writing to it") — with OTA_WITH_SEQUENTIAL_WRITES the app aborts and the chip restarts; nothing is written.
     */
    @Test void writeWithOffsetAfterSequentialBeginAbortsTheApp() {
        VirtualEsp32 d = booted();
        int h = d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_FAIL, d.ota().writeWithOffset(h, v2, 0));
        assertEquals(esp32ota.device.ResetReason.SW_CPU_RESET, d.lastBoot().orElseThrow().reason(), "it restarted");
        assertTrue(ops(events).stream().noneMatch(o -> o instanceof FlashOp.Program p && p.address() >= OTA_1),
                "nothing written to ota_1");
    }

    // ---- end, abort -----------------------------------------------------------------------------------------

    @Test void endVerifiesTheImageAndFreesTheHandleWhateverHappens() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, ota.end(42));
        int empty = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.end(empty), "nothing written");
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, ota.end(empty), "freed");

        Bytes bad = ImageSamples.blink("2.0.0", 1).buildBroken(ImageBuilder.Defect.BAD_CHECKSUM);
        int h = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        assertEquals(EspErr.ESP_OK, ota.write(h, bad));
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, ota.end(h));
        List<String> lines = linesSince(d, from);
        // v5.4 (the default): the esp_image error is the last line; "New image failed verification" is v5.5+
        assertTrue(lines.get(lines.size() - 1).matches(
                "E esp_image: Checksum failed\\. Calculated 0x[0-9a-f]+ read 0x[0-9a-f]+"), lines.toString());
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, ota.end(h), "freed after a failed verification too");
        assertEquals(0, ota.openUpdates());

        int good = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        ota.write(good, v2);
        from = d.console().size();
        assertEquals(EspErr.ESP_OK, ota.end(good));
        // esp_image_format.c process_segment (v5.3-v6.0.x): the app never loads (do_load = false), so a RAM
        // segment's line ends in "" — "%s" of an empty string after "(%6d) " — not "load" as in the bootloader
        assertEquals(List.of(
                "I esp_image: segment 0: paddr=00150020 vaddr=3f400020 size=00200h (   512) map",
                "I esp_image: segment 1: paddr=00150228 vaddr=3ffb0000 size=00080h (   128) ",
                "I esp_image: segment 2: paddr=001502b0 vaddr=40080000 size=00200h (   512) ",
                "I esp_image: segment 3: paddr=001504b8 vaddr=400d04b8 size=00400h (  1024) map"), linesSince(d, from));
    }

    /**
     * esp_ota_ops.c esp_ota_end: v5.5 to v6.0.x log "New image failed verification" (ESP_LOGE) after a failed
     * esp_image_verify; v5.3/v5.4 return ESP_ERR_OTA_VALIDATE_FAILED without it.
     */
    @Test void end55AddsNewImageFailedVerification() {
        Bytes bad = ImageSamples.blink("2.0.0", 1).buildBroken(ImageBuilder.Defect.BAD_CHECKSUM);
        for (boolean v55 : new boolean[] {false, true}) {
            VirtualEsp32 d = booted(DeviceConfig.of(true).withIdfVersion(v55 ? "v5.5" : "v5.4.1"));
            int h = d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
            d.ota().write(h, bad);
            int from = d.console().size();
            assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, d.ota().end(h));
            List<String> lines = linesSince(d, from);
            assertEquals(v55, lines.contains("E esp_ota_ops: New image failed verification"), lines.toString());
            assertTrue(lines.get(lines.size() - (v55 ? 2 : 1)).startsWith("E esp_image: Checksum failed."));
        }
    }

    /**
     * esp_image_format.c process_segment: verify_segment_header runs before the segment's own line, so a bad
     * segment header stops the walk after the lines of the segments before it (here: segment 3 mapped at an
     * address whose offset in a 64 KiB page differs from its data's).
     */
    @Test void aBadSegmentHeaderStopsAfterTheSegmentsBeforeIt() {
        VirtualEsp32 d = booted();
        Bytes misMapped = v2.with(0x4b0, Bytes.of(0x00, 0x00, 0x0d, 0x40));     // segment 3 load_addr 0x400d0000
        int h = d.ota().begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        assertEquals(EspErr.ESP_OK, d.ota().write(h, misMapped));
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, d.ota().end(h));
        assertEquals(List.of(
                "I esp_image: segment 0: paddr=00150020 vaddr=3f400020 size=00200h (   512) map",
                "I esp_image: segment 1: paddr=00150228 vaddr=3ffb0000 size=00080h (   128) ",
                "I esp_image: segment 2: paddr=001502b0 vaddr=40080000 size=00200h (   512) ",
                "E esp_image: Segment 3 load address 0x400d0000, doesn't match data 0x001504b8"), linesSince(d, from));
    }

    @Test void hashAndMagicFailuresUseEspImageWording() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        int h = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        ota.write(h, ImageSamples.blink("2.0.0", 1).buildBroken(ImageBuilder.Defect.BAD_HASH));
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, ota.end(h));
        assertTrue(linesSince(d, from).contains("E esp_image: Image hash failed - image is corrupt"));
        from = d.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, d.ota().setBootPartition(AppSlot.ota(1)));
        assertTrue(linesSince(d, from).contains("E esp_image: Image hash failed - image is corrupt"));

        VirtualEsp32 e = booted();
        from = e.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, e.ota().setBootPartition(OTA1), "ota_1 is erased");
        assertEquals(List.of("E esp_image: image at 0x150000 has invalid magic byte (nothing flashed here?)"),
                linesSince(e, from));
    }

    @Test void abortFreesTheHandleAndLeavesTheFlashAsItIs() {
        VirtualEsp32 d = booted();
        OtaApi ota = d.ota();
        int h = ota.begin(OTA1, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        ota.write(h, v2.slice(0, 1024));
        assertEquals(EspErr.ESP_OK, ota.abort(h));
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, ota.abort(h));
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, ota.write(h, v2.slice(1024, 2048)));
        assertEquals(v2.slice(0, 1024), d.readFlash(OTA_1, 1024));
    }

    // ---- boot selection -------------------------------------------------------------------------------------

    @Test void setBootPartitionRewritesOneCopyAsEraseThenProgram() {
        VirtualEsp32 d = booted();
        write(d.ota(), OTA1, v2);
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_OK, d.ota().setBootPartition(OTA1));
        List<FlashOp> ops = ops(events);
        assertEquals(2, ops.size());
        assertEquals(new FlashOp.Erase(ops.get(0).index(), 0xE000, 0x1000, ops.get(0).startMicros(),
                ops.get(0).durationMicros()), ops.get(0));
        assertInstanceOf(FlashOp.Program.class, ops.get(1));
        assertEquals(0xE000, ops.get(1).address());
        assertEquals(32, ops.get(1).length());
        var written = events.stream().filter(e -> e instanceof DeviceEvent.OtadataWritten)
                .map(e -> (DeviceEvent.OtadataWritten) e).toList();
        assertEquals(1, written.size());
        assertEquals(1, written.get(0).copy());
        assertEquals(2, otadata(d).copy(1).otaSeq());
        assertTrue(otadata(d).copy(1).hasState(OtaImgState.NEW));
        assertEquals(OTA1, d.ota().getBootPartition().orElseThrow());
        assertEquals(OTA0, d.ota().getRunningPartition());
    }

    @Test void setBootPartitionRefusesWhatItCannotVerifyOrFind() {
        VirtualEsp32 d = booted();
        Bytes before = d.readFlash(OTADATA, 0x2000);
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, d.ota().setBootPartition(AppSlot.ota(3)));
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, d.ota().setBootPartition(null));
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, d.ota().setBootPartition(OTA1));
        assertEquals(before, d.readFlash(OTADATA, 0x2000));
    }

    @Test void setBootPartitionToFactoryErasesOtadata() {
        VirtualEsp32 d = VirtualEsp32.builder(table("two_ota")).rollback(true)
                .app(AppSlot.FACTORY, ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        write(d.ota(), OTA0, v2);
        assertEquals(EspErr.ESP_OK, d.ota().setBootPartition(OTA0));
        assertEquals(OTA0, d.reset().booted().orElseThrow());
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_OK, d.ota().setBootPartition(AppSlot.FACTORY));
        assertEquals("S" + Long.toHexString(OTADATA).toUpperCase() + " SE000", erases(ops(events)));
        assertTrue(d.readFlash(OTADATA, 0x2000).allEqual(0xFF));
        assertEquals(AppSlot.FACTORY, d.reset().booted().orElseThrow());
    }

    @Test void antiRollbackRefusesALowerSecureVersionAndErasesThePartition() {
        VirtualEsp32 d = VirtualEsp32.builder(table("no_factory_two_ota"))
                .config(DeviceConfig.of(true).withAntiRollback(true)).efuseSecureVersion(1)
                .app(OTA0, ImageSamples.blink("2.0.0", 1).build()).build();
        d.reset();
        Bytes old = ImageSamples.blink("0.9.0", 0).build();
        write(d.ota(), OTA1, old);
        Bytes before = d.readFlash(OTADATA, 0x2000);
        int from = d.console().size();
        assertEquals(EspErr.ESP_ERR_OTA_SMALL_SEC_VER, d.ota().setBootPartition(OTA1));
        assertTrue(linesSince(d, from).contains("E esp_ota_ops: This a new partition can not be booted due to a "
                + "secure version is lower than stored in efuse. Partition will be erased."));
        assertEquals(before, d.readFlash(OTADATA, 0x2000));
        assertTrue(d.readFlash(OTA_1, 0x1000).allEqual(0xFF), "the refused image is erased");
        assertEquals(OTA0, d.reset().booted().orElseThrow());
    }

    @Test void confirmingAnAppWithAHigherSecureVersionBurnsTheEfuse() {
        VirtualEsp32 d = VirtualEsp32.builder(table("no_factory_two_ota"))
                .config(DeviceConfig.of(true).withAntiRollback(true))
                .app(OTA0, ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        assertEquals(0, d.efuseSecureVersion());
        update(d.ota(), OTA1, ImageSamples.blink("3.0.0", 2).build());
        assertEquals(OTA1, d.reset().booted().orElseThrow());
        assertEquals(2, d.efuseSecureVersion());
        assertFalse(d.ota().checkRollbackIsPossible(), "ota_0's secure_version 0 is below the eFuse now");
    }

    @Test void nextUpdatePartitionAndDescriptions() {
        VirtualEsp32 d = booted();
        assertEquals(OTA1, d.ota().getNextUpdatePartition().orElseThrow());
        assertEquals(OTA0, d.ota().getNextUpdatePartition(OTA1).orElseThrow());
        var desc = d.ota().getPartitionDescription(OTA0);
        assertEquals(EspErr.ESP_OK, desc.err());
        assertEquals("1.0.0", desc.orElseThrow().versionText());
        assertEquals("blink", desc.orElseThrow().projectNameText());
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, d.ota().getPartitionDescription(OTA1).err(), "erased");
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, d.ota().getPartitionDescription(AppSlot.ota(4)).err(), "absent");
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, d.ota().getPartitionDescription(null).err());
    }

    @Test void statePartition() {
        VirtualEsp32 d = booted();
        assertEquals(OtaImgState.VALID.code(), d.ota().getStatePartition(OTA0).orElseThrow());
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, d.ota().getStatePartition(OTA1).err());
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, d.ota().getStatePartition(AppSlot.ota(6)).err());
        VirtualEsp32 f = VirtualEsp32.builder(table("two_ota")).app(AppSlot.FACTORY, v2).build();
        f.reset();
        assertEquals(EspErr.ESP_ERR_NOT_SUPPORTED, f.ota().getStatePartition(AppSlot.FACTORY).err());
    }

    // ---- rollback -------------------------------------------------------------------------------------------

    @Test void markValidFromFactoryFails() {
        VirtualEsp32 f = VirtualEsp32.builder(table("two_ota")).rollback(true).app(AppSlot.FACTORY, v2).build();
        f.reset();
        int from = f.console().size();
        assertEquals(EspErr.ESP_FAIL, f.ota().markAppValidCancelRollback());
        assertEquals(List.of("E esp_ota_ops: Running firmware is factory"), linesSince(f, from));
    }

    @Test void markValidWritesOnlyWhenTheStateIsNotValidYet() {
        VirtualEsp32 d = booted();
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_OK, d.ota().markAppValidCancelRollback());
        assertEquals(List.of(), ops(events), "copy 0 is VALID already");
    }

    @Test void markInvalidWithoutAnotherAppFails() {
        VirtualEsp32 d = booted(DeviceConfig.of(true).withLogLevel(LogLevel.ERROR));
        int from = d.console().size();
        assertFalse(d.ota().checkRollbackIsPossible());
        assertEquals(EspErr.ESP_ERR_OTA_ROLLBACK_FAILED, d.ota().markAppInvalidRollbackAndReboot());
        assertEquals(List.of("E esp_ota_ops: Rollback is not possible, do not have any suitable apps in slots"),
                linesSince(d, from));
        assertTrue(d.running().isPresent(), "no reboot");
    }

    @Test void markInvalidAndRebootFromANotebookRebootsIntoThePreviousApp() {
        VirtualEsp32 d = VirtualEsp32.builder(table("no_factory_two_ota")).rollback(true)
                .apps(AppCatalog.builtIn().with("blink", "2.0.0", App.IDLE))
                .app(OTA0, ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        update(d.ota(), OTA1, v2);
        d.reset();
        assertTrue(d.ota().checkRollbackIsPossible());
        assertEquals(EspErr.ESP_OK, d.ota().markAppInvalidRollbackAndReboot());
        var boot = d.lastBoot().orElseThrow();
        assertEquals(esp32ota.device.ResetReason.SW_CPU_RESET, boot.reason());
        assertEquals(OTA0, boot.booted().orElseThrow());
        assertEquals(OTA1, d.ota().getLastInvalidPartition().orElseThrow());
        assertEquals(OtaImgState.INVALID.code(), otadata(d).copy(1).stateCode());
    }

    @Test void eraseLastBootAppPartition() {
        VirtualEsp32 d = booted();
        assertEquals(EspErr.ESP_FAIL, d.ota().eraseLastBootAppPartition(), "copy 1 is blank");
        update(d.ota(), OTA1, v2);
        d.reset();                                                       // 2.0.0 runs from ota_1, confirmed
        List<DeviceEvent> events = record(d);
        assertEquals(EspErr.ESP_OK, d.ota().eraseLastBootAppPartition());
        String pattern = erases(ops(events));
        assertTrue(pattern.startsWith("B10000 B20000"), pattern);
        assertTrue(pattern.endsWith("B140000 SD000"), pattern);
        assertTrue(d.readFlash(0x10000, 0x1000).allEqual(0xFF));
        assertTrue(otadata(d).copy(0).isBlankSeq());
        assertEquals(OTA1, d.reset().booted().orElseThrow());
    }

    /**
     * esp_ota_ops.c erase_last_boot_app_partition (v5.3-v6.0.x): ESP_LOGD "finding last_boot_app_partition
     * ota_%d app..." with ESP_PARTITION_SUBTYPE_APP_OTA_MIN + slot (so ota_16 for slot 0); esp_ota_write's
     * ESP_LOGD "write data size is 0".
     */
    @Test void debugLinesOfEraseLastBootAndAnEmptyWrite() {
        VirtualEsp32 d = booted(DeviceConfig.of(true).withLogLevel(LogLevel.DEBUG));
        update(d.ota(), OTA1, v2);
        d.reset();
        int from = d.console().size();
        assertEquals(EspErr.ESP_OK, d.ota().eraseLastBootAppPartition());
        assertEquals(List.of("D esp_ota_ops: finding last_boot_app_partition ota_16 app..."), linesSince(d, from));
        int h = d.ota().begin(OTA0, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        from = d.console().size();
        assertEquals(EspErr.ESP_OK, d.ota().write(h, Bytes.EMPTY));
        assertEquals(List.of("D esp_ota_ops: write data size is 0"), linesSince(d, from));
    }

    @Test void apiCallsAreEvents() {
        VirtualEsp32 d = booted();
        List<DeviceEvent> events = record(d);
        d.ota().begin(OTA0, 0);
        d.ota().getBootPartition();
        assertEquals(List.of(new DeviceEvent.ApiCall("esp_ota_begin(ota_0, 0)", EspErr.ESP_ERR_OTA_PARTITION_CONFLICT),
                new DeviceEvent.ApiCall("esp_ota_get_boot_partition()", EspErr.ESP_OK)), events);
    }

    static void write(OtaApi ota, AppSlot slot, Bytes image) {
        int h = ota.begin(slot, OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        for (int i = 0; i < image.size(); i += 1024) {
            assertEquals(EspErr.ESP_OK, ota.write(h, image.slice(i, Math.min(image.size(), i + 1024))));
        }
        assertEquals(EspErr.ESP_OK, ota.end(h));
    }

    static void update(OtaApi ota, AppSlot slot, Bytes image) {
        write(ota, slot, image);
        assertEquals(EspErr.ESP_OK, ota.setBootPartition(slot));
    }
}
