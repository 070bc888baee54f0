package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.describe.EsptoolReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Images from the builder, checked field by field and re-derived from the raw bytes (not through the decoder). */
class ImageBuilderTest {
    static List<Chip> chips() { return Arrays.stream(Chip.values()).filter(c -> c != Chip.ESP8266).toList(); }

    static AppDescriptor desc(String version) {
        return AppDescriptor.of(version, "unit", 3, "01:02:03", "Feb  2 2024", "v5.3", Bytes.filled(32, 0xAB), 1, 199, 16);
    }

    @ParameterizedTest @MethodSource("chips")
    void everyChipGetsAValidBootableImage(Chip chip) throws Exception {
        Bytes img = ImageBuilder.app(chip, desc("9.8.7"), 7).withFlash(FlashMode.QIO, "8MB", chip.flashSpeeds().entries().get(0).name()).build();
        byte[] raw = img.toByteArray();
        assertEquals(0xE9, raw[0] & 0xFF);
        assertEquals(4, raw[1]);                                     // DROM, DRAM, IRAM, IROM
        assertEquals(0, raw[2]);                                     // QIO
        assertEquals(0x30, raw[3] & 0xF0);                           // 8MB
        assertEquals(chip.imageChipId(), (raw[12] & 0xFF) | (raw[13] & 0xFF) << 8);
        assertEquals(399, (raw[17] & 0xFF) | (raw[18] & 0xFF) << 8);
        assertEquals(1, raw[23]);
        // walk the segments by hand: checksum = 0xEF ^ data bytes, then the padding to a 16-byte block
        int at = 24, x = 0xEF;
        for (int i = 0; i < 4; i++) {
            int len = (raw[at + 4] & 0xFF) | (raw[at + 5] & 0xFF) << 8 | (raw[at + 6] & 0xFF) << 16;
            for (int j = 0; j < len; j++) x ^= raw[at + 8 + j] & 0xFF;
            at += 8 + len;
        }
        while (at % 16 != 15) assertEquals(0, raw[at++], "zero padding");
        assertEquals(x, raw[at] & 0xFF, "checksum byte");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(raw, at + 1));
        assertArrayEquals(digest, Arrays.copyOfRange(raw, at + 1, at + 33));
        assertEquals(at + 33, raw.length);
        // the descriptor opens segment 0 at 0x20
        assertEquals(0xABCD5432L, img.u32le(0x20));
        assertEquals("9.8.7", new String(raw, 0x30, 5));
        AppImage decoded = AppImage.decode(img);
        assertEquals("9.8.7", decoded.appDescriptor().orElseThrow().versionText());
        assertEquals(3, decoded.appDescriptor().orElseThrow().secureVersion());
        assertTrue(ImageVerifier.verify(img, Target.any().withChip(chip).withChipRevision(100).withPartitionSize(0x100000)).bootable());
        assertEquals(0, EsptoolReport.render(img).exitStatus());
    }

    @Test void sixteenSegmentsAreFineSeventeenAreNot() {
        ImageBuilder b = ImageBuilder.forChip(Chip.ESP32_C3);
        for (int i = 0; i < 16; i++) b = b.withSegment(0x3FC88000L + 0x100L * i, Bytes.filled(16, i));
        Bytes sixteen = b.build();
        assertEquals(16, AppImage.decode(sixteen).segments().size());
        assertTrue(ImageVerifier.verify(sixteen, Target.any()).bootable());
        assertEquals(0, EsptoolReport.render(sixteen).exitStatus());
        Bytes seventeen = b.withSegment(0x3FC90000L, Bytes.filled(16, 0x77)).build();
        assertEquals(17, seventeen.u8(1));
        Verdict v = ImageVerifier.verify(seventeen, Target.any());
        assertEquals(Verdict.Check.SEGMENT_COUNT, v.stoppedBy().orElseThrow().check());
        assertEquals("image at 0x10000 segment count 17 exceeds max 16", v.stoppedBy().orElseThrow().message());
        assertTrue(EsptoolReport.render(seventeen).text().endsWith(
                "A fatal error occurred: Invalid segment count 17 (max 16). Usually this indicates a linker script problem.\n"));
    }

    @Test void zeroLengthSegmentIsKept() {
        Bytes img = ImageBuilder.forChip(Chip.ESP32).withSegment(0x3FFC0000L, Bytes.EMPTY)
                .withSegment(0x40080000L, Bytes.filled(8, 1)).build();
        AppImage d = AppImage.decode(img);
        assertEquals(0, d.segments().get(0).length());
        assertEquals(0x20, d.segments().get(1).headerOffset());
        assertEquals(0xEF, d.computedChecksum(), "the eight 0x01 bytes cancel out");
        assertTrue(d.checksumValid());
    }

    @Test void fullLengthStringsHaveNoTerminator() {
        String v32 = "v1.2.3-very-long-version-string!";                    // exactly 32 bytes
        assertEquals(32, v32.length());
        AppDescriptor d = AppDescriptor.of(v32, "p".repeat(40), 0, "t", "d", "i", Bytes.filled(32, 0), 0, 0, 0);
        Bytes img = ImageBuilder.app(Chip.ESP32, d, 1).build();
        assertEquals(v32, AppDescriptor.decode(esp32ota.bytes.ByteReader.of(img.slice(0x20, 0x120), 0x20)).versionText());
        assertEquals('!', img.u8(0x20 + AppDescriptor.OFF_VERSION + 31));
        assertEquals('p', img.u8(0x20 + AppDescriptor.OFF_PROJECT_NAME + 31), "40 chars cut to 32, no NUL");
        String text = EsptoolReport.render(img).text();
        assertTrue(text.contains("App version: " + v32 + "\n"));
        assertTrue(text.contains("Project name: " + "p".repeat(32) + "\n"));
    }

    @Test void brokenVariantsHaveExactlyTheirDefect() {
        ImageBuilder b = ImageBuilder.app(Chip.ESP32, desc("1"), 5);
        Target esp32 = Target.any().withChip(Chip.ESP32);
        assertEquals(Verdict.Check.MAGIC, firstCheck(b.buildBroken(ImageBuilder.Defect.BAD_MAGIC), esp32));
        assertEquals(Verdict.Check.TRUNCATED, firstCheck(b.buildBroken(ImageBuilder.Defect.TRUNCATED), esp32));
        assertEquals(List.of(Verdict.Check.CHECKSUM), checks(b.buildBroken(ImageBuilder.Defect.BAD_CHECKSUM), esp32));
        assertEquals(List.of(Verdict.Check.HASH), checks(b.buildBroken(ImageBuilder.Defect.BAD_HASH), esp32));
        assertEquals(List.of(Verdict.Check.CHIP_ID), checks(b.buildBroken(ImageBuilder.Defect.WRONG_CHIP), esp32));
        Bytes good = b.build();
        assertEquals(good.size(), b.buildBroken(ImageBuilder.Defect.BAD_HASH).size());
    }

    @Test void builderIsImmutable() {
        ImageBuilder base = ImageBuilder.forChip(Chip.ESP32_S2);
        ImageBuilder more = base.withSegment(0x3FFB0000L, Bytes.filled(4, 9));
        assertEquals(0, base.parts().size());
        assertEquals(1, more.parts().size());
        assertEquals(base.build(), ImageBuilder.forChip(Chip.ESP32_S2).build());
    }

    private static Verdict.Check firstCheck(Bytes img, Target t) { return ImageVerifier.verify(img, t).stoppedBy().orElseThrow().check(); }

    private static List<Verdict.Check> checks(Bytes img, Target t) {
        return ImageVerifier.verify(img, t).failures().stream().map(Verdict.Failure::check).toList();
    }
}
