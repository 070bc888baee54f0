package esp32ota.boot;

import esp32ota.describe.OtaSelectEntryDescriber;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every key of {@code expected.bootloader_rollback_disabled} and {@code _enabled} in every shared otadata scenario
 * (decisions cross-checked by the vector authors against ESP-IDF's own C code).
 */
class BootloaderVectorTest {
    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (String name : Scenario.names()) {
            cases.add(new Object[] {name, false});
            cases.add(new Object[] {name, true});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} rollback={1}") @MethodSource("cases")
    void decisionMatchesEveryKey(String name, boolean rollback) {
        Scenario s = Scenario.load(name);
        JsonObject want = s.expected(rollback ? "bootloader_rollback_enabled" : "bootloader_rollback_disabled");
        BootDecision d = Bootloader.decide(s.table(), s.otadata(), BootConfig.of(rollback));

        JsonElement active = want.get("active_otadata");
        ActiveOtadata wantActive = active.isJsonNull() ? ActiveOtadata.NOT_COMPARED
                : ActiveOtadata.of(active.getAsInt() == -1 ? Optional.empty() : Optional.of(active.getAsInt()));
        assertEquals(wantActive, d.activeOtadata(), "active_otadata");
        int startIndex = want.get("start_index").getAsInt();
        assertEquals(startIndex == Bootloader.INVALID_INDEX ? Optional.empty() : Optional.of(startIndex), d.startIndex(),
                "start_index");
        JsonElement start = want.get("start_partition");
        assertEquals(start.isJsonNull() ? null : start.getAsString(),
                d.startPartition().map(AppSlot::name).orElse(null), "start_partition");
        List<String> order = new ArrayList<>();
        want.getAsJsonArray("try_order").forEach(e -> order.add(e.getAsString()));
        assertEquals(order, d.tryOrder().stream().map(AppSlot::name).toList(), "try_order");
        assertEquals(want.get("booted_if_all_images_valid").getAsString(), d.booted().orElseThrow().name());
        assertEquals(want.get("ota_has_initial_contents").getAsBoolean(), d.otaHasInitialContents());

        var writes = want.getAsJsonArray("otadata_writes");
        assertEquals(writes.size(), d.writes().size(), "number of otadata writes");
        for (int i = 0; i < writes.size(); i++) {
            JsonObject w = writes.get(i).getAsJsonObject();
            OtadataWrite got = d.writes().get(i);
            assertEquals(w.get("sector").getAsInt(), got.sector());
            assertEquals(w.get("reason").getAsString(), got.reason());
            assertEquals(w.get("ota_seq").getAsLong(), got.entry().otaSeq());
            assertEquals(w.get("ota_state").getAsLong(), got.entry().stateCode());
            assertEquals(w.get("ota_state_name").getAsString(), OtaSelectEntryDescriber.stateName(got.entry().stateCode()));
            assertEquals(w.get("crc").getAsString(), "0x%08x".formatted(got.entry().crc()));
            assertEquals(w.get("entry_hex").getAsString(), got.entry().encode().hex());
        }
        assertEquals(want.get("otadata_after_sha256").getAsString(), d.otadataAfter().encode().sha256().hex());
        assertEquals(logs(want, "logs_selection"), d.selectionLogs(), "logs_selection");
        assertEquals(logs(want, "logs_after_successful_load"), d.loadLogs(), "logs_after_successful_load");
    }

    static List<LogLine> logs(JsonObject o, String key) {
        List<LogLine> lines = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) {
            JsonObject l = e.getAsJsonObject();
            lines.add(new LogLine(l.get("level").getAsString().charAt(0), l.get("tag").getAsString(),
                    l.get("msg").getAsString()));
        }
        return lines;
    }
}
