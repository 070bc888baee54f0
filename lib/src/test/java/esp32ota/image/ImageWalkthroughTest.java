package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.FieldSpan;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The values the notebooks show step by step: the checksum per segment, the bytes the SHA-256 covers, every named
 * field of a file, and what the bootloader does with each segment. Per-segment XORs were computed with Python over
 * the vector's bytes at the offsets its JSON gives; checksums and digests are esptool v4.12.0's.
 */
class ImageWalkthroughTest {
    static final Bytes PINS_FILE = Vectors.bytes("app_images/gen_esp32s2_pins_revisions.bin");
    static final AppImage PINS = AppImage.decode(PINS_FILE);

    @Test void checksumStepsXorEachSegmentIntoTheSeed() {
        // python3: x = 0; for c in b[data_offset:data_offset+length]: x ^= c   (running from 0xEF)
        assertEquals(List.of(
                new Checksum.Step(0, 0x20, 0x220, 0x0B, 0xE4), new Checksum.Step(1, 0x228, 0x468, 0xD9, 0x3D),
                new Checksum.Step(2, 0x470, 0x870, 0x03, 0x3E), new Checksum.Step(3, 0x878, 0x1078, 0x8D, 0xB3),
                new Checksum.Step(4, 0x1080, 0x11A0, 0xD1, 0x62), new Checksum.Step(5, 0x11A8, 0x11B8, 0x5B, 0x39)),
                Checksum.steps(PINS));
        assertEquals(0x39, PINS.storedChecksum());                     // "Checksum: 0x39 (valid)"
    }

    @Test void checksumStepsOfAnImageWithoutSegmentsIsEmpty() {
        AppImage empty = AppImage.decode(ImageBuilder.forChip(Chip.ESP32).build());
        assertEquals(List.of(), Checksum.steps(empty));
        assertEquals(Checksum.SEED, empty.computedChecksum());
    }

    @Test void theDigestCoversEveryByteUpToAndIncludingTheChecksum() {
        Bytes hashed = PINS.hashedBytes();
        assertEquals(0x11BF + 1, hashed.size());                        // checksum_offset 0x11bf
        assertEquals(0x39, hashed.u8(hashed.size() - 1));
        // "Validation hash: 4d352031…789a (valid)" = sha256_of_image_before_digest
        assertEquals("4d352031ebfaf7778cc26d0d9ba6a5873c2af5cf184e91ac42102946abec789a", hashed.sha256().hex());
        assertEquals(PINS.storedDigest(), hashed.sha256());
    }

    @Test void fieldsOfNameEveryPartOfTheFile() {
        List<FieldSpan> spans = AppImage.fieldsOf(PINS_FILE);
        assertEquals(new FieldSpan("ImageHeader", "magic", 0x00, 1), spans.get(0));
        assertEquals(new FieldSpan("ImageHeader", "hash_appended", 0x17, 1), spans.get(12));
        assertEquals(new FieldSpan("Segment[0]", "load_addr", 0x18, 4), spans.get(13));
        assertEquals(new FieldSpan("Segment[0]", "data_len", 0x1C, 4), spans.get(14));
        // the descriptor's fields come before segment 0's data, so that a hex dump names them
        assertEquals(new FieldSpan("AppDescriptor", "magic_word", 0x20, 4), spans.get(15));
        assertEquals(new FieldSpan("AppDescriptor", "project_name", 0x50, 32), spans.get(19));
        assertEquals(new FieldSpan("AppDescriptor", "reserv2", 0x20 + 0xB8, 72), spans.get(28));   // its 14th and last field
        assertEquals(new FieldSpan("Segment[0]", "data", 0x20, 0x200), spans.get(29));
        assertEquals(new FieldSpan("Segment[1]", "load_addr", 0x220, 4), spans.get(30));
        int n = spans.size();
        // data of segment 5 ends at 0x11B8; padding to 0x11BF, checksum, 32-byte digest (file is 4576 = 0x11E0 bytes)
        assertEquals(List.of(new FieldSpan("AppImage", "padding", 0x11B8, 7), new FieldSpan("AppImage", "checksum", 0x11BF, 1),
                new FieldSpan("AppImage", "sha256", 0x11C0, 32)), spans.subList(n - 3, n));
    }

    @Test void fieldsOfAnImageWithoutDigestOrDescriptor() {
        // gen_esp32s3_no_hash: hash_appended 0, checksum at 0x11bf is the last byte (file size 4544 = 0x11C0)
        List<FieldSpan> spans = AppImage.fieldsOf(Vectors.bytes("app_images/gen_esp32s3_no_hash.bin"));
        assertEquals(new FieldSpan("AppImage", "checksum", 0x11BF, 1), spans.get(spans.size() - 1));
        Bytes bare = ImageBuilder.forChip(Chip.ESP32).withSegment(0x3FFB0000L, Bytes.filled(15, 1)).withHash(false).build();
        assertEquals(List.of("magic", "segment_count", "spi_mode", "spi_speed_size", "entry_addr", "wp_pin", "spi_pin_drv",
                "chip_id", "min_chip_rev", "min_chip_rev_full", "max_chip_rev_full", "reserved", "hash_appended",
                "load_addr", "data_len", "data", "checksum"), AppImage.fieldsOf(bare).stream().map(FieldSpan::field).toList(),
                "15 data bytes end at 0x2F: the checksum needs no padding");
    }

    @Test void placementFollowsTheBootloadersShouldMapAndShouldLoad() {
        // ESP-IDF soc.h for ESP32: SOC_DROM_LOW 0x3F400000, SOC_DROM_HIGH 0x3F800000, SOC_IROM_LOW 0x400D0000,
        // SOC_IROM_HIGH 0x40400000; below 0x10000000 nothing is loaded (esp_image_format.c should_load)
        assertEquals(SegmentPlacement.MAPPED, SegmentPlacement.of(Chip.ESP32, 0x3F400020L));
        assertEquals(SegmentPlacement.MAPPED, SegmentPlacement.of(Chip.ESP32, 0x400D0020L));
        assertEquals(SegmentPlacement.MAPPED, SegmentPlacement.of(Chip.ESP32, 0x403FFFFFL));
        assertEquals(SegmentPlacement.COPIED, SegmentPlacement.of(Chip.ESP32, 0x40400000L));
        assertEquals(SegmentPlacement.COPIED, SegmentPlacement.of(Chip.ESP32, 0x3FFB0000L));   // DRAM
        assertEquals(SegmentPlacement.COPIED, SegmentPlacement.of(Chip.ESP32, 0x40080000L));   // IRAM
        assertEquals(SegmentPlacement.COPIED, SegmentPlacement.of(Chip.ESP32, 0x3F3FFFFCL));
        assertEquals(SegmentPlacement.NOT_LOADED, SegmentPlacement.of(Chip.ESP32, 0x0L));      // padding segment
        assertEquals(SegmentPlacement.NOT_LOADED, SegmentPlacement.of(Chip.ESP32, 0x4L));      // reserved for MD5
        assertEquals(SegmentPlacement.COPIED, SegmentPlacement.of(Chip.ESP32, 0x10000000L));
        // ESP32-C6 soc.h: SOC_IROM_LOW = SOC_DROM_LOW = 0x42000000, HIGH 0x43000000 (one window for code and data)
        assertEquals(SegmentPlacement.MAPPED, SegmentPlacement.of(Chip.ESP32_C6, 0x42800020L));
        assertEquals(SegmentPlacement.COPIED, SegmentPlacement.of(Chip.ESP32_C6, 0x40800000L));
    }
}
