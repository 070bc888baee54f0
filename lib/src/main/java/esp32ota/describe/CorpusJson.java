package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import esp32ota.analysis.CorpusRow;
import esp32ota.analysis.ImageFacts;

import java.util.List;

/**
 * A scan's rows as the kit's JSON ({@code ./kit scan --json}): one object per file, every key present, {@code null}
 * where a field does not apply; also an image's facts, which the dump and diff reports embed.
 */
public final class CorpusJson {
    private CorpusJson() {}

    /** {@code {"rows": [...]}}. */
    public static JsonObject of(List<CorpusRow> rows) {
        JsonArray a = new JsonArray();
        rows.forEach(r -> a.add(row(r)));
        JsonObject o = new JsonObject();
        o.add("rows", a);
        return o;
    }

    /** One row, keys in {@link CorpusRow#COLUMNS} order. */
    public static JsonObject row(CorpusRow r) {
        JsonObject o = new JsonObject();
        o.addProperty("path", r.path());
        o.addProperty("kind", r.kind().label());
        o.addProperty("chip", r.chip());
        o.addProperty("size", r.size());
        o.addProperty("segments", r.segments());
        o.addProperty("flash_mode", r.flashMode());
        o.addProperty("flash_size", r.flashSize());
        o.addProperty("flash_speed", r.flashSpeed());
        o.addProperty("project", r.project());
        o.addProperty("version", r.version());
        o.addProperty("idf_ver", r.idfVer());
        o.addProperty("compile_date", r.compileDate());
        o.addProperty("compile_time", r.compileTime());
        o.addProperty("secure_version", r.secureVersion());
        o.addProperty("checksum_ok", r.checksumOk());
        o.addProperty("hash_ok", r.hashOk());
        o.addProperty("verdict", r.verdict());
        o.addProperty("sha256", r.sha256());
        o.addProperty("note", r.note());
        o.addProperty("error", r.error());
        return o;
    }

    /** An image's facts (for dump and diff reports). */
    public static JsonObject facts(ImageFacts f) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", f.kind().label());
        o.addProperty("chip", f.chip());
        o.addProperty("segments", f.segments());
        o.addProperty("flash_mode", f.flashMode());
        o.addProperty("flash_size", f.flashSize());
        o.addProperty("flash_speed", f.flashSpeed());
        o.addProperty("project", f.project());
        o.addProperty("version", f.version());
        o.addProperty("idf_ver", f.idfVer());
        o.addProperty("compile_date", f.compileDate());
        o.addProperty("compile_time", f.compileTime());
        o.addProperty("secure_version", f.secureVersion());
        o.addProperty("checksum_ok", f.checksumOk());
        o.addProperty("hash_ok", f.hashOk());
        o.addProperty("verdict", f.verdict());
        o.addProperty("note", f.note());
        return o;
    }
}
