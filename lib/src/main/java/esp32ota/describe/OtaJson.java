package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.otadata.OtaSelectEntry;

import java.util.List;
import java.util.Optional;

/**
 * JSON for {@code --json}, with the keys and value formats of the shared vectors (../shared/vectors/otadata):
 * {@code entries[]}, {@code otadata_writes[]} and the {@code expected.bootloader_*} blocks.
 */
public final class OtaJson {
    private OtaJson() {}

    /** One {@code entries[]} object; {@code appCount} is the bootloader's slot count, empty when no table was given. */
    public static JsonObject entry(int sector, OtaSelectEntry e, long fileOffset, Optional<Integer> appCount) {
        JsonObject o = new JsonObject();
        o.addProperty("sector", sector);
        o.addProperty("file_offset", "0x%x".formatted(fileOffset));
        o.addProperty("entry_hex", e.encode().hex());
        o.addProperty("ota_seq", e.otaSeq());
        o.addProperty("ota_seq_hex", "0x%08x".formatted(e.otaSeq()));
        o.addProperty("seq_label_hex", e.seqLabel().hex());
        o.addProperty("ota_state", e.stateCode());
        o.addProperty("ota_state_hex", "0x%08x".formatted(e.stateCode()));
        o.addProperty("ota_state_name", OtaSelectEntryDescriber.stateName(e.stateCode()));
        o.addProperty("crc", "0x%08x".formatted(e.crc()));
        o.addProperty("crc_expected", "0x%08x".formatted(e.expectedCrc()));
        o.addProperty("crc_ok", e.crcOk());
        o.addProperty("blank_seq", e.isBlankSeq());
        o.addProperty("select_invalid", e.isSelectInvalid());
        o.addProperty("select_valid", e.isSelectValid());
        o.add("slot_if_active_bootloader", appCount.filter(n -> n > 0)
                .<JsonElement>map(n -> new JsonPrimitive("ota_" + e.slot(n))).orElse(JsonNull.INSTANCE));
        return o;
    }

    public static JsonObject write(OtadataWrite w) {
        JsonObject o = new JsonObject();
        o.addProperty("sector", w.sector());
        o.addProperty("reason", w.reason());
        o.addProperty("ota_seq", w.entry().otaSeq());
        o.addProperty("ota_state", w.entry().stateCode());
        o.addProperty("ota_state_name", OtaSelectEntryDescriber.stateName(w.entry().stateCode()));
        o.addProperty("crc", "0x%08x".formatted(w.entry().crc()));
        o.addProperty("entry_hex", w.entry().encode().hex());
        return o;
    }

    public static JsonArray writes(List<OtadataWrite> writes) {
        JsonArray a = new JsonArray();
        writes.forEach(w -> a.add(write(w)));
        return a;
    }

    public static JsonArray logs(List<LogLine> lines) {
        JsonArray a = new JsonArray();
        for (LogLine l : lines) {
            JsonObject o = new JsonObject();
            o.addProperty("level", String.valueOf(l.level()));
            o.addProperty("tag", l.tag());
            o.addProperty("msg", l.message());
            a.add(o);
        }
        return a;
    }

    public static JsonArray strings(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }

    /** An {@code expected.bootloader_*} block, plus {@code booted} and {@code trail}. */
    public static JsonObject decision(BootDecision d, Optional<AppSlot> bootedIfAllImagesValid) {
        JsonObject o = new JsonObject();
        o.add("active_otadata", switch (d.activeOtadata()) {             // the vectors: null, -1, 0 or 1
            case NOT_COMPARED -> JsonNull.INSTANCE;
            case NONE_VALID -> new JsonPrimitive(-1);
            case COPY_0, COPY_1 -> new JsonPrimitive(d.activeOtadata().copy().orElseThrow());
        });
        o.addProperty("start_index", d.startIndex().orElse(Bootloader.INVALID_INDEX));
        o.add("start_partition", name(d.startPartition()));
        o.add("try_order", strings(d.tryOrder().stream().map(AppSlot::name).toList()));
        o.add("booted_if_all_images_valid", name(bootedIfAllImagesValid));
        o.addProperty("ota_has_initial_contents", d.otaHasInitialContents());
        o.add("otadata_writes", writes(d.writes()));
        o.addProperty("otadata_after_sha256", d.otadataAfter().encode().sha256().hex());
        o.add("logs_selection", logs(d.selectionLogs()));
        o.add("logs_after_successful_load", logs(d.loadLogs()));
        o.add("booted", name(d.booted()));
        d.antiRollbackAfter().ifPresent(a -> o.addProperty("efuse_secure_version_after", a.efuseSecureVersion()));
        o.add("trail", strings(d.trail()));
        return o;
    }

    private static JsonElement name(Optional<AppSlot> slot) {
        return slot.<JsonElement>map(s -> new JsonPrimitive(s.name())).orElse(JsonNull.INSTANCE);
    }
}
