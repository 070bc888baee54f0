package esp32ota.describe;

import esp32ota.bytes.Bytes;
import esp32ota.image.AppDescriptor;

import java.util.List;

/**
 * The application description ({@link AppDescriptor}, {@code esp_app_desc_t}) field by field, for people: file
 * offset, stored value, meaning. The teaching report, {@code ./kit diff} and the views' descriptor table list these
 * rows.
 */
public final class AppDescriptorDescriber {
    private AppDescriptorDescriber() {}

    /**
     * Every field in layout order, with its file offset ({@link AppDescriptor#address()} + the field's offset): text fields as
     * text, revisions as versions, reserved fields as "zero" or their bytes.
     */
    public static List<ExplainedField> fields(AppDescriptor d) {
        return List.of(
                field(d, "magic_word", AppDescriptor.OFF_MAGIC_WORD, 4, "0x%08X".formatted(d.magicWord()),
                        d.hasMagic() ? "ESP_APP_DESC_MAGIC_WORD" : "not the descriptor magic 0xABCD5432"),
                field(d, "secure_version", AppDescriptor.OFF_SECURE_VERSION, 4, String.valueOf(d.secureVersion()),
                        "anti-rollback version"),
                reserved(d, "reserv1", AppDescriptor.OFF_RESERV1, d.reserv1()),
                textField(d, "version", AppDescriptor.OFF_VERSION, d.version()), textField(d, "project_name", AppDescriptor.OFF_PROJECT_NAME, d.projectName()),
                textField(d, "time", AppDescriptor.OFF_TIME, d.time()), textField(d, "date", AppDescriptor.OFF_DATE, d.date()),
                textField(d, "idf_ver", AppDescriptor.OFF_IDF_VER, d.idfVer()),
                field(d, "app_elf_sha256", AppDescriptor.OFF_APP_ELF_SHA256, 32, d.appElfSha256().hex(), "SHA-256 of the ELF file"),
                field(d, "min_efuse_blk_rev_full", AppDescriptor.OFF_MIN_EFUSE_BLK_REV_FULL, 2, String.valueOf(d.minEfuseBlkRevFull()),
                        ExplainedField.revision(d.minEfuseBlkRevFull())),
                field(d, "max_efuse_blk_rev_full", AppDescriptor.OFF_MAX_EFUSE_BLK_REV_FULL, 2, String.valueOf(d.maxEfuseBlkRevFull()),
                        ExplainedField.revision(d.maxEfuseBlkRevFull())),
                field(d, "mmu_page_size", AppDescriptor.OFF_MMU_PAGE_SIZE, 1, String.valueOf(d.mmuPageSize()),
                        d.mmuPageSize() == 0 ? "not set" : "2^%d = %d bytes".formatted(d.mmuPageSize(), d.mmuPageBytes())),
                reserved(d, "reserv3", AppDescriptor.OFF_RESERV3, d.reserv3()), reserved(d, "reserv2", AppDescriptor.OFF_RESERV2, d.reserv2()));
    }

    private static ExplainedField field(AppDescriptor d, String name, int offset, int size, String value, String meaning) {
        return new ExplainedField(name, d.address() + offset, size, value, meaning);
    }

    private static ExplainedField textField(AppDescriptor d, String name, int offset, Bytes raw) {
        return field(d, name, offset, raw.size(), AppDescriptor.text(raw), "");
    }

    private static ExplainedField reserved(AppDescriptor d, String name, int offset, Bytes raw) {
        boolean zero = raw.allEqual(0);
        return field(d, name, offset, raw.size(), zero ? "0" : raw.hex(), zero ? "zero" : "not zero");
    }
}
