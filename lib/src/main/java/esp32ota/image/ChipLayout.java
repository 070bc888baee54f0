package esp32ota.image;

import esp32ota.bytes.Bytes;

import java.util.Random;

/**
 * Where a typical app puts its segments on each chip (addresses taken from ESP-IDF linker layouts, simplified): the
 * start of the DROM window (read-only data, descriptor first), a DRAM and an IRAM address, the IROM window.
 * Package-private: {@link ImageBuilder#app} uses it.
 */
record ChipLayout(long dromBase, long dram, long iram, long iromBase) {
    static final long MMU_PAGE = 0x10000;

    static ChipLayout of(Chip chip) {
        return switch (chip) {
            case ESP32 -> new ChipLayout(0x3F400000L, 0x3FFB0000L, 0x40080000L, 0x400D0000L);
            case ESP32_S2 -> new ChipLayout(0x3F000000L, 0x3FFB0000L, 0x40022000L, 0x40080000L);
            case ESP32_S3, ESP32_S3_BETA2 -> new ChipLayout(0x3C000000L, 0x3FC90000L, 0x40374000L, 0x42000000L);
            case ESP32_C3, ESP32_C6_BETA, ESP32_H2_BETA1, ESP32_H2_BETA2 ->
                    new ChipLayout(0x3C000000L, 0x3FC88000L, 0x40380000L, 0x42000000L);
            case ESP32_C2 -> new ChipLayout(0x3C000000L, 0x3FCA0000L, 0x40380000L, 0x42000000L);
            case ESP32_C6, ESP32_C61, ESP32_H2, ESP32_H21, ESP32_H4 ->
                    new ChipLayout(0x42800000L, 0x40808000L, 0x40800000L, 0x42000000L);
            case ESP32_C5 -> new ChipLayout(0x42800000L, 0x40808000L, 0x40800000L, 0x42000000L);
            case ESP32_C5_BETA3 -> new ChipLayout(0x41000000L, 0x40808000L, 0x40800000L, 0x41000000L);
            case ESP32_P4 -> new ChipLayout(0x40000000L, 0x4FF10000L, 0x4FF00000L, 0x40100000L);
            case ESP8266 -> throw new IllegalArgumentException("ESP8266 has no ESP32-style layout");
        };
    }

    /** Load address of the first DROM byte: the window start plus the 0x20 bytes of headers before it in the file. */
    long dromLoad() { return dromBase + 0x20; }

    /** DROM (rodata after the descriptor), DRAM, IRAM, then IROM aligned to its file offset; entry in IRAM. */
    ImageBuilder app(ImageBuilder base, Random random) {
        ImageBuilder b = base.withSegment(dromLoad(), data(random, 0x100))
                .withSegment(dram, data(random, 0x80))
                .withSegment(iram, data(random, 0x200))
                .withEntry(iram + 0x40);
        long iromDataOffset = 0x18;
        for (ImageBuilder.Part p : b.segments()) iromDataOffset += Segment.HEADER_SIZE + p.data().size();
        iromDataOffset += Segment.HEADER_SIZE;
        return b.withSegment(iromBase + iromDataOffset % MMU_PAGE, data(random, 0x400));
    }

    static Bytes data(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return Bytes.of(b);
    }
}
