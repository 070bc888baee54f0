package esp32ota.boot;

import esp32ota.ota.AppView;
import esp32ota.ota.OtaOps;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static esp32ota.boot.Fixtures.*;
import static esp32ota.boot.LoadAttempt.Result.*;
import static esp32ota.otadata.OtaImgState.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bootloader scenarios beyond the shared vectors. Every expected value was worked out by hand from ESP-IDF's
 * bootloader_utility.c rules (formats.md §3.4–3.7, 3.10) and then confirmed by running the same scenario through
 * ESP-IDF's own C functions compiled with flash and images stubbed (the scratch oracle described in the report);
 * none was copied from this kit's output.
 */
class BootScenariosTest {
    private static final BootConfig PLAIN = BootConfig.of(false), ROLLBACK = BootConfig.of(true);

    private static List<String> names(List<AppSlot> slots) { return slots.stream().map(AppSlot::name).toList(); }

    @Test void gapInOtaSubtypesMakesTheBootloaderCountTwoAndMissSlotTwo() {
        PartitionTable t = table("ota_0", "ota_2");
        OtaData od = otadata(copy(2, VALID), blank());
        BootDecision d = Bootloader.decide(t, od, PLAIN);
        assertEquals(2, BootloaderView.of(t).appCount());
        assertEquals(ActiveOtadata.COPY_0, d.activeOtadata());
        assertEquals(Optional.of(1), d.startIndex(), "(2 - 1) % 2 = 1");
        assertEquals(Optional.empty(), d.startPartition(), "ota[1] does not exist");
        assertEquals(List.of("ota_0"), names(d.tryOrder()), "ota_2 is never tried");
        assertEquals("ota_0", d.booted().orElseThrow().name());
        assertEquals(List.of(d("OTA data offset 0xd000"), d("otadata[0]: sequence values 0x00000002"),
                d("otadata[1]: sequence values 0xffffffff"), new LogLine('D', "boot_comm", "Only otadata[0] is valid"),
                d("Active otadata[0]"), d("Mapping seq 1 -> OTA slot 1")), d.selectionLogs());
        assertEquals(List.of(d("Trying partition index 0 offs 0x10000 size 0x100000"),
                i("Loaded app from partition at offset 0x10000")), d.loadLogs());
    }

    @Test void seqZeroIsValidAndWrapsAround() {
        BootDecision two = Bootloader.decide(table("factory", "ota_0", "ota_1"), otadata(copy(0, VALID), blank()), PLAIN);
        assertEquals(Optional.of(1), two.startIndex());
        assertTrue(two.selectionLogs().contains(d("Mapping seq 4294967295 -> OTA slot 1")));
        assertEquals(List.of("ota_1", "ota_0", "factory"), names(two.tryOrder()));
        BootDecision three = Bootloader.decide(table("ota_0", "ota_1", "ota_2"), otadata(copy(0, VALID), blank()), PLAIN);
        assertEquals(Optional.of(0), three.startIndex(), "4294967295 % 3 = 0");
        assertEquals(List.of("ota_0", "ota_1", "ota_2"), names(three.tryOrder()));
    }

    @Test void equalSeqsGoToCopyZero() {
        BootDecision d = Bootloader.decide(table("factory", "ota_0", "ota_1"),
                otadata(copy(3, VALID), copy(3, UNDEFINED)), PLAIN);
        assertEquals(ActiveOtadata.COPY_0, d.activeOtadata());
        assertTrue(d.selectionLogs().contains(new LogLine('D', "boot_comm", "Both OTA copies are valid")));
        assertEquals("ota_0", d.booted().orElseThrow().name(), "(3 - 1) % 2 = 0");
    }

    @Test void bothAbortedWithoutFactoryStillBootsOtaZero() {
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), otadata(copy(1, ABORTED), copy(2, ABORTED)), ROLLBACK);
        assertEquals(ActiveOtadata.NOT_COMPARED, d.activeOtadata());
        assertEquals(Optional.of(0), d.startIndex());
        assertFalse(d.otaHasInitialContents(), "the CRCs are right, so otadata is not initial");
        assertEquals(List.of(), d.writes());
        assertEquals(i("No factory image, trying OTA 0"), d.selectionLogs().get(d.selectionLogs().size() - 1));
        assertEquals("ota_0", d.booted().orElseThrow().name());
    }

    @Test void blankPlusBadCrcWithoutFactoryTriesAllPartitions() {
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), otadata(blank(), badCrc(2, VALID)), PLAIN);
        assertEquals(ActiveOtadata.NONE_VALID, d.activeOtadata());
        assertEquals(Optional.of(AppSlot.FACTORY_INDEX), d.startIndex());
        assertEquals(Optional.empty(), d.startPartition());
        assertEquals(e("ota data partition invalid and no factory, will try all partitions"),
                d.selectionLogs().get(d.selectionLogs().size() - 1));
        assertEquals(List.of("ota_0", "ota_1"), names(d.tryOrder()));
        assertEquals("ota_0", d.booted().orElseThrow().name());
        assertFalse(d.otaHasInitialContents());
        assertEquals(List.of(), d.writes());
    }

    @Test void unbootableStartSlotFallsBackDownwards() {
        BootDecision d = Bootloader.decide(table("factory", "ota_0", "ota_1"), otadata(copy(1, VALID), copy(2, VALID)),
                PLAIN.withUnbootable(Set.of(AppSlot.ota(1))));
        assertEquals(Optional.of(1), d.startIndex());
        assertEquals(List.of(d("Trying partition index 1 offs 0x210000 size 0x100000"),
                e("OTA app partition slot 1 is not bootable"), d("Trying partition index 0 offs 0x110000 size 0x100000"),
                i("Loaded app from partition at offset 0x110000")), d.loadLogs());
        assertEquals("ota_0", d.booted().orElseThrow().name());
        assertEquals(List.of(), d.writes(), "the bootloader does not record the fallback");
    }

    @Test void testAppIsTheLastResort() {
        BootDecision d = Bootloader.decide(table("factory", "ota_0", "ota_1", "test"), otadata(copy(1, VALID), blank()),
                PLAIN.withUnbootable(Set.of(AppSlot.FACTORY, AppSlot.ota(0), AppSlot.ota(1))));
        assertEquals(List.of("ota_0", "factory", "ota_1", "test"), names(d.tryOrder()));
        assertEquals(List.of(d("Trying partition index 0 offs 0x110000 size 0x100000"),
                e("OTA app partition slot 0 is not bootable"), d("Trying partition index -1 offs 0x10000 size 0x100000"),
                e("Factory app partition is not bootable"), d("Trying partition index 1 offs 0x210000 size 0x100000"),
                e("OTA app partition slot 1 is not bootable"), i("Loaded app from partition at offset 0x310000"),
                new LogLine('W', "boot", "Falling back to test app as only bootable partition")), d.loadLogs());
        assertEquals(AppSlot.TEST, d.booted().orElseThrow());
        assertEquals(List.of(new LoadAttempt(AppSlot.ota(0), NOT_LOADED, Optional.of(1)),
                new LoadAttempt(AppSlot.FACTORY, NOT_LOADED, Optional.of(3)),
                new LoadAttempt(AppSlot.ota(1), NOT_LOADED, Optional.of(5)),
                new LoadAttempt(AppSlot.TEST, LOADED, Optional.of(6))), d.attempts(), "verdicts: the E lines, then Loaded");
    }

    @Test void nothingBootableEndsInAReset() {
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), OtaData.erased(OTADATA_AT),
                PLAIN.withUnbootable(Set.of(AppSlot.ota(0), AppSlot.ota(1))));
        assertInstanceOf(BootOutcome.NothingBootable.class, d.outcome());
        assertTrue(d.otaHasInitialContents());
        assertEquals(List.of(), d.writes(), "seq=1 is only recorded after a successful load");
        assertEquals(List.of(d("Trying partition index 0 offs 0x10000 size 0x100000"),
                e("OTA app partition slot 0 is not bootable"), d("Trying partition index 1 offs 0x110000 size 0x100000"),
                e("OTA app partition slot 1 is not bootable"), d("Can't boot from zero-length partition"),
                e("No bootable app partitions in the partition table")), d.loadLogs());
        assertEquals(List.of(new LoadAttempt(AppSlot.ota(0), NOT_LOADED, Optional.of(1)),
                new LoadAttempt(AppSlot.ota(1), NOT_LOADED, Optional.of(3))), d.attempts(), "no test partition to try");
    }

    @Test void aFailedTestAppHasNoVerdictLine() {
        BootDecision d = Bootloader.decide(table("ota_0", "test"), OtaData.erased(OTADATA_AT),
                PLAIN.withUnbootable(Set.of(AppSlot.ota(0), AppSlot.TEST)));
        assertEquals(List.of(d("Trying partition index 0 offs 0x10000 size 0x100000"),
                e("OTA app partition slot 0 is not bootable"),
                e("No bootable app partitions in the partition table")), d.loadLogs());
        assertEquals(List.of(new LoadAttempt(AppSlot.ota(0), NOT_LOADED, Optional.of(1)),
                new LoadAttempt(AppSlot.TEST, NOT_LOADED, Optional.empty())), d.attempts());
    }

    @Test void blankOtadataRecordsTheSlotThatActuallyBooted() {
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), OtaData.erased(OTADATA_AT),
                PLAIN.withUnbootable(Set.of(AppSlot.ota(0))));
        assertEquals("ota_1", d.booted().orElseThrow().name());
        assertEquals(1, d.writes().size());
        OtadataWrite w = d.writes().get(0);
        assertEquals(0, w.sector());
        assertEquals("initial otadata, no factory: record booted slot", w.reason());
        assertEquals(OtadataWrite.Kind.INITIAL, w.kind());
        assertEquals(List.of(new LoadAttempt(AppSlot.ota(0), NOT_LOADED, Optional.of(1)),
                new LoadAttempt(AppSlot.ota(1), LOADED, Optional.of(3))), d.attempts(), "Set actual follows line 3");
        assertEquals("02000000" + "ff".repeat(20) + "02000000" + "7437f655", w.entry().encode().hex());
        assertEquals(i("Set actual ota_seq=2 in otadata[0]"), d.loadLogs().get(d.loadLogs().size() - 1));
    }

    @Test void withoutAnOtadataPartitionTheFactoryIndexIsTheStart() {
        BootDecision withFactory = Bootloader.decide(table(0, "factory", "ota_0"), OtaData.erased(0), PLAIN);
        assertEquals(Optional.of(AppSlot.FACTORY_INDEX), withFactory.startIndex());
        assertEquals(ActiveOtadata.NOT_COMPARED, withFactory.activeOtadata());
        assertEquals(List.of(), withFactory.selectionLogs());
        assertEquals("factory", withFactory.booted().orElseThrow().name());
        BootDecision noFactory = Bootloader.decide(table(0, "ota_0", "ota_1"), OtaData.erased(0), PLAIN);
        assertEquals(Optional.of(AppSlot.FACTORY_INDEX), noFactory.startIndex());
        assertEquals(Optional.empty(), noFactory.startPartition());
        assertEquals("ota_0", noFactory.booted().orElseThrow().name(), "found by the upward scan");
    }

    @Test void otadataSmallerThanTwoSectorsStopsTheBoot() {
        BootDecision d = Bootloader.decide(table(0x1000, "factory", "ota_0"), OtaData.erased(OTADATA_AT), PLAIN);
        assertEquals(Optional.empty(), d.startIndex(), "INVALID_INDEX");
        assertInstanceOf(BootOutcome.SelectionFailed.class, d.outcome());
        assertEquals(List.of(e("ota_info partition size 4096 is too small (minimum 8192 bytes)")), d.selectionLogs());
        assertEquals(List.of(), d.tryOrder());
        assertEquals(List.of(), d.loadLogs());
    }

    @Test void sixteenSlotsWrap() {
        String[] all = new String[16];
        for (int n = 0; n < 16; n++) all[n] = "ota_" + n;
        PartitionTable t = table(all);
        BootDecision d = Bootloader.decide(t, otadata(copy(16, VALID), copy(17, VALID)), PLAIN);
        assertEquals(ActiveOtadata.COPY_1, d.activeOtadata());
        assertEquals(Optional.of(0), d.startIndex(), "(17 - 1) % 16 = 0");
        assertEquals(16, d.tryOrder().size());
        assertEquals("ota_15", OtaOps.getBootPartition(t, otadata(copy(16, VALID), blank())).value().orElseThrow().name());
        assertEquals("ota_0", OtaOps.getNextUpdatePartition(t, AppSlot.ota(15)).value().orElseThrow().name());
    }

    @Test void duplicateSubtypeBootloaderTakesTheLastRowTheAppTheFirst() {
        PartitionTable t = PartitionTable.of(0x8000, List.of(
                new PartitionEntry(0, 1, 0x00, OTADATA_AT, 0x2000, "otadata", 0),
                new PartitionEntry(0, 0, 0x10, 0x10000, 0x100000, "first", 0),
                new PartitionEntry(0, 0, 0x11, 0x110000, 0x100000, "ota_1", 0),
                new PartitionEntry(0, 0, 0x10, 0x210000, 0x100000, "second", 0)));
        OtaData od = otadata(copy(1, VALID), blank());
        BootDecision d = Bootloader.decide(t, od, PLAIN);
        assertEquals(3, BootloaderView.of(t).appCount());
        assertEquals(0x210000, ((BootOutcome.Booted) d.outcome()).partition().offset(), "bs->ota[0] is the last row");
        assertEquals(2, OtaOps.appPartitionCount(t));
        assertEquals(0x10000, AppView.of(t).find(OtaOps.getBootPartition(t, od).value().orElseThrow()).orElseThrow().offset(),
                "esp_partition_find_first returns the first row");
    }

    @Test void antiRollbackRaisesTheEfuseToTheBootedVersion() {
        BootConfig c = PLAIN.withAntiRollback(AntiRollback.of(2, Map.of(AppSlot.ota(0), 1L, AppSlot.ota(1), 3L)));
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), otadata(copy(1, VALID), copy(2, VALID)), c);
        assertEquals(List.of(d("OTA data offset 0xd000"), d("otadata[0]: sequence values 0x00000001"),
                d("otadata[1]: sequence values 0x00000002"), i("Enabled a check secure version of app for anti rollback"),
                i("Secure version (from eFuse) = 2"), d("OTA slot 0 has an app with secure_version, this version is "
                        + "smaller than in the device. This OTA slot will not be selected."),
                new LogLine('D', "boot_comm", "Only otadata[1] is valid"), d("Active otadata[1]"),
                d("Mapping seq 1 -> OTA slot 1"), new LogLine('I', "efuse", "Anti-rollback is set. eFuse field is updated(3).")),
                d.selectionLogs());
        assertEquals("ota_1", d.booted().orElseThrow().name());
        assertEquals(3, d.antiRollbackAfter().orElseThrow().efuseSecureVersion());
    }

    @Test void antiRollbackSkipsADowngradedSlot() {
        BootConfig c = PLAIN.withAntiRollback(AntiRollback.of(2, Map.of(AppSlot.ota(0), 2L, AppSlot.ota(1), 1L)));
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), otadata(copy(1, VALID), copy(2, NEW)), c);
        assertEquals(ActiveOtadata.COPY_0, d.activeOtadata());
        assertEquals("ota_0", d.booted().orElseThrow().name());
        assertEquals(2, d.antiRollbackAfter().orElseThrow().efuseSecureVersion());
        assertFalse(d.selectionLogs().stream().anyMatch(l -> l.tag().equals("efuse")), "2 = 2: nothing to burn");
    }

    @Test void antiRollbackInitialStateRecordsSeqOneAndBurns() {
        BootConfig c = PLAIN.withAntiRollback(AntiRollback.of(0, Map.of(AppSlot.ota(0), 1L, AppSlot.ota(1), 1L)));
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), OtaData.erased(OTADATA_AT), c);
        assertEquals(i("otadata[0..1] in initial state"), d.selectionLogs().get(d.selectionLogs().size() - 1));
        assertEquals(Optional.of(AppSlot.FACTORY_INDEX), d.startIndex());
        assertTrue(d.otaHasInitialContents());
        assertEquals(List.of(d("Trying partition index 0 offs 0x10000 size 0x100000"),
                i("Loaded app from partition at offset 0x10000"), i("Set actual ota_seq=1 in otadata[0]"),
                new LogLine('I', "efuse", "Anti-rollback is set. eFuse field is updated(1).")), d.loadLogs());
        assertEquals(1, d.antiRollbackAfter().orElseThrow().efuseSecureVersion());
    }

    @Test void antiRollbackWithoutADescriptionRefusesThePartition() {
        BootConfig c = PLAIN.withAntiRollback(AntiRollback.of(0, Map.of(AppSlot.ota(1), 0L)));
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), otadata(copy(1, VALID), copy(2, VALID)), c);
        assertEquals("ota_1", d.booted().orElseThrow().name());
        assertTrue(d.selectionLogs().contains(e("Failed to get partition description 261")), "ota_0 has no app description");
    }

    @Test void antiRollbackRefusesADowngradeInTheLoadLoopBeforeTheImageLoader() {
        BootConfig c = PLAIN.withAntiRollback(AntiRollback.of(2, Map.of(AppSlot.ota(0), 1L, AppSlot.ota(1), 2L)));
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), OtaData.erased(OTADATA_AT), c);
        assertEquals(List.of(d("Trying partition index 0 offs 0x10000 size 0x100000"),
                e("OTA app partition slot 0 is not bootable"), d("Trying partition index 1 offs 0x110000 size 0x100000"),
                i("Loaded app from partition at offset 0x110000"), i("Set actual ota_seq=2 in otadata[0]")), d.loadLogs());
        assertEquals(List.of(new LoadAttempt(AppSlot.ota(0), REFUSED_BY_ANTI_ROLLBACK, Optional.of(1)),
                new LoadAttempt(AppSlot.ota(1), LOADED, Optional.of(3))), d.attempts());
        assertEquals(List.of(OtadataWrite.Kind.INITIAL), d.writes().stream().map(OtadataWrite::kind).toList());
    }

    @Test void rollbackRewritesAreTheSelections() {
        BootDecision d = Bootloader.decide(table("ota_0", "ota_1"), otadata(copy(1, PENDING_VERIFY), copy(2, NEW)),
                ROLLBACK);
        assertEquals(List.of("PENDING_VERIFY -> ABORTED", "NEW -> PENDING_VERIFY"),
                d.writes().stream().map(OtadataWrite::reason).toList());
        assertEquals(List.of(OtadataWrite.Kind.SELECTION, OtadataWrite.Kind.SELECTION),
                d.writes().stream().map(OtadataWrite::kind).toList());
    }
}
