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
 * says): every expected exit status, stderr, stdout and output SHA-256 there is what gen_esp32part.py v1.5 answered.
 */
class PartitionOracleCorpusTest {
    static List<Named<JsonObject>> corpus() throws IOException {
        try (InputStream in = PartitionOracleCorpusTest.class.getResourceAsStream("/esp32ota/partition/oracle-corpus.jsonl")) {
            assertNotNull(in, "oracle-corpus.jsonl is a test resource");
            List<Named<JsonObject>> cases = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> JsonParser.parseString(l).getAsJsonObject())
                    .map(c -> Named.of(c.get("id").getAsString(), c)).toList();
            assertEquals(200, cases.size());
            return cases;
        }
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
