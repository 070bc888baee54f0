package esp32ota.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./kit partition} on every shared vector: valid tables both ways, and every invalid case of index.json. */
class PartitionCommandVectorsTest {
    private static final String TABLES = "esp32ota.partition.PartitionTableBinaryTest#tables";

    static List<Named<JsonObject>> invalidCases() {
        JsonArray index = Vectors.json("partition_tables_invalid/index.json").getAsJsonArray();
        // index.json names every CSV of the folder, once
        assertEquals(Vectors.names("partition_tables_invalid", ".csv"), StreamSupport.stream(index.spliterator(), false)
                .map(c -> c.getAsJsonObject().get("name").getAsString()).sorted().toList());
        return StreamSupport.stream(index.spliterator(), false).map(JsonElement::getAsJsonObject)
                .map(c -> Named.of(c.get("name").getAsString(), c)).toList();
    }

    @ParameterizedTest @MethodSource(TABLES)
    void csvInWritesTheToolsBinaryNextToIt(String name, @TempDir Path dir) throws IOException {
        Files.copy(Vectors.path("partition_tables/" + name + ".csv"), dir.resolve(name + ".csv"));
        KitRun run = KitRun.run(dir, "partition", name + ".csv");
        assertEquals("", run.stderr());
        assertEquals(0, run.exit());
        assertEquals(0, run.stdoutBytes().length);
        assertArrayEquals(Vectors.bytes("partition_tables/" + name + ".bin").toByteArray(),
                Files.readAllBytes(dir.resolve(name + ".bin")));
    }

    @ParameterizedTest @MethodSource(TABLES)
    void binaryInPrintsTheToolsCsv(String name, @TempDir Path dir) throws IOException {
        Files.copy(Vectors.path("partition_tables/" + name + ".bin"), dir.resolve("t.bin"));
        KitRun run = KitRun.run(dir, "partition", "t.bin");
        assertEquals("", run.stderr());
        assertEquals(0, run.exit());
        assertEquals(Vectors.text("partition_tables/" + name + ".decoded.csv"), run.stdout());
        KitRun toFile = KitRun.run(dir, "partition", "t.bin", "t.csv");
        assertEquals(0, toFile.exit());
        assertEquals(Vectors.text("partition_tables/" + name + ".decoded.csv"), Files.readString(dir.resolve("t.csv")));
        KitRun again = KitRun.run(dir, "partition", "t.csv", "t2.bin");
        assertEquals(0, again.exit());
        assertArrayEquals(Files.readAllBytes(dir.resolve("t.bin")), Files.readAllBytes(dir.resolve("t2.bin")));
    }

    /**
     * Exit 2 and the tool's whole stderr (.error.txt: listing lines, message and hint line included). The one case
     * where the tool crashes gets the tool's warning line, then the kit's own error naming line and field.
     */
    @ParameterizedTest(name = "{0}") @MethodSource("invalidCases")
    void invalidCsvGivesTheToolsErrorAndWritesNothing(JsonObject c, @TempDir Path dir) throws IOException {
        String csv = c.get("csv").getAsString();
        Files.copy(Vectors.path("partition_tables_invalid/" + csv), dir.resolve(csv));
        KitRun run = KitRun.run(dir, "partition", csv, "out.bin");
        assertEquals(2, run.exit());
        assertFalse(Files.exists(dir.resolve("out.bin")));
        String expected = Vectors.text("partition_tables_invalid/" + c.get("stderr_file").getAsString());
        List<String> lines = run.stderr().lines().toList();
        if (c.get("exit_code").getAsInt() == 1) {
            assertEquals(expected.lines().findFirst().orElseThrow(), lines.get(0));
            assertEquals("Error at line 1: subtype 0x800 does not fit in its 1-byte field (0x0-0xff)", lines.get(1));
            assertEquals(2, lines.size());
            return;
        }
        assertEquals(expected, run.stderr());
        List<String> withoutHint = new ArrayList<>(lines);
        withoutHint.remove("Please check extra_partition_subtypes.inc file in build/config directory");
        assertEquals(c.get("error_message").getAsString(), withoutHint.get(withoutHint.size() - 1));
    }

    @Test void noDefaultOutputIsWrittenForAnInvalidCsv(@TempDir Path dir) throws IOException {
        Files.copy(Vectors.path("partition_tables_invalid/overlap.csv"), dir.resolve("overlap.csv"));
        assertEquals(2, KitRun.run(dir, "partition", "overlap.csv").exit());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("overlap.csv"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
