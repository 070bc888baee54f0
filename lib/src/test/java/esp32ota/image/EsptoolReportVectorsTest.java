package esp32ota.image;

import com.google.gson.JsonObject;
import esp32ota.bytes.Bytes;
import esp32ota.describe.EsptoolReport;
import esp32ota.testing.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The esptool-format report against every esptool v4.12.0 output in shared/vectors/image_info and app_images:
 * text byte for byte after the version banner, and the exit status. Where esptool crashed (exit 1) the kit must
 * print the same lines up to the traceback, then exit 2 with its own one-line error.
 */
class EsptoolReportVectorsTest {
    static List<String> images() {
        List<String> all = new ArrayList<>();
        Vectors.names("image_info", ".bin").forEach(n -> all.add("image_info/" + n));
        Vectors.names("app_images", ".bin").forEach(n -> all.add("app_images/" + n));
        for (String folder : List.of("image_info", "app_images")) {          // each image has esptool's report
            assertEquals(Vectors.names(folder, ".image_info.txt"), Vectors.names(folder, ".bin"), folder);
        }
        assertFalse(all.isEmpty(), "the shared vectors hold images");
        return all;
    }

    static int esptoolExitCode(String name) {
        if (Files.exists(Vectors.path(name + ".exit_code.txt"))) {
            return Integer.parseInt(Vectors.text(name + ".exit_code.txt").trim());
        }
        return Vectors.json(name + ".json").getAsJsonObject().get("esptool_exit_code").getAsInt();
    }

    @ParameterizedTest @MethodSource("images")
    void reportMatchesEsptoolByteForByte(String name) {
        String expected = Vectors.text(name + ".image_info.txt");
        assertTrue(expected.startsWith("esptool.py v4.12.0\n"));
        expected = expected.substring(expected.indexOf('\n') + 1);
        int exit = esptoolExitCode(name);
        EsptoolReport.Result r = EsptoolReport.render(Vectors.bytes(name + ".bin"));
        if (exit == 1) {
            assertEquals(expected.substring(0, expected.indexOf("Traceback (most recent call last):")), r.text());
            assertEquals(2, r.exitStatus());
            assertTrue(r.kitError().isPresent());
        } else {
            assertEquals(expected, r.text());
            assertEquals(exit, r.exitStatus());
            assertTrue(r.kitError().isEmpty());
        }
    }

    @ParameterizedTest @MethodSource("images")
    void generatedImagesMatchTheirJson(String name) {
        if (!name.startsWith("app_images/")) return;
        JsonObject json = Vectors.json(name + ".json").getAsJsonObject();
        Bytes file = Vectors.bytes(name + ".bin");
        assertEquals(json.get("file_size").getAsInt(), file.size());
        assertEquals(json.get("file_sha256").getAsString(), file.sha256().hex());
        if (json.get("esptool_exit_code").getAsInt() != 0 || json.getAsJsonObject("header").get("hash_appended").getAsInt() > 1) {
            return;
        }
        AppImage img = AppImage.decode(file);
        JsonObject h = json.getAsJsonObject("header");
        assertEquals(h.get("segment_count").getAsInt(), img.header().segmentCount());
        assertEquals(h.get("spi_mode").getAsInt(), img.header().spiMode());
        assertEquals(h.get("spi_speed_nibble").getAsInt(), img.header().flashSpeedBits());
        assertEquals(h.get("spi_size_nibble").getAsInt(), img.header().flashSizeBits() >> 4);
        assertEquals(Long.decode(h.get("entry_addr").getAsString()), img.header().entryAddr());
        assertEquals(Integer.decode(h.get("wp_pin").getAsString()), img.header().wpPin());
        assertEquals(h.get("chip_id").getAsInt(), img.header().chipId());
        assertEquals(h.get("min_chip_rev").getAsInt(), img.header().minChipRev());
        assertEquals(h.get("min_chip_rev_full").getAsInt(), img.header().minChipRevFull());
        assertEquals(h.get("max_chip_rev_full").getAsInt(), img.header().maxChipRevFull());
        for (int i = 0; i < 3; i++) {
            assertEquals(Integer.decode(h.getAsJsonArray("spi_pin_drv").get(i).getAsString()), img.header().spiPinDrv().u8(i));
        }
        var segs = json.getAsJsonArray("segments");
        assertEquals(segs.size(), img.segments().size());
        for (int i = 0; i < segs.size(); i++) {
            JsonObject s = segs.get(i).getAsJsonObject();
            Segment seg = img.segments().get(i);
            assertEquals(Long.decode(s.get("load_addr").getAsString()), seg.loadAddr());
            assertEquals(s.get("length").getAsInt(), seg.length());
            assertEquals(Long.decode(s.get("header_offset").getAsString()), seg.headerOffset());
            assertEquals(Long.decode(s.get("data_offset").getAsString()), seg.dataOffset());
        }
        assertEquals(Long.decode(json.get("checksum_offset").getAsString()), img.checksumOffset());
        assertEquals(Integer.decode(json.get("checksum").getAsString()), img.computedChecksum());
        assertEquals(json.get("defect").isJsonNull() || !name.contains("checksum"), img.checksumValid());
        if (json.get("defect").isJsonNull()) {       // the JSON describes the image before its defect was applied
            assertEquals(json.get("sha256_of_image_before_digest").getAsString(),
                    img.header().hasHash() ? img.computedDigest().hex() : AppImage.sha256(file, (int) img.checksumOffset() + 1).hex());
            assertTrue(!img.header().hasHash() || img.hashValid());
        }
        assertEquals(json.get("image_length").getAsLong(), img.length());
        if (json.has("app_desc")) {
            JsonObject d = json.getAsJsonObject("app_desc");
            AppDescriptor desc = img.appDescriptor().orElseThrow();
            assertEquals(d.get("project_name").getAsString(), desc.projectNameText());
            assertEquals(d.get("version").getAsString(), desc.versionText());
            assertEquals(d.get("secure_version").getAsLong(), desc.secureVersion());
        }
    }
}
