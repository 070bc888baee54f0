package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import esp32ota.analysis.DumpReport;
import esp32ota.image.Chip;
import esp32ota.otadata.OtaSelectEntry;

/** A {@link DumpReport} as the kit's JSON: the same facts as {@code DumpRender.text}, nulls kept, addresses as {@code "0x…"}. */
public final class DumpJson {
    private DumpJson() {}

    /** Every part of the report, for scripts. */
    public static JsonObject of(DumpReport r) {
        JsonObject o = new JsonObject();
        o.addProperty("file_size", r.fileSize());
        o.addProperty("base", hex(r.base()));
        o.addProperty("base_reason", r.baseReason());
        o.addProperty("chip", r.chip().map(Chip::esptoolName).orElse(null));
        if (r.bootloader().isPresent()) {
            DumpReport.BootloaderPart b = r.bootloader().get();
            JsonObject bo = new JsonObject();
            bo.addProperty("address", hex(b.address()));
            bo.add("image", b.facts().map(CorpusJson::facts).orElse(null));
            bo.addProperty("error", b.error());
            o.add("bootloader", bo);
        } else {
            o.add("bootloader", JsonNull.INSTANCE);
        }
        JsonObject t = new JsonObject();
        t.addProperty("address", hex(r.table().address()));
        t.addProperty("found", r.tableReason());
        t.addProperty("md5_row", r.table().md5Row().isPresent());
        o.add("partition_table", t);
        JsonArray parts = new JsonArray();
        for (DumpReport.PartitionPart p : r.partitions()) parts.add(partition(p));
        o.add("partitions", parts);
        if (r.otadata().isPresent()) {
            JsonArray copies = new JsonArray();
            for (OtaSelectEntry e : r.otadata().get().copies()) copies.add(OtaSelectEntryDescriber.summary(e));
            o.add("otadata", copies);
        } else {
            o.add("otadata", JsonNull.INSTANCE);
        }
        JsonObject next = new JsonObject();
        next.addProperty("boots", r.decision().booted().map(Object::toString).orElse(null));
        next.addProperty("summary", r.nextBoot());
        JsonArray why = new JsonArray();
        r.decision().trail().forEach(why::add);
        next.add("why", why);
        JsonArray assume = new JsonArray();
        r.assumptions().forEach(assume::add);
        next.add("assuming", assume);
        o.add("next_boot", next);
        return o;
    }

    private static JsonObject partition(DumpReport.PartitionPart p) {
        JsonObject po = new JsonObject();
        po.addProperty("name", p.entry().name());
        po.addProperty("type", p.typeName());
        po.addProperty("offset", hex(p.entry().offset()));
        po.addProperty("size", p.entry().size());
        po.addProperty("content", p.content());
        po.addProperty("used", p.fill().used());
        po.addProperty("erased", p.fill().erased());
        po.addProperty("absent", p.fill().absent());
        po.add("image", p.image().map(CorpusJson::facts).orElse(null));
        po.addProperty("error", p.error());
        return po;
    }

    private static String hex(long v) { return "0x%X".formatted(v); }
}
