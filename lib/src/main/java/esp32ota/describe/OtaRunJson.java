package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import esp32ota.device.Boot;
import esp32ota.device.DeviceEvent;
import esp32ota.examples.OtaRun;
import esp32ota.flash.FlashOp;
import esp32ota.http.ServedRequest;
import esp32ota.ota.OtaEvent;

/**
 * {@code ./kit ota run --json}: the outcome, each boot, the server's requests and every device event, one object
 * each with a {@code type} key ({@code reset}, {@code console}, {@code flash}, {@code otadata}, {@code api},
 * {@code boot}, {@code power_loss}, {@code http_request}, {@code progress}, {@code erase_stall}, {@code https_ota}).
 */
public final class OtaRunJson {
    private OtaRunJson() {}

    public static JsonObject report(OtaRun.Report r) {
        JsonObject o = new JsonObject();
        o.addProperty("outcome", r.outcome().name());
        o.addProperty("settled", r.settled());
        o.addProperty("final_slot", r.finalSlot().map(Object::toString).orElse(null));
        o.addProperty("final_version", r.finalVersion().orElse(null));
        o.addProperty("virtual_micros", r.device().flash().clock().nowMicros());
        JsonArray boots = new JsonArray();
        for (Boot b : r.boots()) {
            JsonObject j = new JsonObject();
            j.addProperty("reset_reason", b.reason().name());
            j.addProperty("booted", b.booted().map(Object::toString).orElse(null));
            j.addProperty("version", b.app().map(a -> a.versionText()).orElse(null));
            j.addProperty("end", b.end().name());
            boots.add(j);
        }
        o.add("boots", boots);
        JsonArray requests = new JsonArray();
        for (ServedRequest q : r.requests()) {
            JsonObject j = new JsonObject();
            j.addProperty("method", q.method());
            j.addProperty("path", q.path());
            j.addProperty("range", q.range().orElse(null));
            j.addProperty("status", q.status());
            j.addProperty("bytes_sent", q.bytesSent());
            j.addProperty("fault", q.fault().map(f -> f.spec()).orElse(null));
            requests.add(j);
        }
        o.add("requests", requests);
        JsonArray events = new JsonArray();
        for (DeviceEvent e : r.events()) events.add(event(e));
        o.add("events", events);
        return o;
    }

    public static JsonObject event(DeviceEvent e) {
        JsonObject j = new JsonObject();
        if (e instanceof DeviceEvent.Reset x) {
            j.addProperty("type", "reset");
            j.addProperty("reason", x.reason().name());
        } else if (e instanceof DeviceEvent.Console x) {
            j.addProperty("type", "console");
            j.addProperty("line", x.line().formatted());
        } else if (e instanceof DeviceEvent.FlashOperation x) {
            FlashOp op = x.op();
            j.addProperty("type", "flash");
            j.addProperty("op", op instanceof FlashOp.Erase er ? (er.isBlock() ? "block_erase" : "sector_erase") : "program");
            j.addProperty("index", op.index());
            j.addProperty("address", "0x%x".formatted(op.address()));
            j.addProperty("length", op.length());
            j.addProperty("start_micros", op.startMicros());
            j.addProperty("duration_micros", op.durationMicros());
        } else if (e instanceof DeviceEvent.OtadataWritten x) {
            j.addProperty("type", "otadata");
            j.addProperty("copy", x.copy());
            j.addProperty("ota_seq", x.entry().otaSeq());
            j.addProperty("ota_state", OtaSelectEntryDescriber.stateName(x.entry().stateCode()));
            j.addProperty("reason", x.reason());
        } else if (e instanceof DeviceEvent.ApiCall x) {
            j.addProperty("type", "api");
            j.addProperty("function", x.function());
            j.addProperty("result", x.result().name());
        } else if (e instanceof DeviceEvent.Boot x) {
            j.addProperty("type", "boot");
            j.addProperty("booted", x.booted().map(Object::toString).orElse(null));
        } else if (e instanceof DeviceEvent.PowerLoss x) {
            j.addProperty("type", "power_loss");
            j.addProperty("op_index", x.opIndex());
        } else if (e instanceof DeviceEvent.Ota x) {
            ota(j, x.event());
        }
        return j;
    }

    private static void ota(JsonObject j, OtaEvent e) {
        if (e instanceof OtaEvent.Request q) {
            j.addProperty("type", "http_request");
            j.addProperty("method", q.method());
            j.addProperty("url", q.url());
            j.addProperty("range", q.range().orElse(null));
            j.addProperty("status", q.status());
            j.addProperty("content_length", q.contentLength());
        } else if (e instanceof OtaEvent.Progress p) {
            j.addProperty("type", "progress");
            j.addProperty("written", p.written());
            if (p.total().isPresent()) j.addProperty("total", p.total().getAsLong());
            else j.add("total", JsonNull.INSTANCE);
            j.addProperty("virtual_micros", p.virtualMicros());
            j.addProperty("wall_nanos", p.wallNanos());
        } else if (e instanceof OtaEvent.EraseStall s) {
            j.addProperty("type", "erase_stall");
            j.addProperty("address", "0x%x".formatted(s.address()));
            j.addProperty("erases", s.erases());
            j.addProperty("micros", s.micros());
        } else if (e instanceof OtaEvent.HttpsOta h) {
            j.addProperty("type", "https_ota");
            j.addProperty("event", h.id().espName());
            j.addProperty("data", h.data());
        }
    }
}
