package esp32ota.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.bytes.Bytes;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./kit partition --secure … --extra-partition-subtypes …} against gen_esp32part.py v1.5's frozen answers
 * (resources gen32-oracle/cases.json, written by src/test/scripts/gen32_oracle.py from ESP-IDF v5.5's copy of the
 * tool): exit status, stderr word for word, the binary's rows and MD5, the CSV read back from it, the CSV printed
 * for binary input.
 *
 * <p>Where the tool crashes with a Python traceback (exit 1) the kit prints what the tool printed before the
 * traceback, then one line of its own ({@link #KIT_LINE_FOR_CRASH}), and exits 2: those lines are the kit's
 * specification, and every crash case must have one. Each also has the kind of line the tool's crash calls for
 * ({@link #KIT_LINE_FOR_CRASH_KIND}).
 *
 * <p>A differential run over generated cases: {@code -Dgen32.oracle=/tmp/sweep.json} (see the script's
 * {@code --sweep}) replaces the frozen cases; a crash there only has to get the line of its kind.
 */
class Gen32OracleTest {
    static final Map<String, String> KIT_LINE_FOR_CRASH = Map.ofEntries(
            Map.entry("extra_empty_name_suffix_lookup", "Error at line 1: subtype 0x10400 does not fit in its 1-byte field (0x0-0xff)"),
            Map.entry("extra_negative_value_used", "Error at line 1: subtype -0x1 does not fit in its 1-byte field (0x0-0xff)"),
            Map.entry("extra_value_above_byte_used", "Error at line 1: subtype 0x100 does not fit in its 1-byte field (0x0-0xff)"),
            Map.entry("extra_duplicate_value", "Error parsing custom subtypes: Found duplicate value in partition subtype: 'data,foo,0x02' (data 0x2 is nvs)"),
            Map.entry("extra_duplicate_value_undefined", "Error parsing custom subtypes: Found duplicate value in partition subtype: 'data,foo,6' (data 0x6 is undefined)"),
            Map.entry("extra_duplicate_within_extras", "Error parsing custom subtypes: Found duplicate value in partition subtype: 'data,b,0x40' (data 0x40 is a)"),
            Map.entry("extra_duplicate_same_name_value", "Error parsing custom subtypes: Found duplicate value in partition subtype: 'data,nvs,0x2' (data 0x2 is nvs)"),
            Map.entry("extra_bad_type_fresh_value", "Error parsing custom subtypes: Invalid partition type 'foo' in 'foo,bar,0x77' (app, data, bootloader or partition_table)"),
            Map.entry("extra_numeric_type_fresh_value", "Error parsing custom subtypes: Invalid partition type '0x40' in '0x40,bar,0x77' (app, data, bootloader or partition_table)"),
            Map.entry("extra_uppercase_type_fresh_value", "Error parsing custom subtypes: Invalid partition type 'DATA' in 'DATA,bar,0x77' (app, data, bootloader or partition_table)"),
            Map.entry("extra_value_not_hex", "Error parsing custom subtypes: value 'zz' in 'data,bar,zz' is not a hex number"),
            Map.entry("extra_value_empty", "Error parsing custom subtypes: value '' in 'data,bar,' is not a hex number"),
            Map.entry("extra_value_octal_prefix", "Error parsing custom subtypes: value '0o7' in 'data,bar,0o7' is not a hex number"),
            Map.entry("extra_too_few_fields", "Error parsing custom subtypes: 'data,bar' is not type,name,value"),
            Map.entry("extra_single_field", "Error parsing custom subtypes: 'data' is not type,name,value"),
            Map.entry("extra_good_then_bad", "Error parsing custom subtypes: 'data,b' is not type,name,value"));

    /** The start of the kit's line for each way the tool crashes (the traceback's last line starts with the key). */
    static final Map<String, String> KIT_LINE_FOR_CRASH_KIND = Map.of(
            "ValueError: Found duplicate value in partition subtype",
            "Error parsing custom subtypes: Found duplicate value in partition subtype: '",
            "KeyError: ", "Error parsing custom subtypes: Invalid partition type '",
            "ValueError: invalid literal for int() with base 16: ", "Error parsing custom subtypes: value '",
            "IndexError: list index out of range", "Error parsing custom subtypes: '",
            "struct.error: ubyte format requires 0 <= number <= 255", "Error at line ",
            "struct.error: argument out of range", "Error at line ");             // a u32 field (--no-verify)

    static Stream<Named<JsonObject>> cases() {
        List<Named<JsonObject>> list = new ArrayList<>();
        String sweep = System.getProperty("gen32.oracle");
        JsonObject oracle = sweep == null || sweep.isEmpty() ? oracle() : read(Path.of(sweep));
        for (JsonElement e : oracle.getAsJsonArray("cases")) {
            list.add(Named.of(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void kitAnswersAsTheToolDid(JsonObject c, @TempDir Path dir) throws IOException {
        boolean binaryIn = c.has("input_hex");
        List<String> argv = new ArrayList<>(List.of("partition"));
        if (binaryIn) {
            Files.write(dir.resolve("in.bin"), padded(c.get("input_hex").getAsString()).toByteArray());
            argv.add("in.bin");
        } else {
            Files.writeString(dir.resolve("in.csv"), c.get("csv").getAsString());
            argv.addAll(List.of("in.csv", "out.bin"));
        }
        argv.addAll(options(c));
        KitRun run = KitRun.run(dir, Map.of(), argv);
        assertAnswer(c.get("name").getAsString(), c, run);
        if (binaryIn) {
            assertEquals(c.get("stdout").getAsString(), run.stdout());
            return;
        }
        Path out = dir.resolve("out.bin");
        if (c.get("exit").getAsInt() != 0) {
            assertFalse(Files.exists(out), "nothing is written for invalid input");
            return;
        }
        Bytes bin = Bytes.of(Files.readAllBytes(out));
        assertEquals(padded(c.get("binary_hex").getAsString()), bin, "the binary, row by row");
        assertEquals(c.get("binary_md5").getAsString(), bin.md5().hex());
        JsonObject decoded = c.getAsJsonObject("decoded");
        List<String> back = new ArrayList<>(List.of("partition", "out.bin"));
        back.addAll(options(c));
        KitRun again = KitRun.run(dir, Map.of(), back);
        assertAnswer(c.get("name").getAsString() + " read back", decoded, again);
        assertEquals(decoded.get("stdout").getAsString(), again.stdout());
    }

    @Test
    void everyCrashHasTheKitsOwnLineAndTheOracleIsTheOneRead() {
        Set<String> crashes = new HashSet<>();
        for (JsonElement e : oracle().getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (!c.get("crash").isJsonNull()) crashes.add(c.get("name").getAsString());
            if (c.has("decoded")) assertTrue(c.getAsJsonObject("decoded").get("crash").isJsonNull());
        }
        assertEquals(KIT_LINE_FOR_CRASH.keySet(), crashes);
        assertEquals("c09b495f74b4beaa2def33d9b190cfe1", oracle().get("md5_of_tool").getAsString(),
                "gen_esp32part.py of ESP-IDF v5.5 … v5.5.5");
        assertTrue(oracle().getAsJsonArray("cases").size() >= 80);
    }

    /** Exit status and stderr; a crash of the tool is the kit's own line and exit 2. */
    private static void assertAnswer(String name, JsonObject expected, KitRun run) {
        String stderr = expected.get("stderr").getAsString();
        int exit = expected.get("exit").getAsInt();
        if (!expected.get("crash").isJsonNull()) {
            String crash = expected.get("crash").getAsString();
            String kind = KIT_LINE_FOR_CRASH_KIND.keySet().stream().filter(crash::startsWith).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": a crash the kit has no line for: " + crash));
            assertEquals(2, run.exit(), name);
            assertTrue(run.stderr().startsWith(stderr), name + ": " + run.stderr());
            String line = run.stderr().substring(stderr.length());
            assertTrue(line.startsWith(KIT_LINE_FOR_CRASH_KIND.get(kind)) && line.indexOf('\n') == line.length() - 1,
                    name + ": one line of the kind " + kind + ": " + line);
            if (!KIT_LINE_FOR_CRASH.containsKey(name) && name.startsWith("sweep_")) return;
            stderr += KIT_LINE_FOR_CRASH.get(name) + "\n";
            exit = 2;
        }
        assertEquals(stderr, run.stderr(), name);
        assertEquals(exit, run.exit(), name);
    }

    /** The tool's options in the kit's spelling (only --disable-md5sum differs: --no-md5). */
    private static List<String> options(JsonObject c) {
        List<String> list = new ArrayList<>();
        for (JsonElement o : c.getAsJsonArray("options")) {
            list.add(o.getAsString().equals("--disable-md5sum") ? "--no-md5" : o.getAsString());
        }
        return list;
    }

    /** Rows written as hex, one per line, then 0xFF up to 0xC00: a table as the tool writes it. */
    private static Bytes padded(String rowsHex) {
        Bytes rows = Bytes.fromHex(rowsHex.replace("\n", ""));
        return rows.concat(Bytes.filled(0xC00 - rows.size(), 0xFF));
    }

    /** The frozen cases (resources gen32-oracle/cases.json). */
    private static JsonObject oracle() {
        try (InputStream in = Gen32OracleTest.class.getResourceAsStream("/gen32-oracle/cases.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject read(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
