package esp32ota.partition;

import com.google.gson.JsonObject;
import esp32ota.bytes.Bytes;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * CSV side of every gen_esp32part output in shared/vectors/partition_tables: the library's parse, encode and format
 * against the tool's own .bin and .decoded.csv.
 */
class PartitionCsvVectorsTest {
    /** The vectors were made in a clean environment; none of their CSVs uses a variable. */
    private static final PartitionCsv.Options OPTIONS = PartitionCsv.Options.defaults().withEnv(Map.of());

    private static final String TABLES = "esp32ota.partition.PartitionTableBinaryTest#tables";

    @ParameterizedTest @MethodSource(TABLES)
    void parsingTheCsvGivesTheToolsBinary(String name) {
        PartitionTable t = PartitionCsv.parse(Vectors.text("partition_tables/" + name + ".csv"), OPTIONS);
        assertEquals(Vectors.bytes("partition_tables/" + name + ".bin"), t.encode(true));
        assertEquals(List.of(), PartitionRules.validate(t), "the published tables break no rule");
    }

    @ParameterizedTest @MethodSource(TABLES)
    void formattingTheDecodedBinaryGivesTheToolsCsv(String name) {
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/" + name + ".bin"), 0x8000);
        assertEquals(Vectors.text("partition_tables/" + name + ".decoded.csv"), PartitionCsv.format(t));
    }

    @ParameterizedTest @MethodSource(TABLES)
    void csvToBinaryToCsvToBinaryIsStable(String name) {
        Bytes first = PartitionCsv.parse(Vectors.text("partition_tables/" + name + ".csv"), OPTIONS).encode(true);
        String csv = PartitionCsv.format(PartitionTable.decode(first, 0x8000));
        Bytes second = PartitionCsv.parse(csv, OPTIONS).encode(true);
        assertEquals(first, second);
        assertEquals(csv, PartitionCsv.format(PartitionTable.decode(second, 0x8000)));
    }

    @ParameterizedTest @MethodSource(TABLES)
    void entryCountAndMd5RowAsInTheJson(String name) {
        JsonObject json = Vectors.json("partition_tables/" + name + ".json").getAsJsonObject();
        PartitionTable t = PartitionCsv.parse(Vectors.text("partition_tables/" + name + ".csv"), OPTIONS);
        assertEquals(json.get("entry_count").getAsInt(), t.entries().size());
        assertEquals(0x8000 + Long.decode(json.get("md5_entry_offset").getAsString()), t.md5RowAddress());
        assertEquals(json.get("md5_of_entries").getAsString(), t.md5OfEntries().hex());
    }

    @Test void automaticOffsetsOfTheTwoOtaTableAreFilledInAsTheToolDoes() {
        PartitionCsv.Parsed p = PartitionCsv.parseWithLines(Vectors.text("partition_tables/idf_two_ota.csv"), OPTIONS);
        assertEquals(List.of(0x9000L, 0xD000L, 0xF000L, 0x10000L, 0x110000L, 0x210000L),
                p.table().entries().stream().map(PartitionEntry::offset).toList());
        assertEquals(List.of(0x8000L, 0x8020L, 0x8040L, 0x8060L, 0x8080L, 0x80A0L),
                p.table().entries().stream().map(PartitionEntry::address).toList());
        String[] lines = Vectors.text("partition_tables/idf_two_ota.csv").split("\n", -1);
        for (int i = 0; i < p.lineNumbers().size(); i++) {
            String line = lines[p.lineNumbers().get(i) - 1];
            assertTrue(line.startsWith(p.table().entries().get(i).name() + ","), line);
        }
    }

    @Test void readTellsBinaryFromCsvAsTheToolDoes() {
        Bytes bin = Vectors.bytes("partition_tables/idf_two_ota.bin");
        Bytes csv = Bytes.utf8(Vectors.text("partition_tables/idf_two_ota.csv"));
        assertTrue(PartitionCsv.isBinary(bin));
        assertFalse(PartitionCsv.isBinary(csv));
        assertEquals(PartitionTable.decode(bin, 0x8000), PartitionCsv.read(bin, OPTIONS));
        assertEquals(PartitionTable.decode(bin, 0x8000).entries(), PartitionCsv.read(csv, OPTIONS).entries());
        var e = assertThrows(PartitionTableException.class, () -> PartitionCsv.read(Bytes.fromHex("2c2c80"), OPTIONS));
        assertEquals("not a binary partition table (it does not start with AA 50) and not UTF-8 text: byte 0x80 at "
                + "offset 2 is not valid UTF-8", e.getMessage());
    }
}
