package esp32ota.ota;

import esp32ota.describe.OtaSelectEntryDescriber;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.OtadataWrite;
import esp32ota.boot.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code expected.app_esp_ota_*} key of every shared otadata scenario. */
class OtaOpsVectorTest {
    static List<String> names() { return Scenario.names(); }

    @ParameterizedTest @MethodSource("names")
    void getBootPartition(String name) {
        Scenario s = Scenario.load(name);
        OtaCall<AppSlot> call = OtaOps.getBootPartition(s.table(), s.otadata());
        assertEquals(s.json().getAsJsonObject("expected").get("app_esp_ota_get_boot_partition").getAsString(),
                call.value().orElseThrow().name());
        assertEquals(List.of(), call.writes());
    }

    @ParameterizedTest @MethodSource("names")
    void getNextUpdatePartitionForEveryRunningPartition(String name) {
        Scenario s = Scenario.load(name);
        JsonObject want = s.expected("app_esp_ota_get_next_update_partition");
        assertTrue(want.size() >= 2);
        for (Map.Entry<String, JsonElement> e : want.entrySet()) {
            OtaCall<AppSlot> call = OtaOps.getNextUpdatePartition(s.table(), AppSlot.parse(e.getKey()));
            assertEquals(e.getValue().getAsString(), call.value().orElseThrow().name(), "running " + e.getKey());
        }
    }

    @Test void setBootPartitionMatchesCurrentAndLegacyEsp_Idf() {
        int checked = 0;
        for (String name : Scenario.names()) {
            Scenario s = Scenario.load(name);
            JsonObject all = s.json().getAsJsonObject("expected").getAsJsonObject("app_esp_ota_set_boot_partition");
            if (all == null) continue;
            for (Map.Entry<String, JsonElement> c : all.entrySet()) {
                String[] parts = c.getKey().split("_rollback_");
                AppSlot target = AppSlot.parse(parts[0]);
                BootConfig config = BootConfig.of(parts[1].equals("enabled"));
                JsonObject byRelease = c.getValue().getAsJsonObject();
                check(s, target, config, SetBootAlgorithm.CURRENT, byRelease.getAsJsonObject("current_idf"));
                check(s, target, config, SetBootAlgorithm.LEGACY, byRelease.getAsJsonObject("legacy_idf"));
                checked += 2;
            }
        }
        // every current_idf and legacy_idf answer in the files was checked (and there are some)
        long inFiles = Scenario.names().stream().mapToLong(n -> java.util.regex.Pattern.compile("\"(current|legacy)_idf\"")
                .matcher(esp32ota.testing.Vectors.text("otadata/" + n + ".json")).results().count()).sum();
        assertTrue(inFiles > 0, "the shared vectors have set_boot cases");
        assertEquals(inFiles, checked, "set_boot cases in the shared vectors");
    }

    private static void check(Scenario s, AppSlot target, BootConfig config, SetBootAlgorithm alg, JsonObject want) {
        String what = s.name() + " " + target + " " + alg;
        OtaCall<Void> call = OtaOps.setBootPartition(s.table(), s.otadata(), target, config, alg);
        assertEquals(want.get("result").getAsString(), call.result().name(), what);
        JsonObject w = want.getAsJsonObject("write");
        assertEquals(1, call.writes().size(), what);
        OtadataWrite got = call.writes().get(0);
        assertEquals(w.get("sector").getAsInt(), got.sector(), what);
        assertEquals(w.get("reason").getAsString(), got.reason(), what);
        assertEquals(w.get("ota_seq").getAsLong(), got.entry().otaSeq(), what);
        assertEquals(w.get("ota_state").getAsLong(), got.entry().stateCode(), what);
        assertEquals(w.get("ota_state_name").getAsString(), OtaSelectEntryDescriber.stateName(got.entry().stateCode()), what);
        assertEquals(w.get("crc").getAsString(), "0x%08x".formatted(got.entry().crc()), what);
        assertEquals(w.get("entry_hex").getAsString(), got.entry().encode().hex(), what);
        assertEquals(want.get("otadata_after_sha256").getAsString(), call.otadata().encode().sha256().hex(), what);
    }
}
