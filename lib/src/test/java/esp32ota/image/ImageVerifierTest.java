package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Each bootloader check with the ESP-IDF log wording (esp_image_format.c, bootloader_common_loader.c). */
class ImageVerifierTest {
    static final ImageBuilder APP = ImageBuilder.app(Chip.ESP32,
            AppDescriptor.of("1.0", "v", 2, "t", "d", "i", Bytes.filled(32, 0), 0, 0, 0), 11);

    static List<String> messages(Bytes img, Target t) {
        return ImageVerifier.verify(img, t).failures().stream().map(Verdict.Failure::message).toList();
    }

    @Test void theSharedValidImagesAreBootable() {
        for (String n : List.of("app_images/gen_esp32", "app_images/gen_esp32s3_no_hash", "image_info/esp_idf_blink_esp32s2")) {
            Bytes img = Vectors.bytes(n + ".bin");
            Verdict v = ImageVerifier.verify(img, Target.any().withAddress(0x10000));
            assertTrue(v.failures().stream().noneMatch(f -> f.check() == Verdict.Check.CHECKSUM || f.check() == Verdict.Check.HASH), n);
        }
        assertTrue(ImageVerifier.verify(Vectors.bytes("image_info/esp_idf_blink_esp32s2.bin"), Target.any()).bootable());
    }

    @Test void badMagic() {
        assertEquals(List.of("image at 0x20000 has invalid magic byte (nothing flashed here?)"),
                messages(Vectors.bytes("app_images/gen_bad_magic_00.bin"), Target.any().withAddress(0x20000)));
    }

    @Test void checksumAndHashFromTheSharedBrokenImages() {
        assertEquals(List.of("Checksum failed. Calculated 0x86 read 0x97"),
                messages(Vectors.bytes("app_images/gen_bad_checksum.bin"), Target.any().withChip(Chip.ESP32))
                        .stream().filter(m -> m.startsWith("Checksum")).toList());
        assertTrue(messages(Vectors.bytes("app_images/gen_bad_sha256.bin"), Target.any())
                .contains("Image hash failed - image is corrupt"));
        assertTrue(messages(Vectors.bytes("app_images/gen_truncated_in_digest.bin"), Target.any())
                .contains("Image hash failed - image is corrupt"));
    }

    @Test void chipIdAndRevisions() {
        Bytes img = APP.withChipRevisions(1, 101, 199).build();
        assertEquals(List.of("mismatch chip ID, expected 5, found 0"), messages(img, Target.any().withChip(Chip.ESP32_C3)));
        assertEquals(List.of("Image requires chip rev >= v1.1, but chip is v1.0"), messages(img, Target.any().withChipRevision(100)));
        assertEquals(List.of("Image requires chip rev <= v1.99, but chip is v3.0"), messages(img, Target.any().withChipRevision(300)));
        assertEquals(List.of(), messages(APP.withChipRevisions(0, 0, 0xFFFF).build(), Target.any().withChipRevision(300)),
                "max 0xFFFF means not set");
        assertEquals(List.of(), messages(APP.withChipRevisions(0, 0, 0).build(), Target.any().withChipRevision(300)),
                "max 0 means not set");
    }

    @Test void segmentLengthAndMapping() {
        Bytes odd = ImageBuilder.forChip(Chip.ESP32).withSegment(0x3FFB0000L, Bytes.filled(6, 1)).build();
        assertEquals(List.of("invalid segment length 0x6"), messages(odd, Target.any()));
        Bytes misplaced = ImageBuilder.forChip(Chip.ESP32).withSegment(0x400D0000L, Bytes.filled(16, 1)).build();
        assertEquals(List.of("Segment 0 load address 0x400d0000, doesn't match data 0x00010020"), messages(misplaced, Target.any()));
    }

    @Test void partitionLengthCountsChecksumAndDigest() {
        Bytes img = APP.build();
        AppImage d = AppImage.decode(img);
        assertEquals(img.size(), d.length());
        assertEquals(List.of(), messages(img, Target.any().withPartitionSize(img.size())));
        assertEquals(List.of("Image length %d doesn't fit in partition length %d".formatted(img.size(), img.size() - 1)),
                messages(img, Target.any().withPartitionSize(img.size() - 1)));
    }

    @Test void secureVersionAgainstEfuse() {
        Bytes img = APP.build();                                       // secure_version 2
        assertEquals(List.of(), messages(img, Target.any().withEfuseSecureVersion(2)));
        assertEquals(List.of("New firmware security version is less than eFuse programmed, 2 < 3"),
                messages(img, Target.any().withEfuseSecureVersion(3)));
    }

    @Test void failuresAreListedInBootloaderOrderAndTheFirstStops() {
        Bytes img = APP.withChipRevisions(0, 200, 0).buildBroken(ImageBuilder.Defect.BAD_CHECKSUM);
        Bytes both = img.with(img.size() - 1, Bytes.of(img.u8(img.size() - 1) ^ 1));
        Verdict v = ImageVerifier.verify(both, Target.any().withChip(Chip.ESP32_C3).withChipRevision(100)
                .withPartitionSize(16).withEfuseSecureVersion(9));
        assertEquals(List.of(Verdict.Check.CHIP_ID, Verdict.Check.CHIP_REVISION, Verdict.Check.CHECKSUM,
                Verdict.Check.PARTITION_LENGTH, Verdict.Check.HASH, Verdict.Check.SECURE_VERSION),
                v.failures().stream().map(Verdict.Failure::check).toList());
        assertEquals(Verdict.Check.CHIP_ID, v.stoppedBy().orElseThrow().check());
        assertEquals("NOT bootable: mismatch chip ID, expected 5, found 0", v.summary());
    }

    /** ESP-IDF 5.2 C2/C6/H2 apps, 2MB flash: the bootloader checks their segments modulo 32 KiB (CONFIG_MMU_PAGE_SIZE). */
    @Test void mmuPageSizeFollowsTheBootloadersConfiguredDefault() {
        for (String chip : List.of("esp32c2", "esp32c6", "esp32h2")) {
            Bytes real = Vectors.bytes("real/files/app/sf_hello_" + chip + "_hello_world.bin");
            AppImage img = AppImage.decode(real);
            assertEquals(0, img.appDescriptor().orElseThrow().mmuPageSize(), chip);
            assertEquals(0x10, img.header().spiSpeedSize() & 0xF0, chip);                 // 2MB
            assertEquals(0x8000, ImageVerifier.mmuPageSize(img, img.chip().orElseThrow()), chip);
            assertTrue(ImageVerifier.verify(real, Target.any().withAddress(0x10000)).bootable(), chip);
            // the same app in a 4MB build: that bootloader uses 64 KiB pages and refuses it
            Bytes fourMb = real.with(3, Bytes.of(0x20 | (real.u8(3) & 0x0F)));
            List<String> mapping = ImageVerifier.verify(fourMb, Target.any().withAddress(0x10000)).failures().stream()
                    .filter(f -> f.check() == Verdict.Check.SEGMENT_MAPPING).map(Verdict.Failure::message).toList();
            assertFalse(mapping.isEmpty(), chip);
            assertTrue(mapping.get(0).matches("Segment \\d load address 0x[0-9a-f]{8}, doesn't match data 0x[0-9a-f]{8}"),
                    mapping.get(0));
        }
    }

    @Test void mmuPageSizeFromTheDescriptorOnlyWhereTheChipHasConfigurablePages() {
        AppDescriptor d15 = AppDescriptor.of("1", "p", 0, "t", "d", "i", Bytes.filled(32, 0), 0, 0, 15);
        AppImage c6 = AppImage.decode(ImageBuilder.app(Chip.ESP32_C6, d15, 1).withFlashBytes(2, 0x40).build());
        assertEquals(0x8000, ImageVerifier.mmuPageSize(c6, Chip.ESP32_C6));          // descriptor beats 16MB default
        AppImage c6NoSize = AppImage.decode(ImageBuilder.app(Chip.ESP32_C6, AppDescriptor.of("1", "p", 0, "t", "d",
                "i", Bytes.filled(32, 0), 0, 0, 0), 1).withFlashBytes(2, 0x00).build());
        assertEquals(0x4000, ImageVerifier.mmuPageSize(c6NoSize, Chip.ESP32_C6));    // 1MB → 16 KiB
        AppImage s3 = AppImage.decode(ImageBuilder.app(Chip.ESP32_S3, d15, 1).withFlashBytes(2, 0x10).build());
        assertEquals(0x10000, ImageVerifier.mmuPageSize(s3, Chip.ESP32_S3));         // fixed 64 KiB
        assertEquals(0x10000, ImageVerifier.mmuPageSize(c6, Chip.ESP32_C5));         // C5: fixed 64 KiB too
    }
}
