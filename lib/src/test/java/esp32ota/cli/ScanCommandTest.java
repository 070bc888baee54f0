package esp32ota.cli;

import esp32ota.describe.CorpusJson;
import com.google.gson.JsonParser;
import esp32ota.bytes.Bytes;
import esp32ota.analysis.CorpusRow;
import esp32ota.image.Chip;
import esp32ota.samples.ImageSamples;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./kit scan and ./kit image-info on a merged image, through Main. */
class ScanCommandTest {
    @TempDir Path dir;

    void corpus() throws IOException {
        Files.write(dir.resolve("good.bin"), ImageSamples.hello(Chip.ESP32_C3).build().toByteArray());
        Files.write(dir.resolve("empty.bin"), new byte[0]);
        Files.write(dir.resolve("cut.bin"), ImageSamples.hello(Chip.ESP32).build().slice(0, 600).toByteArray());
    }

    @Test
    void textTableWithBadFilesExitsZero() throws IOException {
        corpus();
        KitRun r = KitRun.run(dir, "scan", ".");
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).matches("path +kind +chip +size +app +idf +verdict +note / error"), lines.get(0));
        assertTrue(lines.get(1).matches("cut\\.bin +app image +ESP32 +600 .*"), lines.get(1));
        assertTrue(lines.get(1).contains("NOT bootable: image is truncated"), lines.get(1));
        assertTrue(lines.get(2).matches("empty\\.bin +unknown +0 +error: empty file"), lines.get(2));
        assertTrue(lines.get(2).endsWith("error: empty file"), lines.get(2));
        assertTrue(lines.get(3).matches("good\\.bin +app image +ESP32-C3 +\\d+ +hello_esp32c3 1\\.0\\.0 .* bootable"), lines.get(3));
        assertEquals("3 files, 2 with errors", lines.get(4));
    }

    @Test
    void jsonHasAVerdictPerRow() throws IOException {
        corpus();
        KitRun r = KitRun.run(dir, "scan", ".", "--json");
        assertEquals(0, r.exit(), r.stderr());
        var rows = JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("rows");
        assertEquals(3, rows.size());
        for (var row : rows) {
            assertEquals(CorpusRow.COLUMNS, List.copyOf(row.getAsJsonObject().keySet()));
            assertTrue(row.getAsJsonObject().has("verdict"));
        }
        assertEquals("bootable", rows.get(2).getAsJsonObject().get("verdict").getAsString());
        assertEquals("empty file", rows.get(1).getAsJsonObject().get("error").getAsString());
        var all = esp32ota.analysis.Corpus.rows(dir, java.util.Optional.empty(), 1, p -> { });
        assertEquals(JsonOutput.print(CorpusJson.of(all)), r.stdout(), "streamed row by row, printed as a whole is");
        Path none = Files.createDirectory(dir.resolve("none"));
        KitRun empty = KitRun.run(none, "scan", ".", "--json");
        assertEquals(0, empty.exit(), empty.stderr());
        assertEquals(JsonOutput.print(CorpusJson.of(List.of())), empty.stdout());
    }

    @Test
    void csvHasEveryColumnAndNeverOverwritesAScannedFile() throws IOException {
        corpus();
        Path out = dir.resolve("../scan.csv").normalize();
        KitRun r = KitRun.run(dir, "scan", ".", "--csv", out.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("3 files scanned (2 with errors); 20 columns written to " + out + "\n", r.stdout());
        List<String> csv = Files.readAllLines(out);
        assertEquals(String.join(",", CorpusRow.COLUMNS), csv.get(0));
        assertEquals(4, csv.size());
        assertTrue(csv.get(3).startsWith("good.bin,app image,ESP32-C3,"), csv.get(3));
        KitRun refused = KitRun.run(dir, "scan", ".", "--csv", "good.bin");
        assertEquals(2, refused.exit());
        assertTrue(refused.stderr().startsWith("refusing to overwrite"), refused.stderr());
        assertEquals(ImageSamples.hello(Chip.ESP32_C3).build(), Bytes.of(Files.readAllBytes(dir.resolve("good.bin"))));
    }

    @Test
    void unreadablePathAndUnknownChipExitTwo() {
        KitRun missing = KitRun.run(dir, "scan", "nowhere");
        assertEquals(2, missing.exit());
        assertEquals("cannot read " + dir.resolve("nowhere") + ": no such file or folder\n", missing.stderr());
        assertEquals("", missing.stdout());
        KitRun chip = KitRun.run(dir, "scan", ".", "--chip", "esp99");
        assertEquals(2, chip.exit());
        assertTrue(chip.stderr().startsWith("unknown chip 'esp99'"), chip.stderr());
    }

    @Test
    void chipOptionJudgesForThatChip() throws IOException {
        corpus();
        KitRun r = KitRun.run(dir, "scan", "good.bin", "--chip", "esp32");
        assertTrue(r.stdout().contains("NOT bootable: mismatch chip ID, expected 0, found 5"), r.stdout());
    }

    @Test
    void imageInfoOnAMergedImageSaysWhatItIsAndPointsAtScan() {
        String merged = "real/files/merged-flash/esptool_pr1150_micropython_ESP32_GENERIC-20240602-v1.23.0.bin";
        KitRun r = KitRun.run(Vectors.dir(), "image-info", merged);
        assertEquals(2, r.exit());
        assertTrue(r.stderr().startsWith(merged + " is a flash dump, not an app image (merged image for flash 0x1000;"),
                r.stderr());
        assertTrue(r.stderr().endsWith("; ./kit scan " + merged + " shows what it holds\n"), r.stderr());
        assertFalse(r.stdout().contains("bootable"));
        KitRun app = KitRun.run(Vectors.dir(), "image-info", "real/files/app/sf_hello_esp32_hello_world.bin");
        assertEquals(0, app.exit(), app.stderr());
        KitRun scan = KitRun.run(Vectors.dir(), "scan", merged);
        assertEquals(0, scan.exit());
        assertTrue(scan.stdout().contains("flash dump"), scan.stdout());
        assertTrue(scan.stdout().contains("boots factory"), scan.stdout());
    }
}
