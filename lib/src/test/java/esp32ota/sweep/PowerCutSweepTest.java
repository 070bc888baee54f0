package esp32ota.sweep;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashOp;
import esp32ota.flash.NorFlash;
import esp32ota.ota.AppView;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Power-cut sweeps of sample updates: none bricks, a deliberately wrong updater does, and the counts per phase. */
class PowerCutSweepTest {
    private static final EnumSet<NorFlash.Tear> ALL_TEARS = EnumSet.allOf(NorFlash.Tear.class);

    static PartitionTable noFactory() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    static Bytes blink(String version, long sv) { return ImageSamples.blink(version, sv).build(); }

    static VirtualEsp32 device(boolean rollback, Bytes old) {
        return VirtualEsp32.builder(noFactory()).rollback(rollback).app(AppSlot.ota(0), old).build();
    }

    static Map<String, Integer> counts(SweepResult r, Phase phase) {
        return r.byPhase().stream().filter(p -> p.phase() == phase).findFirst().orElseThrow().outcomes();
    }

    @Test void blink100To200WithRollbackNeverBricksAndEachPhaseEndsWhereEspIdfWould() {
        SweepResult r = PowerCutSweep.of(device(true, blink("1.0.0", 0)), blink("2.0.0", 1)).tears(ALL_TEARS).run();
        // 2272 bytes: 1 sector erase + 9 page programs; set_boot, the bootloader's NEW -> PENDING_VERIFY and the
        // app's mark-valid each rewrite otadata copy 1 (erase + program): 16 operations x 3 tears
        assertEquals("48 cut points, 0 unbootable", r.summary());
        assertEquals(16, r.operations());
        assertEquals(AppSlot.ota(1), r.slot());
        assertEquals("ota_0 1.0.0", r.before().label());
        assertEquals("ota_1 2.0.0", r.after().label());
        assertEquals(List.of(Phase.WRITE, Phase.SET_BOOT, Phase.BOOTLOADER, Phase.MARK_VALID),
                r.byPhase().stream().map(SweepResult.PhaseCount::phase).toList());
        assertEquals(Map.of("ota_0 1.0.0", 30), counts(r, Phase.WRITE));
        assertEquals(Map.of("ota_0 1.0.0", 6), counts(r, Phase.SET_BOOT));
        // cut before the bootloader's erase: otadata still selects the new app (NEW), which boots and confirms; any
        // later cut leaves copy 1 blank or torn and copy 0 boots the old app: the update is lost, not the device
        assertEquals(Map.of("ota_1 2.0.0", 1, "ota_0 1.0.0", 5), counts(r, Phase.BOOTLOADER));
        CutResult first = r.cuts().stream().filter(c -> c.cut().phase() == Phase.BOOTLOADER).findFirst().orElseThrow();
        assertEquals(NorFlash.Tear.NONE, first.cut().tear());
        assertEquals("ota_1 2.0.0", first.outcome().label());
        // a cut while copy 1 says PENDING_VERIFY: the next boot finds it unconfirmed, marks it ABORTED, rolls back
        assertEquals(Map.of("ota_0 1.0.0", 6), counts(r, Phase.MARK_VALID));
    }

    @Test void everySamplePairSweepsWithNoUnbootableCutPoint() {
        String[][] pairs = {{"1.0.0", "1.1.0"}, {"1.0.0", "2.0.0"}, {"1.1.0", "2.0.0"}, {"1.0.0", "2.0.0-selftest-fail"},
                {"1.0.0", "2.0.0-hang"}, {"2.0.0", "3.0.0"}, {"1.0.0", "0.9.0"}};
        for (boolean rollback : new boolean[] {false, true}) {
            for (String[] pair : pairs) {
                SweepResult r = PowerCutSweep.of(device(rollback, blink(pair[0], 0)), blink(pair[1], 1))
                        .tears(ALL_TEARS).run();
                String what = pair[0] + " -> " + pair[1] + (rollback ? " rollback" : "");
                assertEquals(0, r.unbootable().size(), what + ": " + r.unbootable());
                assertTrue(r.cuts().size() >= 36, what);
                boolean rollsBack = rollback && pair[1].startsWith("2.0.0-");
                assertEquals((rollsBack ? "ota_0 " + pair[0] : "ota_1 " + pair[1]), r.after().label(), what);
            }
        }
    }

    @Test void withoutRollbackTheFirstBootWritesNothingSoOnlyWriteAndSetBootAreCut() {
        SweepResult r = PowerCutSweep.of(device(false, blink("1.0.0", 0)), blink("2.0.0", 1)).run();
        assertEquals("12 cut points, 0 unbootable", r.summary());
        assertEquals(List.of(Phase.WRITE, Phase.SET_BOOT), r.byPhase().stream().map(SweepResult.PhaseCount::phase).toList());
        assertEquals(Map.of("ota_0 1.0.0", 2), counts(r, Phase.SET_BOOT));
        assertTrue(r.cuts().stream().allMatch(c -> c.cut().tear() == NorFlash.Tear.NONE));
    }

    @Test void beginWithTheImageSizeErasesFirstInItsOwnPhase() {
        SweepResult r = PowerCutSweep.of(device(true, blink("1.0.0", 0)), blink("2.0.0", 1))
                .flow(UpdateFlow.nativeOta(UpdateFlow.Begin.IMAGE_SIZE)).run();
        CutResult begin = r.cuts().get(0);
        assertEquals(Phase.BEGIN, begin.cut().phase());
        assertTrue(begin.cut().op() instanceof FlashOp.Erase);
        assertEquals("sector erase 0x150000+0x1000", begin.cut().operation());
        assertEquals(Map.of("ota_0 1.0.0", 9), counts(r, Phase.WRITE));
        assertTrue(r.cuts().stream().filter(c -> c.cut().phase() == Phase.WRITE)
                .allMatch(c -> c.cut().op() instanceof FlashOp.Program), "the writes erase nothing");
        assertEquals(0, r.unbootable().size());
    }

    /** A wrong updater: overwrite the running app in place (no second slot), as a naive single-bank loader would. */
    @Test void anInPlaceUpdateIsReportedAsBrickingWithItsOperations() {
        PartitionTable table = noFactory();
        UpdateFlow inPlace = (device, slot, image, enter) -> {
            enter.accept(Phase.WRITE);
            long at = AppView.of(table).find(device.running().orElseThrow()).orElseThrow().offset();
            device.writeFlash(at, image);
        };
        SweepResult r = PowerCutSweep.of(device(false, blink("1.0.0", 0)), blink("2.0.0", 1)).flow(inPlace)
                .tears(ALL_TEARS).run();
        assertEquals("ota_0 2.0.0", r.after().label(), "uncut, the new app boots from the old slot");
        assertEquals(30, r.cuts().size());
        // only the clean cut before the first erase leaves the old app; every later cut leaves ota_0 half written
        // and ota_1 empty
        assertEquals("30 cut points, 29 unbootable", r.summary());
        CutResult firstBrick = r.unbootable().get(0);
        assertEquals(0, firstBrick.cut().step());
        assertEquals(NorFlash.Tear.HALF, firstBrick.cut().tear());
        assertEquals("sector erase 0x10000+0x1000", firstBrick.cut().operation());
        assertEquals(Outcome.Kind.NOTHING_BOOTS, firstBrick.outcome().kind());
        assertEquals("nothing boots", firstBrick.outcome().label());
        assertEquals(Map.of("nothing boots", 29, "ota_0 1.0.0", 1), counts(r, Phase.WRITE));
    }

    @Test void theMemoAndTheTriedSlotsOnlyBootloaderDecideExactlyAsJudgingEverySlot() {
        for (String to : new String[] {"2.0.0", "2.0.0-selftest-fail", "2.0.0-hang"}) {
            PowerCutSweep s = PowerCutSweep.of(device(true, blink("1.0.0", 0)), blink(to, 1)).tears(ALL_TEARS);
            SweepResult fast = s.run(), plain = s.memo(false).run();
            assertEquals(plain.cuts(), fast.cuts(), to);
            assertEquals(plain.after(), fast.after(), to);
        }
        PartitionTable table = noFactory();
        UpdateFlow inPlace = (device, slot, image, enter) -> {
            enter.accept(Phase.WRITE);
            device.writeFlash(AppView.of(table).find(AppSlot.ota(0)).orElseThrow().offset(), image);
        };
        PowerCutSweep bricking = PowerCutSweep.of(device(false, blink("1.0.0", 0)), blink("2.0.0", 1)).flow(inPlace)
                .tears(ALL_TEARS);
        assertEquals(bricking.memo(false).run().cuts(), bricking.run().cuts());
    }

    @Test void aSweepIsDeterministicAndLeavesTheDeviceAsItWas() {
        VirtualEsp32 d = device(true, blink("1.0.0", 0));
        Bytes before = d.flash().dump();
        PowerCutSweep s = PowerCutSweep.of(d, blink("2.0.0", 1)).tears(ALL_TEARS);
        SweepResult one = s.threads(1).run();
        assertEquals(one, s.run());
        assertEquals(one, s.threads(2).run());
        assertEquals(one, s.threads(5).run(), "ranges of 3 or 4 operations each, joined in order");
        assertEquals(before, d.flash().dump());
        assertEquals(0, d.flash().opCount());
    }

    @Test void runsFoldConsecutiveOperationsThatEndTheSameWay() {
        SweepResult r = PowerCutSweep.of(device(true, blink("1.0.0", 0)), blink("2.0.0", 1)).tears(ALL_TEARS).run();
        List<SweepResult.Run> runs = r.runs();
        assertEquals(r.operations(), runs.stream().mapToInt(SweepResult.Run::operations).sum());
        SweepResult.Run pages = runs.get(1);
        assertEquals(1, pages.firstStep());
        assertEquals(9, pages.lastStep());
        assertEquals("page program", pages.kind());
        assertEquals(3, pages.outcomes().size());
    }

    @Test void anUpdateTheApiRefusesOrADeviceThatDoesNotBootIsAnError() {
        Bytes bad = ImageSamples.blink("2.0.0", 1).buildBroken(esp32ota.image.ImageBuilder.Defect.BAD_HASH);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PowerCutSweep.of(device(true, blink("1.0.0", 0)), bad).run());
        assertTrue(e.getMessage().startsWith("esp_ota_end failed: ESP_ERR_OTA_VALIDATE_FAILED"), e.getMessage());
        VirtualEsp32 empty = VirtualEsp32.builder(noFactory()).build();
        var e2 = assertThrows(IllegalArgumentException.class, () -> PowerCutSweep.of(empty, blink("2.0.0", 1)).run());
        assertEquals("the device does not boot before the update: nothing boots", e2.getMessage());
        assertFalse(PowerCutSweep.of(device(true, blink("1.0.0", 0)), blink("2.0.0", 1)).tears(EnumSet.of(
                NorFlash.Tear.HALF)).run().cuts().isEmpty());
    }
}
