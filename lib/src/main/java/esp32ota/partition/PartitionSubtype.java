package esp32ota.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Named subtypes per partition type (gen_esp32part v1.5 {@code SUBTYPES}; esp_partition.h
 * {@code esp_partition_subtype_t}). The constants are declared in the tool's dictionary order for each type, because
 * its "Known keywords: …" message lists them in that order. Unknown codes have no constant; the raw code stays in
 * {@link PartitionEntry#subtype()}.
 */
public enum PartitionSubtype {
    BOOTLOADER_PRIMARY(PartitionType.BOOTLOADER, 0x00, "primary"),
    BOOTLOADER_OTA(PartitionType.BOOTLOADER, 0x01, "ota"),
    BOOTLOADER_RECOVERY(PartitionType.BOOTLOADER, 0x02, "recovery"),

    PARTITION_TABLE_PRIMARY(PartitionType.PARTITION_TABLE, 0x00, "primary"),
    PARTITION_TABLE_OTA(PartitionType.PARTITION_TABLE, 0x01, "ota"),

    APP_FACTORY(PartitionType.APP, 0x00, "factory"),
    APP_TEST(PartitionType.APP, 0x20, "test"),
    APP_OTA_0(PartitionType.APP, 0x10, "ota_0"),
    APP_OTA_1(PartitionType.APP, 0x11, "ota_1"),
    APP_OTA_2(PartitionType.APP, 0x12, "ota_2"),
    APP_OTA_3(PartitionType.APP, 0x13, "ota_3"),
    APP_OTA_4(PartitionType.APP, 0x14, "ota_4"),
    APP_OTA_5(PartitionType.APP, 0x15, "ota_5"),
    APP_OTA_6(PartitionType.APP, 0x16, "ota_6"),
    APP_OTA_7(PartitionType.APP, 0x17, "ota_7"),
    APP_OTA_8(PartitionType.APP, 0x18, "ota_8"),
    APP_OTA_9(PartitionType.APP, 0x19, "ota_9"),
    APP_OTA_10(PartitionType.APP, 0x1A, "ota_10"),
    APP_OTA_11(PartitionType.APP, 0x1B, "ota_11"),
    APP_OTA_12(PartitionType.APP, 0x1C, "ota_12"),
    APP_OTA_13(PartitionType.APP, 0x1D, "ota_13"),
    APP_OTA_14(PartitionType.APP, 0x1E, "ota_14"),
    APP_OTA_15(PartitionType.APP, 0x1F, "ota_15"),
    APP_TEE_0(PartitionType.APP, 0x30, "tee_0"),
    APP_TEE_1(PartitionType.APP, 0x31, "tee_1"),

    DATA_OTA(PartitionType.DATA, 0x00, "ota"),
    DATA_PHY(PartitionType.DATA, 0x01, "phy"),
    DATA_NVS(PartitionType.DATA, 0x02, "nvs"),
    DATA_COREDUMP(PartitionType.DATA, 0x03, "coredump"),
    DATA_NVS_KEYS(PartitionType.DATA, 0x04, "nvs_keys"),
    DATA_EFUSE(PartitionType.DATA, 0x05, "efuse"),
    DATA_UNDEFINED(PartitionType.DATA, 0x06, "undefined"),
    DATA_ESPHTTPD(PartitionType.DATA, 0x80, "esphttpd"),
    DATA_FAT(PartitionType.DATA, 0x81, "fat"),
    DATA_SPIFFS(PartitionType.DATA, 0x82, "spiffs"),
    DATA_LITTLEFS(PartitionType.DATA, 0x83, "littlefs"),
    DATA_TEE_OTA(PartitionType.DATA, 0x90, "tee_ota");

    /** First OTA app subtype ({@code ESP_PARTITION_SUBTYPE_APP_OTA_MIN}); slot n has subtype 0x10 + n. */
    public static final int APP_OTA_MIN = 0x10;
    /** Number of OTA app subtypes (ota_0 … ota_15). */
    public static final int APP_OTA_COUNT = 16;

    private final PartitionType type;
    private final int code;
    private final String keyword;

    PartitionSubtype(PartitionType type, int code, String keyword) {
        this.type = type;
        this.code = code;
        this.keyword = keyword;
    }

    public PartitionType type() { return type; }

    public int code() { return code; }

    public String keyword() { return keyword; }

    /** The named subtype for a raw type and subtype code, if there is one. */
    public static Optional<PartitionSubtype> of(int typeCode, int subtypeCode) {
        for (PartitionSubtype s : values()) {
            if (s.type.code() == typeCode && s.code == subtypeCode) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The subtypes of a type in the tool's keyword order; empty for custom types. */
    public static List<PartitionSubtype> keywordsOf(int typeCode) {
        List<PartitionSubtype> list = new ArrayList<>();
        for (PartitionSubtype s : values()) if (s.type.code() == typeCode) list.add(s);
        return List.copyOf(list);
    }

    /** The OTA app subtype for slot {@code n} (0–15). */
    public static PartitionSubtype appOta(int n) {
        if (n < 0 || n >= APP_OTA_COUNT) throw new IllegalArgumentException("OTA slot " + n + " is not 0-15");
        return values()[APP_OTA_0.ordinal() + n];
    }
}
