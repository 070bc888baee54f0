package esp32ota.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.bytes.Bytes;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Replays the frozen differential corpus (resources esp32ota/partition/oracle-corpus.jsonl, made as its README
 * says): every expected exit status, stderr, stdout and output SHA-256 there is what gen_esp32part.py v1.5 answered
 * ({@link GenEsp32Part}; the test mode {@code -Dgen_esp32part=PATH} asks it again).
 */
class PartitionOracleCorpusTest {
    static List<Named<JsonObject>> corpus() throws IOException {
        try (InputStream in = PartitionOracleCorpusTest.class.getResourceAsStream("/esp32ota/partition/oracle-corpus.jsonl")) {
            assertNotNull(in, "oracle-corpus.jsonl is a test resource");
            List<Named<JsonObject>> cases = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> JsonParser.parseString(l).getAsJsonObject())
                    .map(c -> Named.of(c.get("id").getAsString(), c)).toList();
            assertEquals(readmeCount(), cases.size(), "as many cases as the README says");
            assertEquals(cases.size(), cases.stream().map(Named::getName).distinct().count(), "ids are unique");
            return cases;
        }
    }

    /** The number of inputs the corpus's README announces in its first sentence ("200 partition-table inputs"). */
    static int readmeCount() throws IOException {
        try (InputStream in = PartitionOracleCorpusTest.class.getResourceAsStream("/esp32ota/partition/README.md")) {
            assertNotNull(in, "the corpus README is a test resource");
            var m = java.util.regex.Pattern.compile("(\\d+) partition-table inputs")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(m.find(), "the README says how many inputs the corpus holds");
            return Integer.parseInt(m.group(1));
        }
    }

    private static Map<String, String> env(JsonObject c) {
        Map<String, String> env = new LinkedHashMap<>();
        c.getAsJsonObject("env").entrySet().forEach(e -> env.put(e.getKey(), e.getValue().getAsString()));
        return env;
    }

    /** Test mode: the reference tool, asked again, gives every frozen answer of the corpus (skipped without it). */
    @ParameterizedTest(name = "{0}") @MethodSource("corpus")
    void theOracleStillGivesTheFrozenAnswers(JsonObject c, @TempDir Path dir) throws IOException {
        Path tool = GenEsp32Part.require();
        Files.write(dir.resolve("in.csv"), Base64.getDecoder().decode(c.get("input_b64").getAsString()));
        List<String> kitArgs = new ArrayList<>();
        for (JsonElement a : c.getAsJsonArray("args")) kitArgs.add(a.getAsString());
        List<String> args = new ArrayList<>(GenEsp32Part.toolArgs(kitArgs));
        args.add("in.csv");
        if (c.get("out").getAsBoolean()) args.add("out.bin");
        GenEsp32Part.Run run = GenEsp32Part.run(tool, dir, env(c), args);
        if (c.get("oracle_exit").getAsInt() == 1) {
            assertEquals(1, run.exit(), run.stderr());
            assertEquals(c.get("stderr_before_crash").getAsString(), run.stderrBeforeTraceback());
            return;
        }
        assertEquals(c.get("oracle_exit").getAsInt(), run.exit());
        assertEquals(c.get("stderr").getAsString(), run.stderr());
        assertEquals(c.get("stdout").getAsString(), run.stdout());
        JsonElement sha = c.get("out_sha256");
        Path out = dir.resolve("out.bin");
        if (!sha.isJsonNull()) assertEquals(sha.getAsString(), Bytes.of(Files.readAllBytes(out)).sha256().hex());
    }

    @ParameterizedTest(name = "{0}") @MethodSource("corpus")
    void kitAnswersAsTheOracleDid(JsonObject c, @TempDir Path dir) throws IOException {
        Files.write(dir.resolve("in.csv"), Base64.getDecoder().decode(c.get("input_b64").getAsString()));
        List<String> argv = new ArrayList<>(List.of("partition", "in.csv"));
        if (c.get("out").getAsBoolean()) argv.add("out.bin");
        for (JsonElement a : c.getAsJsonArray("args")) argv.add(a.getAsString());
        Map<String, String> env = new LinkedHashMap<>();
        c.getAsJsonObject("env").entrySet().forEach(e -> env.put(e.getKey(), e.getValue().getAsString()));
        KitRun run = KitRun.run(dir, env, argv);
        Path out = dir.resolve("out.bin");
        if (c.get("oracle_exit").getAsInt() == 1) {                   // the tool crashed: a clear error instead
            assertEquals(2, run.exit());
            assertTrue(run.stderr().startsWith(c.get("stderr_before_crash").getAsString()), run.stderr());
            assertFalse(run.stderr().contains("internal error"), run.stderr());
            assertFalse(Files.exists(out));
            return;
        }
        assertEquals(c.get("stderr").getAsString(), run.stderr());
        assertEquals(c.get("oracle_exit").getAsInt(), run.exit());
        assertEquals(c.get("stdout").getAsString(), run.stdout());
        JsonElement sha = c.get("out_sha256");
        if (sha.isJsonNull()) assertFalse(Files.exists(out));
        else assertEquals(sha.getAsString(), Bytes.of(Files.readAllBytes(out)).sha256().hex());
    }
}
