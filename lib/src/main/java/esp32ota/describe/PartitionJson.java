package esp32ota.describe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import esp32ota.partition.Md5Row;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionType;
import esp32ota.partition.SubtypeNames;
import esp32ota.partition.Violation;

import java.util.List;
import java.util.Optional;

/**
 * {@code ./kit partition --json}: the table as JSON, keys always in this order.
 * <pre>
 * {
 *   "table_offset": 32768,
 *   "entries": [ {"name", "type", "type_code", "subtype", "subtype_code", "offset", "size", "flags",
 *                 "encrypted", "readonly"}, … ],       type/subtype: keyword or null; offset absolute
 *   "md5": {"offset", "address", "digest"} or null,  offset from the table start; null without an MD5 row
 *   "messages": [ {"severity", "message", "listing"}, … ]   warnings (a table with errors prints no JSON)
 * }
 * </pre>
 */
public final class PartitionJson {
    private PartitionJson() {}

    /** The table as JSON; {@code names} gives the subtype keywords (with --extra-partition-subtypes). */
    public static JsonObject of(PartitionTable table, Optional<Md5Row> md5Row, List<Violation> messages,
                                SubtypeNames names) {
        var root = new JsonObject();
        root.addProperty("table_offset", table.address());
        var entries = new JsonArray();
        for (PartitionEntry e : table.entries()) entries.add(entry(e, names));
        root.add("entries", entries);
        root.add("md5", md5Row.<JsonElement>map(r -> md5(table, r)).orElse(JsonNull.INSTANCE));
        var list = new JsonArray();
        for (Violation v : messages) {
            var m = new JsonObject();
            m.addProperty("severity", v.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.addProperty("message", GenEsp32PartWords.message(v));
            var listing = new JsonArray();
            GenEsp32PartWords.listing(v, names).forEach(listing::add);
            m.add("listing", listing);
            list.add(m);
        }
        root.add("messages", list);
        return root;
    }

    private static JsonObject entry(PartitionEntry e, SubtypeNames names) {
        var o = new JsonObject();
        o.addProperty("name", e.name());
        o.addProperty("type", e.knownType().map(PartitionType::keyword).orElse(null));
        o.addProperty("type_code", e.type());
        o.addProperty("subtype", names.keyword(e.type(), e.subtype()).orElse(null));
        o.addProperty("subtype_code", e.subtype());
        o.addProperty("offset", e.offset());
        o.addProperty("size", e.size());
        o.addProperty("flags", e.flags());
        o.addProperty("encrypted", e.encrypted());
        o.addProperty("readonly", e.readonly());
        return o;
    }

    private static JsonObject md5(PartitionTable table, Md5Row row) {
        var o = new JsonObject();
        o.addProperty("offset", row.address() - table.address());
        o.addProperty("address", row.address());
        o.addProperty("digest", row.digest().hex());
        return o;
    }
}
