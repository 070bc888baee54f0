package esp32ota.describe;

import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;

import java.util.List;
import java.util.Optional;

/**
 * The 24-byte app image header ({@link ImageHeader}, {@code esp_image_header_t}) field by field, for people: where
 * each field lies, its stored value and what it means on the header's chip. The teaching report, {@code ./kit diff}
 * and the views' header tables all list these rows.
 */
public final class ImageHeaderDescriber {
    private ImageHeaderDescriber() {}

    /**
     * Bytes 0x00-0x07, the part every image format shares, field by field: h.magic(), segment count, flash mode, the
     * size and speed nibbles named by this header's chip, and the entry point.
     */
    public static List<ExplainedField> fields(ImageHeader h) {
        Optional<Chip> chip = h.chip();
        return List.of(
                new ExplainedField("magic", ImageHeader.OFF_MAGIC, 1, "0x%02X".formatted(h.magic()), "ESP_IMAGE_HEADER_MAGIC"),
                new ExplainedField("segment_count", ImageHeader.OFF_SEGMENT_COUNT, 1, String.valueOf(h.segmentCount()),
                        "max " + ImageHeader.MAX_SEGMENTS),
                new ExplainedField("spi_mode", ImageHeader.OFF_SPI_MODE, 1, String.valueOf(h.spiMode()),
                        h.flashMode().map(Enum::name).orElse("unknown mode")),
                new ExplainedField("spi_size (high nibble)", ImageHeader.OFF_SPI_SPEED_SIZE, 1,
                        "0x%X".formatted(h.flashSizeBits() >> 4),
                        chip.flatMap(c -> c.flashSizes().nameOf(h.flashSizeBits())).orElse("no name on this chip")),
                new ExplainedField("spi_speed (low nibble)", ImageHeader.OFF_SPI_SPEED_SIZE, 1, "0x%X".formatted(h.flashSpeedBits()),
                        chip.flatMap(c -> c.flashSpeeds().nameOf(h.flashSpeedBits())).orElse("no name on this chip")),
                new ExplainedField("entry_addr", ImageHeader.OFF_ENTRY_ADDR, 4, "0x%08X".formatted(h.entryAddr()),
                        "first instruction after loading"));
    }

    /** Bytes 0x08-0x17, the extended header, field by field: pins, chip, chip revisions, reserved, hash flag. */
    public static List<ExplainedField> extendedFields(ImageHeader h) {
        return List.of(
                new ExplainedField("wp_pin", ImageHeader.OFF_WP_PIN, 1, "0x%02X".formatted(h.wpPin()),
                        h.wpPin() == ImageHeader.WP_PIN_DISABLED ? "disabled" : "GPIO " + h.wpPin()),
                new ExplainedField("spi_pin_drv", ImageHeader.OFF_SPI_PIN_DRV, 3, h.spiPinDrv().hex(),
                        "drive strengths clk %d, q %d, d %d, cs0 %d, hd %d, wp %d".formatted(h.driveStrength(0),
                                h.driveStrength(1), h.driveStrength(2), h.driveStrength(3), h.driveStrength(4),
                                h.driveStrength(5))),
                new ExplainedField("chip_id", ImageHeader.OFF_CHIP_ID, 2, String.valueOf(h.chipId()),
                        h.chip().map(Chip::esptoolName).orElse("unknown chip id")),
                new ExplainedField("min_chip_rev", ImageHeader.OFF_MIN_CHIP_REV, 1, String.valueOf(h.minChipRev()),
                        "legacy minimum revision"),
                new ExplainedField("min_chip_rev_full", ImageHeader.OFF_MIN_CHIP_REV_FULL, 2, String.valueOf(h.minChipRevFull()),
                        ExplainedField.revision(h.minChipRevFull()) + " (major*100 + minor)"),
                new ExplainedField("max_chip_rev_full", ImageHeader.OFF_MAX_CHIP_REV_FULL, 2, String.valueOf(h.maxChipRevFull()),
                        h.maxChipRevFull() == 0 || h.maxChipRevFull() == 0xFFFF ? "not set"
                                : ExplainedField.revision(h.maxChipRevFull()) + " (upper bound)"),
                new ExplainedField("reserved", ImageHeader.OFF_RESERVED, 4, h.reserved().hex(),
                        h.reserved().allEqual(0) ? "zero" : "not zero"),
                new ExplainedField("hash_appended", ImageHeader.OFF_HASH_APPENDED, 1, String.valueOf(h.hashAppended()),
                        h.hasHash() ? "SHA-256 follows the checksum" : "no digest"));
    }
}
