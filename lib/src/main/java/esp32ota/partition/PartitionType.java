package esp32ota.partition;

import java.util.List;
import java.util.Optional;

/**
 * Partition types ({@code esp_partition_type_t}, esp_partition.h; gen_esp32part {@code TYPES}). Custom types
 * 0x40–0xFE have no enum constant: the raw code stays in {@link PartitionEntry#type()}.
 */
public enum PartitionType {
    APP(0x00, "app"),
    DATA(0x01, "data"),
    BOOTLOADER(0x02, "bootloader"),
    PARTITION_TABLE(0x03, "partition_table");

    private final int code;
    private final String keyword;

    PartitionType(int code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    public int code() { return code; }

    /** The CSV keyword: {@code app}, {@code data}, … */
    public String keyword() { return keyword; }

    public static Optional<PartitionType> fromCode(int code) {
        return Optional.ofNullable(switch (code) {
            case 0x00 -> APP;
            case 0x01 -> DATA;
            case 0x02 -> BOOTLOADER;
            case 0x03 -> PARTITION_TABLE;
            default -> null;
        });
    }

    /** Case-insensitive keyword lookup, as gen_esp32part does it. */
    public static Optional<PartitionType> fromKeyword(String keyword) {
        for (PartitionType t : KEYWORD_ORDER) if (t.keyword.equalsIgnoreCase(keyword)) return Optional.of(t);
        return Optional.empty();
    }

    /**
     * The keywords in gen_esp32part's dictionary order, which its error message lists:
     * "Known keywords: bootloader, partition_table, app, data".
     */
    public static final List<PartitionType> KEYWORD_ORDER = List.of(BOOTLOADER, PARTITION_TABLE, APP, DATA);
}
