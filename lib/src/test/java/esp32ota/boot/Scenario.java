package esp32ota.boot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.testing.Vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scenario of {@code ../shared/vectors/otadata}: its otadata image, its JSON, and the partition table its
 * {@code partition_table} block describes (nvs 0x9000, otadata 0xd000 when present, phy_init 0xf000, then factory,
 * test and the OTA slots at the offsets given).
 */
public record Scenario(String name, JsonObject json, OtaData otadata, PartitionTable table) {
    public static List<String> names() {
        List<String> names = Vectors.names("otadata", ".json");
        if (names.isEmpty() || !names.equals(Vectors.names("otadata", ".bin"))) {   // README: <name>.bin plus <name>.json
            throw new AssertionError("each otadata scenario is a .bin and a .json: " + names);
        }
        return names;
    }

    public static Scenario load(String name) {
        JsonObject json = Vectors.json("otadata/" + name + ".json").getAsJsonObject();
        JsonObject pt = json.getAsJsonObject("partition_table");
        List<PartitionEntry> rows = new ArrayList<>();
        rows.add(new PartitionEntry(0, 1, 0x02, 0x9000, 0x4000, "nvs", 0));
        if (pt.get("has_otadata_partition").getAsBoolean()) {
            JsonObject od = pt.getAsJsonObject("otadata");
            rows.add(new PartitionEntry(0, 1, 0x00, hex(od.get("offset")), hex(od.get("size")), "otadata", 0));
        }
        rows.add(new PartitionEntry(0, 1, 0x01, 0xF000, 0x1000, "phy_init", 0));
        addApp(rows, pt.get("factory"), "factory", 0x00);
        addApp(rows, pt.get("test"), "test", 0x20);
        for (Map.Entry<String, JsonElement> slot : pt.getAsJsonObject("ota_slots").entrySet()) {
            addApp(rows, slot.getValue(), slot.getKey(), 0x10 + Integer.parseInt(slot.getKey().substring(4)));
        }
        long otadataAddress = pt.get("has_otadata_partition").getAsBoolean()
                ? hex(pt.getAsJsonObject("otadata").get("offset")) : 0;
        OtaData otadata = OtaData.decode(Vectors.bytes("otadata/" + json.get("file").getAsString()), otadataAddress);
        return new Scenario(name, json, otadata, PartitionTable.of(0x8000, rows));
    }

    public JsonObject expected(String key) { return json.getAsJsonObject("expected").getAsJsonObject(key); }

    private static void addApp(List<PartitionEntry> rows, JsonElement where, String label, int subtype) {
        if (where == null || where.isJsonNull()) return;
        JsonObject o = where.getAsJsonObject();
        rows.add(new PartitionEntry(0, 0, subtype, hex(o.get("offset")), hex(o.get("size")), label, 0));
    }

    static long hex(JsonElement e) { return Long.decode(e.getAsString()); }

    @Override public String toString() { return name; }
}
