package esp32ota.view;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.HexDump;
import esp32ota.partition.PartitionTable;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Expected bytes are those of gen_esp32part's own binary (partition_tables/idf_two_ota.bin); the values they read as
 * are the tool's decoding (idf_two_ota.decoded.csv: nvs, data (1), nvs (2), 0x9000, 16K) and the json's MD5.
 */
class FieldTableTest {
    private static final Bytes TWO_OTA = Vectors.bytes("partition_tables/idf_two_ota.bin");

    private static Table fieldsOf(int from, int to) {
        return Views.fields(HexDump.of(TWO_OTA.slice(from, to), 0x8000 + from)
                .annotate(PartitionTable.fieldsOf(TWO_OTA, 0x8000)));
    }

    @Test void theFirstEntryReadsFieldByFieldLittleEndian() {
        Table t = fieldsOf(0, 0x20);
        assertEquals("fields at 0x8000-0x801F", t.name());
        assertEquals(List.of("address", "field", "length", "stored bytes", "reads as"), t.columnNames());
        assertEquals(List.of("0x8000", "0x8002", "0x8003", "0x8004", "0x8008", "0x800C", "0x801C"),
                t.stringColumn("address").asList());
        assertEquals(List.of("PartitionEntry.magic", "PartitionEntry.type", "PartitionEntry.subtype",
                "PartitionEntry.offset", "PartitionEntry.size", "PartitionEntry.label", "PartitionEntry.flags"),
                t.stringColumn("field").asList());
        assertEquals(List.of(2, 1, 1, 4, 4, 16, 4), t.intColumn("length").asList());
        assertEquals(List.of("aa 50", "01", "02", "00 90 00 00", "00 40 00 00",
                "6e 76 73 00 00 00 00 00 00 00 00 00 00 00 00 00", "00 00 00 00"), t.stringColumn("stored bytes").asList());
        assertEquals(List.of("0x50AA", "0x1", "0x2", "0x9000", "0x4000", "\"nvs\"", "0x0"), t.stringColumn("reads as").asList());
    }

    @Test void theMd5RowAndTheEndMarkerHaveNoReading() {
        // idf_two_ota.json: six entries, MD5 row at +0xC0, md5_of_entries bf25822c…; the end row follows at +0xE0.
        Table t = fieldsOf(0xC0, 0x100);
        assertEquals(List.of("Md5Row.magic", "Md5Row.pad", "Md5Row.digest", "PartitionTable.end_marker"),
                t.stringColumn("field").asList());
        assertEquals(List.of("0x80C0", "0x80C2", "0x80D0", "0x80E0"), t.stringColumn("address").asList());
        assertEquals(List.of("0xEBEB", "", "", ""), t.stringColumn("reads as").asList());
        assertTrue(t.stringColumn("stored bytes").get(2).startsWith("bf 25 82 2c"));
    }

    @Test void onlyFieldsWhollyInsideTheDumpAreListed() {
        Table t = fieldsOf(0x10, 0x28);      // label starts at 0x800C (outside), flags 0x801C, next magic … subtype
        assertEquals(List.of("PartitionEntry.flags", "PartitionEntry.magic", "PartitionEntry.type",
                "PartitionEntry.subtype", "PartitionEntry.offset"), t.stringColumn("field").asList());
    }

    @Test void textOnlyWhenPrintableAsciiIsFollowedByNuls() {
        assertEquals("\"ota_0\"", FieldTable.readAs(Bytes.fromHex("6f74615f30000000")));
        assertEquals("", FieldTable.readAs(Bytes.fromHex("6f7461005f300000")));   // text after the NUL
        assertEquals("", FieldTable.readAs(Bytes.filled(14, 0xFF)));
        assertEquals("0x12345678", FieldTable.readAs(Bytes.fromHex("78563412")));
    }
}
