package esp32ota.ota;

import esp32ota.boot.ActiveOtadata;
import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static esp32ota.boot.Fixtures.*;
import static esp32ota.otadata.OtaImgState.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Application-side scenarios (esp_ota_ops.c) and update walk-throughs. Expected values were worked out by hand from
 * ESP-IDF's esp_ota_ops.c (formats.md §3.8–3.9) and confirmed with ESP-IDF's own C functions compiled in the scratch
 * oracle; the seq values near 2^32 came from that oracle.
 */
class OtaScenariosTest {
    private static final BootConfig PLAIN = BootConfig.of(false), ROLLBACK = BootConfig.of(true);
    private static final PartitionTable TWO_OTA = table("factory", "ota_0", "ota_1");

    private static OtaData boot(PartitionTable t, OtaData od, BootConfig c) { return Bootloader.decide(t, od, c).otadataAfter(); }

    @Test void rollbackWalkThroughOfFormatsMd39() {
        OtaData od = otadata(copy(1, VALID), blank());
        OtaCall<Void> set = OtaOps.setBootPartition(TWO_OTA, od, AppSlot.ota(1), ROLLBACK, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_OK, set.result());
        assertEquals("02000000" + "ff".repeat(20) + "00000000" + "7437f655", set.otadata().copy(1).encode().hex());
        assertEquals(List.of(new LogLine('D', "boot_comm", "Only otadata[0] is valid"),
                new LogLine('D', "esp_ota_ops", "Monitoring the first boot of the app is enabled.")), set.logs());

        BootDecision first = Bootloader.decide(TWO_OTA, set.otadata(), ROLLBACK);
        assertEquals("ota_1", first.booted().orElseThrow().name());
        assertEquals(List.of("NEW -> PENDING_VERIFY"), first.writes().stream().map(OtadataWrite::reason).toList());

        BootDecision second = Bootloader.decide(TWO_OTA, first.otadataAfter(), ROLLBACK);
        assertEquals(List.of("PENDING_VERIFY -> ABORTED"), second.writes().stream().map(OtadataWrite::reason).toList());
        assertEquals("ota_0", second.booted().orElseThrow().name(), "rolled back");

        OtaCall<AppSlot> lastInvalid = OtaRollback.getLastInvalidPartition(TWO_OTA, second.otadataAfter(), ROLLBACK);
        assertEquals("ota_1", lastInvalid.value().orElseThrow().name());
        assertEquals(List.of(new LogLine('D', "boot_comm", "Only otadata[1] is valid"),
                new LogLine('D', "esp_ota_ops", "Invalid otadata[1]"),
                new LogLine('D', "esp_ota_ops", "Find invalid ota_17 app")), lastInvalid.logs());
        assertEquals(ABORTED.code(), OtaRollback.getStatePartition(TWO_OTA, second.otadataAfter(), AppSlot.ota(1))
                .value().orElseThrow());
    }

    @Test void confirmingTheNewAppKeepsIt() {
        OtaData pending = boot(TWO_OTA, otadata(copy(1, VALID), copy(2, NEW)), ROLLBACK);
        assertEquals(PENDING_VERIFY.code(), pending.copy(1).stateCode());
        OtaCall<Void> valid = OtaRollback.markAppValidCancelRollback(TWO_OTA, pending, AppSlot.ota(1), ROLLBACK);
        assertEquals(EspErr.ESP_OK, valid.result());
        assertEquals(VALID.code(), valid.otadata().copy(1).stateCode());
        assertEquals(2, valid.otadata().copy(1).otaSeq());
        BootDecision next = Bootloader.decide(TWO_OTA, valid.otadata(), ROLLBACK);
        assertEquals("ota_1", next.booted().orElseThrow().name());
        assertEquals(List.of(), next.writes());
        OtaCall<Void> again = OtaRollback.markAppValidCancelRollback(TWO_OTA, valid.otadata(), AppSlot.ota(1), ROLLBACK);
        assertEquals(List.of(), again.writes(), "already VALID: nothing written");
    }

    @Test void rejectingTheOnlyAppIsRefused() {
        PartitionTable t = table("ota_0", "ota_1");
        OtaCall<Void> call = OtaRollback.markAppInvalidRollback(t, otadata(blank(), copy(2, PENDING_VERIFY)), ROLLBACK);
        assertEquals(EspErr.ESP_ERR_OTA_ROLLBACK_FAILED, call.result());
        assertEquals(List.of(), call.writes());
        assertEquals(new LogLine('E', "esp_ota_ops", "Rollback is not possible, do not have any suitable apps in slots"),
                call.logs().get(call.logs().size() - 1));
        assertFalse(OtaRollback.checkRollbackIsPossible(t, otadata(blank(), copy(2, PENDING_VERIFY)), ROLLBACK).value().orElseThrow());
    }

    @Test void rejectingFallsBackToFactory() {
        OtaData od = otadata(blank(), copy(2, PENDING_VERIFY));
        assertTrue(OtaRollback.checkRollbackIsPossible(TWO_OTA, od, ROLLBACK).value().orElseThrow());
        OtaCall<Void> call = OtaRollback.markAppInvalidRollback(TWO_OTA, od, ROLLBACK);
        assertEquals(EspErr.ESP_OK, call.result());
        assertEquals("02000000" + "ff".repeat(20) + "03000000" + "7437f655", call.otadata().copy(1).encode().hex());
        assertEquals(new LogLine('I', "esp_ota_ops", "Rollback to previously worked partition."), call.logs().get(call.logs().size() - 1));
        BootDecision next = Bootloader.decide(TWO_OTA, call.otadata(), ROLLBACK);
        assertEquals("factory", next.booted().orElseThrow().name());
        assertFalse(OtaRollback.checkRollbackIsPossible(TWO_OTA, od, ROLLBACK.withUnbootable(Set.of(AppSlot.FACTORY)))
                .value().orElseThrow(), "the factory image must verify");
    }

    @Test void runningFactoryCannotBeMarked() {
        OtaCall<Void> call = OtaRollback.markAppValidCancelRollback(TWO_OTA, OtaData.erased(OTADATA_AT), AppSlot.FACTORY, PLAIN);
        assertEquals(EspErr.ESP_FAIL, call.result());
        assertEquals(List.of(new LogLine('E', "esp_ota_ops", "Running firmware is factory")), call.logs());
    }

    @Test void legacyReselectionMakesATieThatCopyZeroWins() {
        OtaData od = otadata(copy(1, VALID), copy(2, VALID));
        OtaCall<Void> legacy = OtaOps.setBootPartition(TWO_OTA, od, AppSlot.ota(1), ROLLBACK, SetBootAlgorithm.LEGACY);
        assertEquals(0, legacy.writes().get(0).sector());
        assertEquals(2, legacy.otadata().copy(0).otaSeq());
        assertEquals(NEW.code(), legacy.otadata().copy(0).stateCode());
        BootDecision d = Bootloader.decide(TWO_OTA, legacy.otadata(), ROLLBACK);
        assertEquals(ActiveOtadata.COPY_0, d.activeOtadata(), "seq 2 = seq 2: copy 0");
        assertEquals("ota_1", d.booted().orElseThrow().name());
        OtaCall<Void> current = OtaOps.setBootPartition(TWO_OTA, od, AppSlot.ota(1), ROLLBACK, SetBootAlgorithm.CURRENT);
        assertEquals(1, current.writes().get(0).sector());
        assertEquals(NEW.code(), current.otadata().copy(1).stateCode());
    }

    @Test void seqNearTheTopWrapsIntoABlankCopy() {
        PartitionTable t = table("ota_0", "ota_1");
        OtaData od = otadata(copy(0xFFFFFFFEL, VALID), blank());
        OtaCall<Void> call = OtaOps.setBootPartition(t, od, AppSlot.ota(0), PLAIN, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_OK, call.result());
        OtaSelectEntry written = call.otadata().copy(1);
        assertEquals(0xFFFFFFFFL, written.otaSeq(), "the u32 search lands on the blank value");
        assertEquals(0x2144DF1CL, written.crc());
        assertEquals("ota_1", Bootloader.decide(t, call.otadata(), PLAIN).booted().orElseThrow().name(),
                "the switch silently fails: the written copy reads as blank");
    }

    @Test void seqSearchThatNeverEnds() {
        PartitionTable t = table("ota_0", "ota_1", "ota_2", "ota_3");
        OtaData od = otadata(copy(0xFFFFFFFEL, VALID), blank());
        for (SetBootAlgorithm alg : SetBootAlgorithm.values()) {
            OtaCall<Void> call = OtaOps.setBootPartition(t, od, AppSlot.ota(0), PLAIN, alg);
            assertEquals(EspErr.ESP_FAIL, call.result());
            assertEquals(List.of(), call.writes());
            assertTrue(call.trail().get(call.trail().size() - 1).endsWith("the real loop never ends"));
        }
        assertEquals(0xFFFFFFF3L, OtaOps.seqForSlot(0xFFFFFFF0L, 2, 4).getAsLong());
        assertEquals(0xFFFFFFFDL, OtaOps.seqForSlot(0xFFFFFFF0L, 12, 16).getAsLong());
        assertTrue(OtaOps.seqForSlot(0xFFFFFFFEL, 6, 16).isEmpty());
        assertEquals(0xFFFFFFFEL, OtaOps.seqForSlot(0xFFFFFFFDL, 1, 3).getAsLong());
    }

    @Test void activeSeqZeroMakesTheSearchReturnZeroAgain() {
        PartitionTable t = table("ota_0", "ota_1", "ota_2");
        OtaData od = otadata(blank(), copy(0, VALID));
        OtaCall<Void> call = OtaOps.setBootPartition(t, od, AppSlot.ota(2), ROLLBACK, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_OK, call.result());
        assertEquals(0, call.writes().get(0).sector());
        assertEquals(0, call.otadata().copy(0).otaSeq(), "base (2 + 1) % 3 = 0 is already >= 0");
        assertEquals("ota_0", Bootloader.decide(t, call.otadata(), ROLLBACK).booted().orElseThrow().name(),
                "(0 - 1) mod 2^32 % 3 = 0: the update to ota_2 never takes effect");
    }

    @Test void selectingFactoryErasesOtadata() {
        OtaCall<Void> call = OtaOps.setBootPartition(TWO_OTA, otadata(copy(1, VALID), copy(2, VALID)), AppSlot.FACTORY,
                PLAIN, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_OK, call.result());
        assertTrue(call.otadata().encode().allEqual(0xFF));
        assertEquals(List.of(0, 1), call.writes().stream().map(OtadataWrite::sector).toList());
        assertEquals("factory", Bootloader.decide(TWO_OTA, call.otadata(), PLAIN).booted().orElseThrow().name());
    }

    @Test void selectingFactoryErasesOnlyThePartitionsSize() {
        PartitionTable small = table(0x1000, "factory", "ota_0", "ota_1");
        OtaData od = otadata(copy(1, VALID), copy(2, VALID));
        OtaCall<Void> call = OtaOps.setBootPartition(small, od, AppSlot.FACTORY, PLAIN, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_OK, call.result());
        assertEquals(List.of(0), call.writes().stream().map(OtadataWrite::sector).toList());
        assertTrue(call.otadata().encode().slice(0, 0x1000).allEqual(0xFF));
        assertEquals(od.copy(1), call.otadata().copy(1), "sector 1 lies outside a 0x1000-byte partition");
    }

    @Test void antiRollbackRefusesAnOlderImage() {
        BootConfig c = PLAIN.withAntiRollback(AntiRollback.of(3, Map.of(AppSlot.ota(1), 2L)));
        OtaData od = otadata(copy(1, VALID), blank());
        OtaCall<Void> older = OtaOps.setBootPartition(TWO_OTA, od, AppSlot.ota(1), c, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_ERR_OTA_SMALL_SEC_VER, older.result());
        assertEquals(List.of(), older.writes());
        assertEquals(List.of(new LogLine('E', "esp_ota_ops", "This a new partition can not be booted due to a secure "
                + "version is lower than stored in efuse. Partition will be erased.")), older.logs());
        OtaCall<Void> noDescription = OtaOps.setBootPartition(TWO_OTA, od, AppSlot.ota(0), c, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, noDescription.result());
    }

    @Test void confirmingBurnsTheEfuseOnlyWhenSomethingIsWritten() {
        BootConfig c = ROLLBACK.withAntiRollback(AntiRollback.of(1, Map.of(AppSlot.ota(0), 5L)));
        PartitionTable t = table("ota_0", "ota_1");
        OtaCall<Void> pending = OtaRollback.markAppValidCancelRollback(t, otadata(copy(1, PENDING_VERIFY), blank()), AppSlot.ota(0), c);
        assertEquals(5, pending.antiRollbackAfter().orElseThrow().efuseSecureVersion());
        assertEquals(new LogLine('I', "efuse", "Anti-rollback is set. eFuse field is updated(5)."),
                pending.logs().get(pending.logs().size() - 1));
        OtaCall<Void> valid = OtaRollback.markAppValidCancelRollback(t, otadata(copy(1, VALID), blank()), AppSlot.ota(0), c);
        assertEquals(1, valid.antiRollbackAfter().orElseThrow().efuseSecureVersion(), "already VALID: no burn");
    }

    @Test void testPartitionAsBootTargetPointsOtadataAtOtaZero() {
        PartitionTable t = table("factory", "ota_0", "ota_1", "test");
        OtaCall<Void> call = OtaOps.setBootPartition(t, OtaData.erased(OTADATA_AT), AppSlot.TEST, PLAIN, SetBootAlgorithm.CURRENT);
        assertEquals(EspErr.ESP_OK, call.result());
        assertEquals(1, call.otadata().copy(0).otaSeq(), "subtype 0x20 & 0x0F = 0: seq for ota_0");
        assertEquals("ota_0", Bootloader.decide(t, call.otadata(), PLAIN).booted().orElseThrow().name());
    }

    @Test void gapMakesSlotTwoUnreachableForTheApp() {
        PartitionTable t = table("ota_0", "ota_2");
        assertEquals(1, OtaOps.appPartitionCount(t));
        assertEquals(EspErr.ESP_ERR_INVALID_ARG,
                OtaOps.setBootPartition(t, OtaData.erased(OTADATA_AT), AppSlot.ota(2), PLAIN, SetBootAlgorithm.CURRENT).result());
        assertEquals("ota_0", OtaOps.getBootPartition(t, otadata(copy(2, VALID), blank())).value().orElseThrow().name());
        assertEquals("ota_2", OtaOps.getNextUpdatePartition(t, AppSlot.ota(0)).value().orElseThrow().name(),
                "the next-update walk does see ota_2");
        assertEquals(EspErr.ESP_ERR_INVALID_ARG, OtaRollback.getStatePartition(t, OtaData.erased(OTADATA_AT), AppSlot.FACTORY)
                .result(), "no factory in this table: the call would get NULL");
        assertEquals(EspErr.ESP_ERR_NOT_SUPPORTED, OtaRollback.getStatePartition(TWO_OTA, OtaData.erased(OTADATA_AT),
                AppSlot.FACTORY).result(), "factory is not an OTA slot");
    }

    @Test void badCrcsMakeTheAppAssumeFactory() {
        OtaCall<AppSlot> call = OtaOps.getBootPartition(TWO_OTA, otadata(badCrc(1, VALID), badCrc(2, VALID)));
        assertEquals("factory", call.value().orElseThrow().name());
        assertEquals(List.of(new LogLine('D', "esp_ota_ops", "found ota app max = 2"),
                new LogLine('E', "esp_ota_ops", "ota data invalid, no current app. Assuming factory")), call.logs());
        assertEquals(EspErr.ESP_ERR_NOT_FOUND, OtaRollback.getStatePartition(TWO_OTA, otadata(badCrc(1, VALID), blank()),
                AppSlot.ota(0)).result(), "a copy with a wrong CRC has no state");
    }
}
