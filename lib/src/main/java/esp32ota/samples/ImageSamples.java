package esp32ota.samples;

import esp32ota.bytes.Bytes;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.FlashMode;
import esp32ota.image.ImageBuilder;
import esp32ota.image.Segment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * App images made with {@link ImageBuilder}: the demo app "blink" in three versions for ESP32 (the OTA notebooks
 * update from one to the next), one valid app per chip family, and broken variants of blink 1.0.0.
 */
public final class ImageSamples implements SampleFamily {
    static final String TIME = "12:00:00", DATE = "Jan  1 2025", IDF = "v5.4.1";

    @Override public String name() { return "App images"; }

    /** The blink demo app, version {@code version}, with anti-rollback {@code secureVersion}. */
    public static ImageBuilder blink(String version, long secureVersion) {
        AppDescriptor d = AppDescriptor.of(version, "blink", secureVersion, TIME, DATE, IDF,
                Bytes.utf8("blink " + version).sha256(), 0, 99, 16);
        return ImageBuilder.app(Chip.ESP32, d, version.hashCode()).withFlash(FlashMode.DIO, "4MB", "40m");
    }

    /**
     * blink {@code version} of about {@code size} bytes (at least 4 KiB), laid out as a real app of that size: DROM
     * (descriptor and rodata, a quarter), DRAM, IRAM, then IROM (the code, the rest) at a load address that agrees
     * with its file offset modulo 64 KiB. Pseudo-random contents from the version, so it is the same every run. The
     * samples are 2 KiB; a real blink build is about 150 KiB, and a large app a few MiB.
     */
    public static Bytes blinkOfSize(String version, long secureVersion, int size) {
        if (size < 0x1000) throw new IllegalArgumentException("a sized blink needs at least 4096 bytes, not " + size);
        Random random = new Random(version.hashCode());
        int drom = size / 4 - AppDescriptor.SIZE, dram = Math.min(0x2000, size / 32);
        int iram = Math.min(0x10000, size / 16);
        int headers = 0x18 + 4 * Segment.HEADER_SIZE + AppDescriptor.SIZE;
        int irom = size - headers - drom - dram - iram - 16 - 32;   // checksum padding and the SHA-256 after it
        long iromFileOffset = 0x18 + 3 * Segment.HEADER_SIZE + AppDescriptor.SIZE + drom + dram + iram
                + Segment.HEADER_SIZE;
        return blink(version, secureVersion).withSegments(List.of(
                new ImageBuilder.Part(0x3F400020L, random(random, drom)),
                new ImageBuilder.Part(0x3FFB0000L, random(random, dram)),
                new ImageBuilder.Part(0x40080000L, random(random, iram)),
                new ImageBuilder.Part(0x400D0000L + iromFileOffset % 0x10000, random(random, irom)))).build();
    }

    private static Bytes random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Bytes.of(b);
    }

    /** A small valid app for {@code chip}. */
    public static ImageBuilder hello(Chip chip) {
        String project = "hello_" + slug(chip);
        AppDescriptor d = AppDescriptor.of("1.0.0", project, 0, TIME, DATE, IDF, Bytes.utf8(project).sha256(),
                0, 99, 16);
        return ImageBuilder.app(chip, d, chip.imageChipId());
    }

    @Override public Map<String, Bytes> files() {
        Map<String, Bytes> f = new LinkedHashMap<>();
        f.put("images/blink/blink-1.0.0-esp32.bin", blink("1.0.0", 0).build());
        f.put("images/blink/blink-1.1.0-esp32.bin", blink("1.1.0", 0).build());
        f.put("images/blink/blink-2.0.0-esp32.bin", blink("2.0.0", 1).build());
        for (Chip c : Chip.families()) f.put("images/chips/hello-" + slug(c) + ".bin", hello(c).build());
        for (ImageBuilder.Defect d : ImageBuilder.Defect.values()) {
            f.put("images/broken/blink-1.0.0-" + d.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".bin",
                    blink("1.0.0", 0).buildBroken(d));
        }
        return Collections.unmodifiableMap(f);
    }

    @Override public String readme() {
        return """
                ## App images (`images/`)

                Made by `./kit samples` with the kit's `ImageBuilder` (esp32ota.samples.ImageSamples): header,
                segments (the `esp_app_desc_t` opens segment 0 at file offset 0x20), checksum, SHA-256. Segment
                contents are pseudo-random from fixed seeds; compile time is fixed at `Jan  1 2025 12:00:00`.
                Look at any of them with `./kit image-info FILE` (or `--format esptool`).

                | file | what it teaches |
                |---|---|
                | `images/blink/blink-1.0.0-esp32.bin` | the demo app "blink" 1.0.0 for ESP32 (DIO, 4MB, 40m), secure_version 0: the image the OTA notebooks start from |
                | `images/blink/blink-1.1.0-esp32.bin` | the same app, version 1.1.0: an ordinary update (only the version string and code bytes change) |
                | `images/blink/blink-2.0.0-esp32.bin` | version 2.0.0 with secure_version 1: after it boots with anti-rollback on, 1.x images are refused |
                | `images/chips/hello-<chip>.bin` | one valid app per family (esp32, esp32s2, esp32s3, esp32c3, esp32c2, esp32c6, esp32c61, esp32c5, esp32h2, esp32p4): chip id, memory map and flash windows differ per chip |
                | `images/broken/blink-1.0.0-bad-magic.bin` | byte 0 is 0x00, not 0xE9: "invalid magic byte (nothing flashed here?)" |
                | `images/broken/blink-1.0.0-truncated.bin` | cut in the middle of the last segment: esptool's "End of file reading segment" |
                | `images/broken/blink-1.0.0-bad-checksum.bin` | checksum byte changed (digest recomputed): "Checksum failed" |
                | `images/broken/blink-1.0.0-bad-hash.bin` | first digest byte inverted: "Image hash failed - image is corrupt" |
                | `images/broken/blink-1.0.0-wrong-chip.bin` | chip_id says ESP32-C3 (digest recomputed): "mismatch chip ID" on an ESP32; esptool shows it as an ESP32-C3 image |
                """;
    }

    static String slug(Chip c) { return c.esptoolName().toLowerCase(Locale.ROOT).replaceAll("[-()]", ""); }
}
