package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import esp32ota.analysis.ImageDiff;

/** An {@link ImageDiff} as the kit's JSON ({@code ./kit diff --json}): both images' facts, the changes, the blocks. */
public final class ImageDiffJson {
    private ImageDiffJson() {}

    /** Every part of the diff, for scripts; a side without a segment has a {@code null} size. */
    public static JsonObject of(ImageDiff d) {
        JsonObject o = new JsonObject();
        o.add("a", CorpusJson.facts(d.a()));
        o.add("b", CorpusJson.facts(d.b()));
        JsonArray f = new JsonArray();
        for (ImageDiff.FieldChange c : d.fields()) {
            JsonObject x = new JsonObject();
            x.addProperty("field", c.field());
            x.addProperty("before", c.before());
            x.addProperty("after", c.after());
            f.add(x);
        }
        o.add("fields", f);
        JsonArray s = new JsonArray();
        for (ImageDiff.SegmentChange c : d.segments()) {
            JsonObject x = new JsonObject();
            x.addProperty("load_addr", "0x%08X".formatted(c.loadAddr()));
            x.addProperty("size_a", c.sizeA() < 0 ? null : c.sizeA());
            x.addProperty("size_b", c.sizeB() < 0 ? null : c.sizeB());
            x.addProperty("change", c.change());
            s.add(x);
        }
        o.add("segments", s);
        o.addProperty("blocks", d.blocks());
        o.addProperty("blocks_changed", d.changed());
        o.addProperty("delta_bytes", d.deltaBytes());
        return o;
    }
}
