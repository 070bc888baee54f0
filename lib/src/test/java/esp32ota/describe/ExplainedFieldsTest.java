package esp32ota.describe;

import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.image.ImageHeader;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Header and descriptor fields spelled out. Expected values are esptool v4.12.0's own reading of the shared vector
 * ({@code app_images/gen_esp32s2_pins_revisions.image_info.txt}, quoted next to each assertion); offsets come from
 * the layout tables in formats.md §4.1 and §4.7.
 */
class ExplainedFieldsTest {
    static final AppImage PINS = AppImage.decode(Vectors.bytes("app_images/gen_esp32s2_pins_revisions.bin"));

    @Test void headerBytesZeroToSevenAsEsptoolNamesThem() {
        List<ExplainedField> f = ImageHeaderDescriber.fields(PINS.header());
        assertEquals(List.of("magic", "segment_count", "spi_mode", "spi_size (high nibble)", "spi_speed (low nibble)",
                "entry_addr"), f.stream().map(ExplainedField::field).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 3L, 4L), f.stream().map(ExplainedField::fileOffset).toList());
        assertEquals(new ExplainedField("magic", 0, 1, "0xE9", "ESP_IMAGE_HEADER_MAGIC"), f.get(0));
        assertEquals("6", f.get(1).value());                                          // Segments: 6
        assertEquals(List.of("2", "DIO"), List.of(f.get(2).value(), f.get(2).meaning()));  // Flash mode: DIO
        assertEquals(List.of("0x1", "2MB"), List.of(f.get(3).value(), f.get(3).meaning()));  // Flash size: 2MB
        assertEquals(List.of("0x0", "40m"), List.of(f.get(4).value(), f.get(4).meaning()));  // Flash freq: 40m
        assertEquals(new ExplainedField("entry_addr", 4, 4, "0x40022040", "first instruction after loading"), f.get(5));
    }

    @Test void extendedHeaderFieldsCoverBytes8To23InOrder() {
        List<ExplainedField> f = ImageHeaderDescriber.extendedFields(PINS.header());
        assertEquals(List.of(
                new ExplainedField("wp_pin", 0x08, 1, "0x11", "GPIO 17"),                              // WP pin: 0x11
                // clk_drv: 0xf, q_drv: 0x0, d_drv: 0x0, cs0_drv: 0xf, hd_drv: 0xa, wp_drv: 0x5
                new ExplainedField("spi_pin_drv", 0x09, 3, "0ff05a", "drive strengths clk 15, q 0, d 0, cs0 15, hd 10, wp 5"),
                new ExplainedField("chip_id", 0x0C, 2, "2", "ESP32-S2"),                               // Chip ID: 2 (ESP32-S2)
                new ExplainedField("min_chip_rev", 0x0E, 1, "1", "legacy minimum revision"),           // legacy min_rev = 1
                new ExplainedField("min_chip_rev_full", 0x0F, 2, "100", "v1.0 (major*100 + minor)"),  // Minimal chip revision: v1.0
                new ExplainedField("max_chip_rev_full", 0x11, 2, "199", "v1.99 (upper bound)"),       // Maximal chip revision: v1.99
                new ExplainedField("reserved", 0x13, 4, "00000000", "zero"),
                new ExplainedField("hash_appended", 0x17, 1, "1", "SHA-256 follows the checksum")), f);
        long at = ImageHeader.OFF_WP_PIN;
        for (ExplainedField e : f) {
            assertEquals(at, e.fileOffset(), e.field());
            at += e.size();
        }
        assertEquals(ImageHeader.SIZE, at);
    }

    @Test void unsetAndUnknownHeaderValuesAreSaidSo() {
        ImageHeader h = ImageBuilder.forChip(Chip.ESP32).withChipId(0x100).withChipRevisions(0, 0, 0xFFFF)
                .withHash(false).withFlashBytes(7, 0x9A).header();
        assertEquals("unknown mode", ImageHeaderDescriber.fields(h).get(2).meaning());
        assertEquals("no name on this chip", ImageHeaderDescriber.fields(h).get(3).meaning());                      // size nibble 9
        assertEquals("unknown chip id", ImageHeaderDescriber.extendedFields(h).get(2).meaning());
        assertEquals("not set", ImageHeaderDescriber.extendedFields(h).get(5).meaning());
        assertEquals("no digest", ImageHeaderDescriber.extendedFields(h).get(7).meaning());
        assertEquals("disabled", ImageHeaderDescriber.extendedFields(h).get(0).meaning());                          // 0xEE
    }

    @Test void descriptorFieldsAtTheirFileOffsets() {
        List<ExplainedField> f = AppDescriptorDescriber.fields(PINS.appDescriptor().orElseThrow());
        assertEquals(List.of("magic_word", "secure_version", "reserv1", "version", "project_name", "time", "date",
                "idf_ver", "app_elf_sha256", "min_efuse_blk_rev_full", "max_efuse_blk_rev_full", "mmu_page_size",
                "reserv3", "reserv2"), f.stream().map(ExplainedField::field).toList());
        long at = 0x20;                                   // the descriptor opens segment 0's data
        for (ExplainedField e : f) {
            assertEquals(at, e.fileOffset(), e.field());
            at += e.size();
        }
        assertEquals(0x20 + AppDescriptor.SIZE, at);
        assertEquals(new ExplainedField("magic_word", 0x20, 4, "0xABCD5432", "ESP_APP_DESC_MAGIC_WORD"), f.get(0));
        assertEquals("0", f.get(1).value());                                                     // Secure version: 0
        assertEquals(new ExplainedField("version", 0x30, 32, "drv", ""), f.get(3));              // App version: drv
        assertEquals(new ExplainedField("project_name", 0x50, 32, "pins", ""), f.get(4));        // Project name: pins
        assertEquals(List.of("12:00:00", "Jan  1 2025", "v5.4.1"), List.of(f.get(5).value(), f.get(6).value(), f.get(7).value()));
        assertEquals("821c3f8fc59c62e8370f2710a0f086772eb6abd7f33ad111901f776384a5e715", f.get(8).value());  // ELF file SHA256
        assertEquals(List.of("v0.0", "v0.99"), List.of(f.get(9).meaning(), f.get(10).meaning()));  // eFuse block revision 0.0 / 0.99
        assertEquals("not set", f.get(11).meaning());                                            // no "MMU page size" line
    }

    @Test void mmuPageSizeAsAPowerOfTwo() {
        // gen_esp32.image_info.txt: "MMU page size: 64 KB", "Secure version: 1"
        AppDescriptor d = AppImage.decode(Vectors.bytes("app_images/gen_esp32.bin")).appDescriptor().orElseThrow();
        assertEquals(new ExplainedField("mmu_page_size", 0x20 + 0xB4, 1, "16", "2^16 = 65536 bytes"), AppDescriptorDescriber.fields(d).get(11));
        assertEquals("1", AppDescriptorDescriber.fields(d).get(1).value());
    }
}
