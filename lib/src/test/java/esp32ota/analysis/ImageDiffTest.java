package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDiffTest {
    @TempDir Path dir;

    static AppDescriptor descriptor(String version, long secure) {
        return AppDescriptor.of(version, "demo", secure, "12:00:00", "Jan  1 2025", "v5.4",
                Bytes.filled(32, 0x11), 0, 99, 16);
    }

    /** The demo app with a 64 KiB DRAM segment appended: the same seed gives the same segment data. */
    static ImageBuilder demo(String version, long secure) {
        byte[] big = new byte[0x10000];
        new Random(7).nextBytes(big);
        return ImageBuilder.app(Chip.ESP32, descriptor(version, secure), 42).withSegment(0x3FFB8000L, Bytes.of(big));
    }

    @Test
    void aVersionBumpChangesTheDescriptorSegmentAndTwoBlocks() {
        Bytes a = demo("1.0.0", 0).build(), b = demo("1.0.1", 1).build();
        ImageDiff d = ImageDiff.of(a, b);
        assertEquals(List.of(new ImageDiff.FieldChange("secure_version", "0", "1"),
                new ImageDiff.FieldChange("version", "1.0.0", "1.0.1")), d.fields());
        assertEquals(List.of("changed", "same", "same", "same", "same"),
                d.segments().stream().map(ImageDiff.SegmentChange::change).toList());
        assertEquals(0x3F400020L, d.segments().get(0).loadAddr());
        assertEquals((a.size() + 0xFFF) / 0x1000, d.blocks());
        assertEquals(2, d.changed());                 // block 0 (descriptor) and the last (checksum + digest)
        assertEquals(0x2000, d.deltaBytes());
        assertEquals("1.0.0", d.a().version());
        assertEquals("1.0.1", d.b().version());
    }

    @Test
    void addedRemovedAndResizedSegments() {
        Bytes a = ImageBuilder.app(Chip.ESP32, descriptor("1", 0), 1).build();
        Bytes b = ImageBuilder.app(Chip.ESP32, descriptor("1", 0), 1).withSegment(0x3FFB9000L, Bytes.filled(0x40, 7)).build();
        ImageDiff d = ImageDiff.of(a, b);
        assertEquals("added", d.segments().get(4).change());
        assertEquals(-1, d.segments().get(4).sizeA());
        assertEquals(0x40, d.segments().get(4).sizeB());
        assertEquals(new ImageDiff.FieldChange("segment_count", "4", "5"), d.fields().get(0));
        ImageDiff back = ImageDiff.of(b, a);
        assertEquals("removed", back.segments().get(4).change());
        assertTrue(back.segmentTable().longColumn("size B").isMissing(4));
    }

    @Test
    void identicalImagesDifferNowhere() {
        Bytes a = demo("2.0.0", 0).build();
        ImageDiff d = ImageDiff.of(a, a);
        assertEquals(List.of(), d.fields());
        assertEquals(0, d.changed());
        assertTrue(d.segments().stream().allMatch(s -> s.change().equals("same")));
    }

    @Test
    void notAnImageIsADecodeException() {
        assertThrows(DecodeException.class, () -> ImageDiff.of(Bytes.filled(100, 0xFF), demo("1", 0).build()));
    }

    @Test
    void kitDiffTextJsonAndErrors() throws IOException {
        Files.write(dir.resolve("a.bin"), demo("1.0.0", 0).build().toByteArray());
        Files.write(dir.resolve("b.bin"), demo("1.0.1", 1).build().toByteArray());
        Files.write(dir.resolve("junk.bin"), new byte[64]);
        KitRun r = KitRun.run(dir, "diff", "a.bin", "b.bin");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("  version                1.0.0 → 1.0.1\n"), r.stdout());
        assertTrue(r.stdout().contains("4 KiB blocks that differ: 2 of 17 (11.8 %): a delta update sends 8192 bytes"),
                r.stdout());
        KitRun j = KitRun.run(dir, "diff", "a.bin", "b.bin", "--json");
        var o = com.google.gson.JsonParser.parseString(j.stdout()).getAsJsonObject();
        assertEquals(2, o.get("blocks_changed").getAsInt());
        assertEquals("version", o.getAsJsonArray("fields").get(1).getAsJsonObject().get("field").getAsString());
        KitRun bad = KitRun.run(dir, "diff", "a.bin", "junk.bin");
        assertEquals(2, bad.exit());
        assertTrue(bad.stderr().startsWith("junk.bin is not a decodable app image: "), bad.stderr());
        assertEquals("", bad.stdout());
    }
}
