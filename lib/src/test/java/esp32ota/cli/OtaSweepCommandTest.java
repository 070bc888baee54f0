package esp32ota.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.samples.ImageSamples;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./kit ota sweep}: argument errors (exit 2, one line) and small sweeps' tables, summaries and JSON. */
class OtaSweepCommandTest {
    @TempDir Path dir;

    Path write(String name, byte[] bytes) throws Exception { return Files.write(dir.resolve(name), bytes); }

    Path blink(String version) throws Exception {
        return write("blink-" + version + ".bin", ImageSamples.blink(version, 1).build().toByteArray());
    }

    @Test void badArgumentsAreOneLineAndExit2() throws Exception {
        String img = blink("2.0.0").toString();
        String bad = write("bad.bin", ImageSamples.blink("2.0.0", 1)
                .buildBroken(esp32ota.image.ImageBuilder.Defect.BAD_HASH).toByteArray()).toString();
        String text = write("notes.txt", "hello".getBytes()).toString();
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("ota", "sweep"), "missing IMG (the image to update to) (see --help)"),
                Map.entry(List.of("ota", "sweep", "nope.bin"), "cannot use " + dir.resolve("nope.bin") + ": no such file"),
                Map.entry(List.of("ota", "sweep", dir.toString()), "cannot use " + dir + ": a folder, not an image file"),
                Map.entry(List.of("ota", "sweep", text), text + ": not an app image (first byte 0x68, expected 0xe9)"),
                Map.entry(List.of("ota", "sweep", img, "--begin", "all"),
                        "bad --begin 'all' (expected sequential, size or unknown)"),
                Map.entry(List.of("ota", "sweep", img, "--tear"), "unknown option --tear (see --help)"),
                Map.entry(List.of("ota", "sweep", img, img), "unexpected argument '" + img + "' (see --help)"),
                Map.entry(List.of("ota", "sweep", img, "--from"), "option --from needs a value"),
                Map.entry(List.of("ota", "sweep", bad),
                        "ota sweep: esp_ota_end failed: ESP_ERR_OTA_VALIDATE_FAILED (the update itself is refused)"),
                Map.entry(List.of("ota", "sweep", img, "--from", bad),
                        "ota sweep: the device does not boot before the update: nothing boots"));
        for (var c : cases.entrySet()) {
            KitRun r = KitRun.run(dir, c.getKey().toArray(String[]::new));
            assertEquals(2, r.exit(), c.getKey().toString());
            assertEquals(c.getValue() + "\n", r.stderr(), c.getKey().toString());
            assertEquals("", r.stdout(), c.getKey().toString());
        }
    }

    @Test void aSmallSweepPrintsItsTableAndSummary() throws Exception {
        KitRun r = KitRun.run(dir, "ota", "sweep", blink("2.0.0").toString(), "--tears", "--rollback");
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("update blink-2.0.0.bin (2272 bytes) into ota_1; before: ota_0 1.0.0; rollback on", lines.get(0));
        assertTrue(lines.get(1).matches("steps +phase +operation +cut none +cut half +cut all_but_last"), lines.get(1));
        assertTrue(lines.get(3).matches("1-9 +write +9 page programs 0x150000\\.\\.0x1508df +ota_0 1\\.0\\.0 +ota_0 1\\.0\\.0 "
                + "+ota_0 1\\.0\\.0"), lines.get(3));
        assertTrue(lines.contains("uncut: ota_1 2.0.0"), r.stdout());
        assertEquals("48 cut points, 0 unbootable", lines.get(lines.size() - 1));
    }

    @Test void withoutTearsOnlyCleanCutsAndJsonListsEveryCutPoint() throws Exception {
        KitRun r = KitRun.run(dir, "ota", "sweep", blink("1.1.0").toString(), "--json", "--begin", "size");
        assertEquals(0, r.exit(), r.stderr());
        JsonObject o = JsonParser.parseString(r.stdout()).getAsJsonObject();
        assertEquals(12, o.get("cut_points").getAsInt());
        assertEquals(0, o.get("unbootable").getAsInt());
        assertEquals("12 cut points, 0 unbootable", o.get("summary").getAsString());
        assertEquals("ota_1", o.get("slot").getAsString());
        assertEquals("1.1.0", o.getAsJsonObject("after").get("version").getAsString());
        var first = o.getAsJsonArray("cuts").get(0).getAsJsonObject();
        assertEquals("begin-erase", first.get("phase").getAsString());
        assertEquals("sector erase 0x150000+0x1000", first.get("operation").getAsString());
        assertEquals("NONE", first.get("tear").getAsString());
        assertEquals("BOOTS", first.getAsJsonObject("outcome").get("kind").getAsString());
        assertEquals(1, o.getAsJsonObject("phases").getAsJsonObject("begin-erase").get("ota_0 1.0.0").getAsInt());
    }

    @Test void benchOtaChecksItsSizeAndPrintsBothMeasurements() {
        KitRun bad = KitRun.run(dir, "bench", "ota", "--size", "0x200000");
        assertEquals(2, bad.exit());
        assertEquals("bench ota: --size must be 0x10000..0x130000 (it must fit a 0x140000 slot)\n", bad.stderr());
        KitRun r = KitRun.run(dir, "bench", "ota", "--size", "0x10000");
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("update image: 65536 bytes (0.06 MiB), blink 1.0.0 -> 2.0.0, rollback on", lines.get(0));
        // 64 KiB: 16 sector erases + 256 page programs in the writes, 2 + 2 + 2 otadata operations after them
        assertEquals("power-cut sweep: 834 cut points, 0 unbootable (278 operations x 3 tears)", lines.get(1));
        assertTrue(lines.get(2).matches("  wall clock [0-9.]+ s \\(target <= 5 s\\): [0-9]+ cut points/s; on [0-9] threads, .*"),
                lines.get(2));
        assertTrue(lines.get(3).startsWith("loopback copy (same server, 1024-byte reads"), lines.get(3));
        assertTrue(lines.get(4).matches("OTA over HTTP into a virtual ESP32 .*: +[0-9.]+ MB/s \\([0-9]+ % of the "
                + "loopback copy; median of 7\\)"), lines.get(4));
    }
}
