package esp32ota.ota;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionTable;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static esp32ota.boot.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A session is the library's functions applied in order. Expected otadata bytes are the shared vectors' (scenarios
 * blank_no_factory → seq1_valid → seq2_new → seq2_pending_verify, whose tables match {@code table("ota_0", "ota_1")}
 * in the otadata offset); the anti-rollback walk-through was worked out by hand from esp_ota_ops.c and
 * bootloader_utility.c (formats.md §3.8–3.10).
 */
class UpdateSessionTest {
    private static final PartitionTable NO_FACTORY = table("ota_0", "ota_1");

    private static String sha(OtaData od) { return od.encode().sha256().hex(); }

    private static String vectorSha(String scenario) {
        return Vectors.json("otadata/" + scenario + ".json").getAsJsonObject().getAsJsonObject("expected")
                .getAsJsonObject("bootloader_rollback_enabled").get("otadata_after_sha256").getAsString();
    }

    @Test void rollbackStoryStepByStep() {
        UpdateSession s = UpdateSession.start(NO_FACTORY, BootConfig.of(true), OtaData.erased(OTADATA_AT))
                .boot().setBootPartition(AppSlot.ota(1)).boot().boot();
        assertEquals(List.of(UpdateSession.Start.class, UpdateSession.Boot.class, UpdateSession.ApiCall.class,
                UpdateSession.Boot.class, UpdateSession.Boot.class), s.steps().stream().map(Object::getClass).toList());
        assertTrue(((UpdateSession.Start) s.steps().get(0)).erased());
        UpdateSession.ApiCall set = (UpdateSession.ApiCall) s.steps().get(2);
        assertEquals("esp_ota_set_boot_partition(ota_1)", set.call().function());
        assertEquals(EspErr.ESP_OK, set.result());
        assertEquals(List.of(AppSlot.ota(0), AppSlot.ota(1), AppSlot.ota(0)), s.steps().stream()
                .filter(st -> st instanceof UpdateSession.Boot).map(st -> ((UpdateSession.Boot) st).decision().booted()
                        .orElseThrow()).toList());
        assertEquals(List.of(Optional.empty(), Optional.of(AppSlot.ota(0)), Optional.of(AppSlot.ota(0)),
                Optional.of(AppSlot.ota(1)), Optional.of(AppSlot.ota(0))),
                s.steps().stream().map(UpdateSession.Step::running).toList());
        assertEquals(Vectors.bytes("otadata/seq1_valid.bin"), s.steps().get(1).otadata().encode());
        assertEquals(Vectors.bytes("otadata/seq2_new.bin"), s.steps().get(2).otadata().encode());
        assertEquals(Vectors.bytes("otadata/seq2_pending_verify.bin"), s.steps().get(3).otadata().encode());
        assertEquals(vectorSha("seq2_pending_verify"), sha(s.otadata()));
        assertEquals(List.of("PENDING_VERIFY -> ABORTED"), s.last().writes().stream().map(OtadataWrite::reason).toList());
        assertEquals(new LogLine('D', "boot", "otadata[1] is marking as ABORTED"), s.last().logs().get(3));
        assertEquals(new LogLine('I', "boot", "Loaded app from partition at offset 0x10000"),
                s.last().logs().get(s.last().logs().size() - 1));
    }

    @Test void confirmingKeepsTheNewApp() {
        UpdateSession s = UpdateSession.start(NO_FACTORY, BootConfig.of(true), OtaData.erased(OTADATA_AT))
                .boot().setBootPartition(AppSlot.ota(1)).boot().markAppValid().boot();
        UpdateSession.Step valid = s.steps().get(4);
        assertEquals("esp_ota_mark_app_valid_cancel_rollback()", ((UpdateSession.ApiCall) valid).call().function());
        assertEquals("02000000" + "ff".repeat(20) + "02000000" + "7437f655", valid.otadata().copy(1).encode().hex());
        assertEquals(Optional.of(AppSlot.ota(1)), valid.running());
        assertEquals(Optional.of(AppSlot.ota(1)), s.running());
        assertEquals(List.of(), s.last().writes());
    }

    @Test void theEfuseCarriesOverAndRefusesTheOlderApp() {
        BootConfig c = BootConfig.of(true).withAntiRollback(
                AntiRollback.of(0, Map.of(AppSlot.ota(0), 0L, AppSlot.ota(1), 1L)));
        UpdateSession s = UpdateSession.start(NO_FACTORY, c, OtaData.erased(OTADATA_AT))
                .boot().setBootPartition(AppSlot.ota(1)).boot();
        assertEquals(0, s.config().antiRollback().orElseThrow().efuseSecureVersion(), "PENDING_VERIFY: not yet burnt");
        s = s.markAppValid();
        assertEquals(1, s.config().antiRollback().orElseThrow().efuseSecureVersion());
        assertEquals(0, c.antiRollback().orElseThrow().efuseSecureVersion(), "the starting config is unchanged");
        s = s.setBootPartition(AppSlot.ota(0));
        assertEquals(EspErr.ESP_ERR_OTA_SMALL_SEC_VER, ((UpdateSession.ApiCall) s.last()).result());
        assertEquals(List.of(), s.last().writes());
        assertEquals(s.steps().get(4).otadata(), s.otadata(), "a refused call leaves otadata as it was");
    }

    @Test void aSessionNeedsAStart() {
        assertThrows(IllegalArgumentException.class, () -> new UpdateSession(NO_FACTORY, BootConfig.of(false), List.of()));
        UpdateSession s = UpdateSession.start(NO_FACTORY, BootConfig.of(false), otadata(copy(1, esp32ota.otadata.OtaImgState.VALID), blank()));
        assertFalse(((UpdateSession.Start) s.last()).erased(), "otadata as given");
        assertThrows(IllegalArgumentException.class, () -> new UpdateSession(NO_FACTORY, BootConfig.of(false),
                List.of(new UpdateSession.Boot(Bootloader.decide(NO_FACTORY, OtaData.erased(OTADATA_AT),
                        BootConfig.of(false))))), "the first step is a Start");
        assertEquals(Optional.empty(), s.running());
    }
}
