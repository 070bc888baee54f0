package esp32ota.cli;

import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** image-info, samples and bench through Main: output, exit status, one-line errors. */
class ImageCommandsTest {
    record Run(int status, String out, String err) {}

    static Run run(Path cwd, String... argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), cwd);
        int status = Main.run(List.of(argv), console);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... argv) { return run(Vectors.dir(), argv); }

    @Test void esptoolFormatPrintsEsptoolsTextAndExitStatus() {
        Run ok = run("image-info", "image_info/helloworld-esp32.bin", "--format", "esptool");
        String expected = Vectors.text("image_info/helloworld-esp32.image_info.txt");
        assertEquals(expected.substring(expected.indexOf('\n') + 1), ok.out());
        assertEquals(0, ok.status());
        Run bad = run("image-info", "image_info/unaligned.bin", "--format=esptool");
        assertEquals("File size: 8187 (bytes)\n\nA fatal error occurred: This is not a valid image (invalid magic number: 0x82)\n", bad.out());
        assertEquals(2, bad.status());
    }

    @Test void whereEsptoolCrashesTheKitGivesOneLineAndExits2() {
        Run r = run("image-info", "image_info/image_header_only.bin", "--format", "esptool");
        assertEquals("File size: 8 (bytes)\n", r.out());
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count());
        assertTrue(r.err().contains("0x000008"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test void textReportHasTheVerdictAndSegmentOffsets() {
        Run r = run("image-info", "app_images/gen_bad_checksum.bin", "--chip", "esp32", "--partition-size", "4K");
        assertEquals(0, r.status());
        // the generated vector places its IROM segment where the MMU cannot map it: esptool does not mind, the
        // bootloader stops there first, then would also fail the checksum and the partition length
        assertTrue(r.out().contains("Verdict:   NOT bootable: Segment 3 load address 0x400d0020, doesn't match data 0x00010878\n"), r.out());
        assertTrue(r.out().contains("Checksum failed. Calculated 0x86 read 0x97"), r.out());
        assertTrue(r.out().contains("  0  0x000018  0x000020  0x000200  0x3F400020  DROM\n"), r.out());
        assertTrue(r.out().contains("Image length 4576 doesn't fit in partition length 4096"), r.out());
    }

    @Test void jsonHasEveryField() {
        Run r = run("image-info", "app_images/gen_esp32c6.bin", "--format", "json");
        assertEquals(0, r.status());
        var json = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(13, json.getAsJsonObject("header").get("chip_id").getAsInt());
        assertEquals("ESP32-C6", json.getAsJsonObject("header").get("chip").getAsString());
        assertEquals("0x11bf", json.get("checksum_offset").getAsString());
        assertEquals("c6_matter", json.getAsJsonObject("app_desc").get("project_name").getAsString());
        assertFalse(json.getAsJsonObject("verdict").get("bootable").getAsBoolean());
        assertEquals("SEGMENT_MAPPING", json.getAsJsonObject("verdict").getAsJsonArray("failures").get(0).getAsJsonObject().get("check").getAsString());
        assertTrue(json.get("checksum_valid").getAsBoolean());
        assertTrue(json.get("digest_valid").getAsBoolean());
        assertEquals("DROM", json.getAsJsonArray("segments").get(0).getAsJsonObject().getAsJsonArray("memory_types").get(0).getAsString());
    }

    @Test void jsonKeepsEveryKeyWhenAValueIsAbsent() {
        var full = com.google.gson.JsonParser.parseString(
                run("image-info", "app_images/gen_esp32c6.bin", "--format", "json").out()).getAsJsonObject();
        Run r = run("image-info", "app_images/gen_esp32s3_no_hash.bin", "--format", "json");
        assertEquals(0, r.status(), r.err());
        var json = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(full.keySet(), json.keySet(), "the same keys for every image");
        assertTrue(json.get("digest_stored").isJsonNull(), "no digest appended: null, not a missing key");
        assertTrue(json.get("digest_valid").isJsonNull());
        assertTrue(json.get("signature").isJsonNull());
        assertEquals(0, json.getAsJsonObject("header").get("hash_appended").getAsInt());
    }

    @Test void badInputIsAUsageErrorNotATrace() {
        assertEquals(2, run("image-info", "nope.bin").status());
        assertEquals(2, run("image-info", "app_images/gen_esp32.bin", "--format", "xml").status());
        assertEquals(2, run("image-info", "app_images/gen_esp32.bin", "--chip", "esp99").status());
        Run size = run("image-info", "app_images/gen_esp32.bin", "--partition-size", "lots");
        assertEquals(2, size.status());
        assertTrue(size.err().startsWith("--partition-size: 'lots' is not a number"), size.err());
        Run magic = run("image-info", "app_images/gen_bad_magic_00.bin");
        assertEquals(2, magic.status());
        assertEquals("not a decodable app image: ImageHeader.magic at 0x000000: bad magic (expected 0xE9, got 0x00)\n", magic.err());
        Run cut = run("image-info", "app_images/gen_truncated_at_0x300.bin");
        assertEquals("not a decodable app image: Segment[1].data at 0x000228: truncated (expected 576 bytes, got 216 bytes left)\n", cut.err());
    }

    @Test void partitionSizes() {
        assertEquals(0x100000, ImageInfoCommand.size("0x100000"));
        assertEquals(0x100000, ImageInfoCommand.size("1M"));
        assertEquals(0x100000, ImageInfoCommand.size("1024k"));
        assertEquals(1048576, ImageInfoCommand.size("1048576"));
    }

    @Test void samplesWritesIntoTheChosenFolder(@TempDir Path tmp) throws Exception {
        Run r = run(tmp, "samples", "--out", "s");
        assertEquals(0, r.status());
        assertTrue(Files.exists(tmp.resolve("s/images/blink/blink-2.0.0-esp32.bin")));
        assertTrue(Files.readString(tmp.resolve("s/README.md")).contains("blink-1.0.0-bad-hash.bin"));
    }

    @Test void benchRejectsUnknownModesAndMissingFolders() {
        Run r = run("bench", "kernal");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown mode 'kernal'"), r.err());
        assertEquals(2, run("bench", "images", "no-such-dir").status());
    }

    @Test void benchMeasuresAFolder(@TempDir Path tmp) throws Exception {
        run(tmp, "samples", "--out", ".");
        Run r = run(tmp, "bench", "images", "images/blink", "--seconds", "0.3");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("3 images,"), r.out());
        assertTrue(r.out().contains("% of SHA-256"), r.out());
    }
}
