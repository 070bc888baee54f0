package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.Verdict.Check;
import esp32ota.image.Verdict.Failure;

import java.util.ArrayList;
import java.util.List;

/**
 * The bootloader's checks on an app image (ESP-IDF esp_image_format.c, bootloader_common_loader.c,
 * bootloader_utility.c), with its own log wording. Pure: bytes and a {@link Target} in, a {@link Verdict} out.
 * Not modelled: the per-chip "Segment %d ... invalid: overlaps bootloader stack" RAM checks and signatures.
 */
public final class ImageVerifier {
    private ImageVerifier() {}

    /** Decodes {@code file} and judges it; bytes that cannot be framed give a MAGIC or TRUNCATED failure. */
    public static Verdict verify(Bytes file, Target target) {
        try {
            return verify(AppImage.decode(file), target);
        } catch (DecodeException e) {
            if (e.kind() == DecodeException.Kind.BAD_MAGIC) {
                return new Verdict(List.of(new Failure(Check.MAGIC,
                        "image at 0x%x has invalid magic byte (nothing flashed here?)".formatted(target.address()))));
            }
            return new Verdict(List.of(new Failure(Check.TRUNCATED, "image is truncated: " + e.getMessage())));
        }
    }

    public static Verdict verify(AppImage image, Target target) {
        List<Failure> out = new ArrayList<>();
        ImageHeader h = image.header();
        target.chip().ifPresent(chip -> {
            if (h.chipId() != chip.imageChipId()) {
                out.add(new Failure(Check.CHIP_ID,
                        "mismatch chip ID, expected %d, found %d".formatted(chip.imageChipId(), h.chipId())));
            }
        });
        target.chipRevision().ifPresent(rev -> checkRevision(h, rev, out));
        if (h.segmentCount() > ImageHeader.MAX_SEGMENTS) {
            out.add(new Failure(Check.SEGMENT_COUNT, "image at 0x%x segment count %d exceeds max %d"
                    .formatted(target.address(), h.segmentCount(), ImageHeader.MAX_SEGMENTS)));
        }
        Chip chip = target.chip().or(image::chip).orElse(null);
        long page = mmuPageSize(image, chip);
        for (SegmentHeader s : image.segmentHeaders()) checkSegment(s, chip, page, target.address(), out);
        if (!image.checksumValid()) {
            out.add(new Failure(Check.CHECKSUM, "Checksum failed. Calculated 0x%x read 0x%x"
                    .formatted(image.computedChecksum(), image.storedChecksum())));
        }
        target.partitionSize().ifPresent(size -> {
            if (image.length() > size) {
                out.add(new Failure(Check.PARTITION_LENGTH, "Image length %d doesn't fit in partition length %d"
                        .formatted(image.length(), size)));
            }
        });
        if (image.header().hasHash() && !image.hashValid()) {
            out.add(new Failure(Check.HASH, "Image hash failed - image is corrupt"));
        }
        target.efuseSecureVersion().ifPresent(efuse -> checkSecureVersion(image, efuse, out));
        return new Verdict(out);
    }

    /**
     * The MMU page size the bootloader checks flash-mapped segments against (ESP-IDF esp_image_format.c,
     * {@code verify_segment_header}). On chips whose page size is a build option ({@link Chip#hasConfigurableMmuPage()})
     * it is the descriptor's {@code mmu_page_size} (2^n) when set, otherwise the bootloader's own
     * {@code CONFIG_MMU_PAGE_SIZE}: 16 KiB for a 1MB flash, 32 KiB for 2MB, 64 KiB for larger (soc Kconfig.mmu defaults;
     * the bootloader and the app of one build share the flash size the header names). Other chips: always 64 KiB.
     */
    public static long mmuPageSize(AppImage image, Chip chip) {
        if (chip == null || !chip.hasConfigurableMmuPage()) return 0x10000;
        int log2 = image.appDescriptor().map(AppDescriptor::mmuPageSize).orElse(0);
        if (log2 > 0) return 1L << (log2 & 31);                     // C's 1UL << n on a 32-bit RISC-V core
        return switch (image.header().spiSpeedSize() & 0xF0) {
            case 0x00 -> 0x4000;                                       // 1MB
            case 0x10 -> 0x8000;                                       // 2MB
            default -> 0x10000;
        };
    }

    private static void checkRevision(ImageHeader h, int rev, List<Failure> out) {
        if (rev < h.minChipRevFull()) {
            out.add(new Failure(Check.CHIP_REVISION, "Image requires chip rev >= v%d.%d, but chip is v%d.%d"
                    .formatted(h.minChipRevFull() / 100, h.minChipRevFull() % 100, rev / 100, rev % 100)));
        }
        int max = h.maxChipRevFull();
        if (max != 0 && max != 0xFFFF && rev > max) {
            out.add(new Failure(Check.CHIP_REVISION, "Image requires chip rev <= v%d.%d, but chip is v%d.%d"
                    .formatted(max / 100, max % 100, rev / 100, rev % 100)));
        }
    }

    private static void checkSegment(SegmentHeader s, Chip chip, long page, long base, List<Failure> out) {
        if (!s.hasValidLength()) {
            out.add(new Failure(Check.SEGMENT_LENGTH, "invalid segment length 0x%x".formatted(s.dataLength())));
        }
        long dataAddress = base + s.dataOffset();
        if (chip != null && chip.isFlashMapped(s.loadAddr()) && s.loadAddr() % page != dataAddress % page) {
            out.add(new Failure(Check.SEGMENT_MAPPING, "Segment %d load address 0x%08x, doesn't match data 0x%08x"
                    .formatted(s.index(), s.loadAddr(), dataAddress)));
        }
    }

    private static void checkSecureVersion(AppImage image, long efuse, List<Failure> out) {
        if (image.appDescriptor().isEmpty()) {
            out.add(new Failure(Check.SECURE_VERSION, "Failed to get partition description (no esp_app_desc_t)"));
        } else if (image.appDescriptor().get().secureVersion() < efuse) {
            out.add(new Failure(Check.SECURE_VERSION, "New firmware security version is less than eFuse programmed, %d < %d"
                    .formatted(image.appDescriptor().get().secureVersion(), efuse)));
        }
    }
}
