package esp32ota.samples;

import esp32ota.bytes.Bytes;
import esp32ota.describe.EsptoolReport;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;
import esp32ota.image.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `./kit samples` is reproducible and the committed sample-images/ are exactly what it writes. */
class SamplesTest {
    static Path committed() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-images/images"))) return p.resolve("sample-images");
        }
        throw new IllegalStateException("sample-images/ not found; run ./kit samples");
    }

    @Test void regeneratingGivesTheCommittedBytes(@TempDir Path tmp) throws IOException {
        List<Path> written = Samples.regenerate(tmp);
        for (Path p : written) {
            Path rel = tmp.relativize(p);
            assertArrayEquals(Files.readAllBytes(committed().resolve(rel)), Files.readAllBytes(p), rel.toString());
        }
        try (Stream<Path> s = Files.walk(committed())) {
            List<Path> onDisk = s.filter(Files::isRegularFile).map(committed()::relativize).sorted().toList();
            List<Path> expected = written.stream().map(tmp::relativize).sorted().toList();
            assertEquals(expected, onDisk, "no stale files in sample-images/");
        }
        assertEquals(Samples.all(), Samples.all(), "same bytes on every call");
    }

    @Test void blinkVersionsForTheOtaNotebooks() {
        Map<String, Bytes> f = new ImageSamples().files();
        String[][] expected = {{"1.0.0", "0"}, {"1.1.0", "0"}, {"2.0.0", "1"}};
        for (String[] e : expected) {
            AppImage img = AppImage.decode(f.get("images/blink/blink-" + e[0] + "-esp32.bin"));
            assertEquals("blink", img.appDescriptor().orElseThrow().projectNameText());
            assertEquals(e[0], img.appDescriptor().orElseThrow().versionText());
            assertEquals(Long.parseLong(e[1]), img.appDescriptor().orElseThrow().secureVersion());
            assertEquals(Chip.ESP32, img.chip().orElseThrow());
            assertTrue(ImageVerifier.verify(img, Target.any().withChip(Chip.ESP32).withPartitionSize(0x100000)).bootable());
        }
        Bytes v1 = f.get("images/blink/blink-1.0.0-esp32.bin");
        assertEquals(Verdict.Check.SECURE_VERSION, ImageVerifier.verify(v1, Target.any().withEfuseSecureVersion(1))
                .stoppedBy().orElseThrow().check());
    }

    @Test void aSizedBlinkIsABootableAppOfAboutThatSize() {
        Bytes big = ImageSamples.blinkOfSize("2.0.0", 1, 160 * 1024);
        AppImage img = AppImage.decode(big);
        assertTrue(Math.abs(big.size() - 160 * 1024) < 16, "size " + big.size());
        assertEquals("2.0.0", img.appDescriptor().orElseThrow().versionText());
        assertEquals(1, img.appDescriptor().orElseThrow().secureVersion());
        assertEquals(4, img.segments().size());
        assertTrue(ImageVerifier.verify(img, Target.any().withChip(Chip.ESP32).withAddress(0x150000)
                .withPartitionSize(0x140000)).bootable());
        assertEquals(big, ImageSamples.blinkOfSize("2.0.0", 1, 160 * 1024), "the same bytes every run");
        assertThrows(IllegalArgumentException.class, () -> ImageSamples.blinkOfSize("2.0.0", 1, 100));
    }

    @Test void oneBootableAppPerFamily() {
        Map<String, Bytes> f = new ImageSamples().files();
        for (Chip c : Chip.families()) {
            Bytes img = f.get("images/chips/hello-" + ImageSamples.slug(c) + ".bin");
            assertNotNull(img, c.name());
            assertEquals(c.imageChipId(), AppImage.decode(img).header().chipId());
            assertTrue(ImageVerifier.verify(img, Target.any().withChip(c)).bootable(), c.name());
            assertTrue(EsptoolReport.render(img).text().contains("Detected image type: " + c.esptoolName().toUpperCase() + "\n"));
        }
    }

    @Test void brokenSamplesFailTheirCheck() {
        Map<String, Bytes> f = new ImageSamples().files();
        Target esp32 = Target.any().withChip(Chip.ESP32);
        assertEquals(Verdict.Check.MAGIC, first(f.get("images/broken/blink-1.0.0-bad-magic.bin"), esp32));
        assertEquals(Verdict.Check.TRUNCATED, first(f.get("images/broken/blink-1.0.0-truncated.bin"), esp32));
        assertEquals(Verdict.Check.CHECKSUM, first(f.get("images/broken/blink-1.0.0-bad-checksum.bin"), esp32));
        assertEquals(Verdict.Check.HASH, first(f.get("images/broken/blink-1.0.0-bad-hash.bin"), esp32));
        assertEquals(Verdict.Check.CHIP_ID, first(f.get("images/broken/blink-1.0.0-wrong-chip.bin"), esp32));
    }

    private static Verdict.Check first(Bytes img, Target t) { return ImageVerifier.verify(img, t).stoppedBy().orElseThrow().check(); }
}
