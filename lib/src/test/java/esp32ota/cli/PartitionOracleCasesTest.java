package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Odd and invalid partition tables, one per rule and message of gen_esp32part v1.5 (formats.md §2), run through
 * {@code ./kit partition}. Every expected exit status, stderr text, binary SHA-256 and decoded CSV below was
 * produced by running the oracle ({@link GenEsp32Part}: gen_esp32part.py v1.5 with -q, an empty environment plus the
 * variables shown) on the same input; its decoded CSV is what the oracle printed for its own binary. The test mode
 * {@code -Dgen_esp32part=PATH} asks the oracle again and compares ({@link #theOracleStillGivesTheFrozenCsvAnswers}).
 *
 * <p>Where the oracle crashes with a Python traceback (exit 1: {@code keyword_with_suffix_is_multiplied},
 * {@code type_too_large_for_u8}, {@code name_warning_then_crash_nvsk}, {@code offset_above_u32},
 * {@code bin_md5_row_without_md5_option}) the expected stderr is what the oracle printed before the traceback,
 * followed by the kit's own one-line error, and the status is 2: those last lines are the kit's specification.
 *
 * <p>Binary cases start from the shared vector idf_two_ota.bin: {@code rows(n, true)} is its first n rows plus an
 * all-0xFF end row (so no MD5 row has to be recomputed after a patch), {@code cut(n)} its first n bytes, and each
 * {@code patch(offset, hex)} overwrites bytes (row k starts at k × 0x20: +0x02 type, +0x03 subtype, +0x04 offset,
 * +0x08 size, +0x0C label, +0x1C flags).
 */
class PartitionOracleCasesTest {
    static final String HINT = "Please check extra_partition_subtypes.inc file in build/config directory\n";

    record CsvCase(String csv, List<String> args, Map<String, String> env, int exit, String stderr, String sha256,
                   String decoded) {}

    record BinCase(Bytes input, List<String> args, int exit, String stderr, String stdout) {}

    record Patch(int offset, String hex) {}

    static Stream<Named<CsvCase>> csvCases() {
        return Stream.of(
        csv("octal_looking_decimal", "nvs,data,nvs,010,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value 010\n" + HINT,
                null, null),
        csv("double_underscore", "nvs,data,nvs,0x9__000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value 0x9__000\n" + HINT,
                null, null),
        csv("trailing_underscore", "nvs,data,nvs,0x9000_,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value 0x9000_\n" + HINT,
                null, null),
        csv("underscore_after_prefix_and_between_digits", "nvs,data,nvs,0x_9000,12_288\n", List.of(), Map.of(),
                0, "",
                "3c916d2cc03573391a23c9cf7c819243cf5d5fba9f17715e595c40bc8fddda60", decoded("nvs,data,nvs,0x9000,12K,")),
        csv("octal_binary_prefixes_and_zeros", "nvs,data,nvs,0o110000,0b110000000000000\nphy,data,phy,,00\n", List.of("--no-verify"), Map.of(),
                0, "",
                "617ad22fa273499193b094ec6d12700d205b6d408b01449a284e5fdbec074104", decoded("nvs,data,nvs,0x9000,24K,", "phy,data,phy,0xf000,0M,")),
        csv("sign_and_inner_space", "nvs,data,nvs,+0x9000,4 K\n", List.of("--no-verify"), Map.of(),
                0, "",
                "93331a83cef3a0e110c4f81e26e5b5f36eb0ca0fd7f30e398510d9a51347544f", decoded("nvs,data,nvs,0x9000,4K,")),
        csv("space_after_sign", "nvs,data,nvs,- 0x9000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value - 0x9000\n" + HINT,
                null, null),
        csv("unicode_digits", "nvs,data,nvs,0x\uff19000,\uff12\uff14K\n", List.of(), Map.of(),
                0, "",
                "624755b8e3db2ec1f74ca14473bde26dad05dec6c946faddc2564f7f732cc2f8", decoded("nvs,data,nvs,0x9000,24K,")),
        csv("suffix_recursion", "nvs,data,nvs,,24K\nfactory,app,factory,,1kk\nstorage,data,fat,,1Mk\n", List.of(), Map.of(),
                0, "",
                "9406b5939ba35fb73b5427e166a7ac8f0301e3d0be1b0b266911ecb2dfba5e0f", decoded("nvs,data,nvs,0x9000,24K,", "factory,app,factory,0x10000,1M,", "storage,data,fat,0x110000,1024M,")),
        csv("kelvin_sign_suffix", "nvs,data,nvs,,24\u212a\n", List.of(), Map.of(),
                0, "",
                "624755b8e3db2ec1f74ca14473bde26dad05dec6c946faddc2564f7f732cc2f8", decoded("nvs,data,nvs,0x9000,24K,")),
        csv("bare_suffix", "nvs,data,nvs,0x9000,k\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value \n" + HINT,
                null, null),
        csv("keyword_after_suffix_strip", "nvs,data,nvram,0x9000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Value 'nvra' is not valid. Known keywords: ota, phy, nvs, coredump, nvs_keys, efuse, undefined, esphttpd, fat, spiffs, littlefs, tee_ota\n" + HINT,
                null, null),
        csv("keyword_with_suffix_is_multiplied", "x,data,nvsk,0x9000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: subtype 0x800 does not fit in its 1-byte field (0x0-0xff)\n",
                null, null),
        csv("type_keyword_unknown", "nvs,datum,nvs,0x9000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Value 'datu' is not valid. Known keywords: bootloader, partition_table, app, data\n" + HINT,
                null, null),
        csv("app_subtype_unknown_lists_app_keywords", "a,app,ota_16,0x10000,1M\n", List.of(), Map.of(),
                2, "Error at line 1: Value 'ota_16' is not valid. Known keywords: factory, test, ota_0, ota_1, ota_2, ota_3, ota_4, ota_5, ota_6, ota_7, ota_8, ota_9, ota_10, ota_11, ota_12, ota_13, ota_14, ota_15, tee_0, tee_1\n" + HINT,
                null, null),
        csv("keywords_case_insensitive", "nvs,DATA,NVS,0x9000,0x6000\nfactory,App,Factory,0x10000,1M\n", List.of(), Map.of(),
                0, "",
                "4d02417ef1902b866e90e7d2e4a5824aa415d01561e70d71c5bb62541716cee0", decoded("nvs,data,nvs,0x9000,24K,", "factory,app,factory,0x10000,1M,")),
        csv("custom_type_numeric_subtype_only", "x,0x40,nvs,0x9000,0x1000\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value nvs\n" + HINT,
                null, null),
        csv("empty_subtype_data_custom_bootloader", "d,data,,0x9000,0x1000\nc,0x40,,0xa000,0x1000\n", List.of(), Map.of(),
                0, "",
                "df5ac570d388f128ddd4f06290a0f95402e22ace1c0b3e079a228333ffad50c5", decoded("d,data,undefined,0x9000,4K,", "c,64,6,0xa000,4K,")),
        csv("empty_type", "nvs,,nvs,0x9000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Field 'type' can't be left empty.\n" + HINT,
                null, null),
        csv("empty_size", "nvs,data,nvs,0x9000\n", List.of(), Map.of(),
                2, "Error at line 1: Size field can't be empty\n" + HINT,
                null, null),
        csv("braced_and_plain_variables", "${NAME},data,nvs,$OFF,${SIZE}\n", List.of(), Map.of("NAME", "nvs", "OFF", "0x9000", "SIZE", "24K"),
                0, "",
                "624755b8e3db2ec1f74ca14473bde26dad05dec6c946faddc2564f7f732cc2f8", decoded("nvs,data,nvs,0x9000,24K,")),
        csv("unknown_variable_at_line_start", "$UNSET_NAME,data,nvs,0x9000,0x6000\n", List.of(), Map.of(),
                2, "unknown variable 'UNSET_NAME'\n",
                null, null),
        csv("unknown_variable_elsewhere_stays_literal", "nvs,data,nvs,$UNSET_OFF,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Invalid field value $UNSET_OFF\n" + HINT,
                null, null),
        csv("unknown_variable_after_leading_space", "  $UNSET_NAME,data,nvs,0x9000,0x6000\n", List.of(), Map.of(),
                0, "",
                "c00f54ca42ae88f6007544737e23cd3c2663ae826e3cb5aea43817c110d08a0b", decoded("$UNSET_NAME,data,nvs,0x9000,24K,")),
        csv("variable_holding_a_whole_row", "# table\n$ROW\n", List.of(), Map.of("ROW", "nvs,data,nvs,0x9000,0x6000"),
                0, "",
                "624755b8e3db2ec1f74ca14473bde26dad05dec6c946faddc2564f7f732cc2f8", decoded("nvs,data,nvs,0x9000,24K,")),
        csv("crlf_lines_counted", "# comment\r\n\r\nnvs,data,nvs,0x9000,0x6000\r\nbad,data,nvs,0xf000,k\r\n", List.of(), Map.of(),
                2, "Error at line 4: Invalid field value \n" + HINT,
                null, null),
        csv("cr_and_formfeed_breaks", "nvs,data,nvs,0x9000,0x6000\rphy,data,phy,,4K\u000cbad,data,,,zz\n", List.of(), Map.of(),
                2, "Error at line 3: Invalid field value zz\n" + HINT,
                null, null),
        csv("unicode_line_separators", "nvs,data,nvs,0x9000,0x6000\u2028phy,data,phy,,4K\u0085x,data,nvs,,\n", List.of(), Map.of(),
                2, "Error at line 3: Size field can't be empty\n" + HINT,
                null, null),
        csv("comment_lines_counted", "# one\n# two\n\n   \nnvs,data,nvs,0x9000,0x6000\n# three\nbad,dta,nvs,,4K\n", List.of(), Map.of(),
                2, "Error at line 7: Value 'dta' is not valid. Known keywords: bootloader, partition_table, app, data\n" + HINT,
                null, null),
        csv("negative_size_is_end_address", "nvs,data,nvs,,24K\nfactory,app,factory,0x10000,-0x200000\n", List.of(), Map.of(),
                0, "",
                "2b9bf67d3063a2ac5e34b01a9310decc8f9a297185c7bd5e216abe3632b2cb4c", decoded("nvs,data,nvs,0x9000,24K,", "factory,app,factory,0x10000,1984K,")),
        csv("negative_size_below_offset", "nvs,data,nvs,0x9000,-0x1000\n", List.of(), Map.of(),
                2, "Partition nvs invalid: 'nvs' partition of type 1 and subtype 2 of this size (0x-8000) must be flagged as 'readonly' (the size of read/write NVS has to be at least 0x3000)\n",
                null, null),
        csv("automatic_alignment_data_then_app", "nvs,data,nvs,,0x5000\nphy,data,phy,,0x1000\nfactory,app,factory,,1M\nspiffs,data,spiffs,,0x800\nfs2,data,fat,,4K\n", List.of(), Map.of(),
                0, "",
                "cb8cb0eb7bd10cd14187b6b4ed280054df6756591fcc1bda47281d49332bb5e1", decoded("nvs,data,nvs,0x9000,20K,", "phy,data,phy,0xe000,4K,", "factory,app,factory,0x10000,1M,", "spiffs,data,spiffs,0x110000,2K,", "fs2,data,fat,0x111000,4K,")),
        csv("overlap_first_row_message", "nvs,data,nvs,0x8000,0x6000\n", List.of(), Map.of(),
                2, "CSV Error at line 1: Partitions overlap. Partition sets offset 0x8000. But partition table occupies the whole sector 0x8000. Use a free offset 0x9000 or higher.\n",
                null, null),
        csv("overlap_previous_row_message", "nvs,data,nvs,0x9000,0x6000\nphy,data,phy,0xe000,4K\n", List.of(), Map.of(),
                2, "CSV Error at line 2: Partitions overlap. Partition sets offset 0xe000. Previous partition ends 0xf000\n",
                null, null),
        csv("overlap_row_equal_to_first_row", "a,data,nvs,0x9000,0x3000\na,data,nvs,0x9000,0x3000\n", List.of(), Map.of(),
                2, "CSV Error at line 2: Partitions overlap. Partition sets offset 0x9000. But partition table occupies the whole sector 0x8000. Use a free offset 0xc000 or higher.\n",
                null, null),
        csv("overlap_with_table_offset", "nvs,data,nvs,0x9000,0x6000\n", List.of("--offset", "0x9000"), Map.of(),
                2, "CSV Error at line 1: Partitions overlap. Partition sets offset 0x9000. But partition table occupies the whole sector 0x9000. Use a free offset 0xa000 or higher.\n",
                null, null),
        csv("bootloader_row_without_offset_option", "bootloader,bootloader,primary,,\nnvs,data,nvs,0x9000,0x6000\n", List.of(), Map.of(),
                2, "Error at line 1: Primary bootloader offset is not defined. Please use --primary-bootloader-offset\n" + HINT,
                null, null),
        csv("bootloader_and_partition_table_rows", "bootloader,bootloader,primary,,\npartition_table,partition_table,primary,,\nnvs,data,nvs,0x9000,0x6000\n", List.of("--primary-bootloader-offset", "0x1000"), Map.of(),
                0, "",
                "98b6ccc51019a5158b2035d6f2797e38bf54afe8a8b3ecbc70094ea30e3b2731", decoded("bootloader,bootloader,primary,0x1000,28K,", "partition_table,partition_table,primary,0x8000,4K,", "nvs,data,nvs,0x9000,24K,")),
        csv("recovery_bootloader_without_offset", "recovery,bootloader,recovery,,\nnvs,data,nvs,0x9000,0x6000\n", List.of("--primary-bootloader-offset", "0x1000"), Map.of(),
                2, "Error at line 1: Recovery bootloader offset is not defined. Please use --recovery-bootloader-offset\n" + HINT,
                null, null),
        csv("recovery_bootloader_row", "nvs,data,nvs,0x9000,0x6000\nrecovery,bootloader,recovery,,\n", List.of("--primary-bootloader-offset", "0x1000", "--recovery-bootloader-offset", "0x10000"), Map.of(),
                0, "",
                "5aa1eceb188fadef5ce37954b095e68840391163a4bdeac3a4fe75254a1e879a", decoded("nvs,data,nvs,0x9000,24K,", "recovery,bootloader,recovery,0x10000,28K,")),
        csv("primary_bootloader_not_below_table", "nvs,data,nvs,0x9000,0x6000\n", List.of("--primary-bootloader-offset", "0x8000"), Map.of(),
                2, "Unsupported configuration. Primary bootloader must be below partition table. Check --primary-bootloader-offset=0x8000 and --offset=0x8000\n",
                null, null),
        csv("name_is_a_type_keyword", "app,data,nvs,0x9000,0x6000\ndata,app,factory,0x10000,1M\n", List.of(), Map.of(),
                0, "WARNING: Partition has name 'app' which is a partition type, but does not match this partition's type (0x1). Mistake in partition table?\nWARNING: Partition has name 'data' which is a partition type, but does not match this partition's type (0x0). Mistake in partition table?\n",
                "d710e9044df2c0012abe1196c3d9119467e298fbfb3c13ed04315d8736ca5e85", decoded("app,data,nvs,0x9000,24K,", "data,app,factory,0x10000,1M,")),
        csv("name_is_a_subtype_keyword", "nvs,data,nvs,0x9000,0x6000\nphy,data,nvs,0xf000,0x3000\nota_0,app,ota_1,0x20000,1M\nota,data,ota,,8K\n", List.of(), Map.of(),
                0, "WARNING: Partition has name 'phy' which is a partition subtype, but this partition has non-matching type 0x1 and subtype 0x2. Mistake in partition table?\nWARNING: Partition has name 'ota_0' which is a partition subtype, but this partition has non-matching type 0x0 and subtype 0x11. Mistake in partition table?\n",
                "23cd5741acdcb9e9700725e1609da2c1dd8fcde9b5ff43051aad23cd7bae20c4", decoded("nvs,data,nvs,0x9000,24K,", "phy,data,nvs,0xf000,12K,", "ota_0,app,ota_1,0x20000,1M,", "ota,data,ota,0x120000,8K,")),
        csv("name_warning_then_error", "fat,data,nvs,0x9000,0x2000\n", List.of(), Map.of(),
                2, "WARNING: Partition has name 'fat' which is a partition subtype, but this partition has non-matching type 0x1 and subtype 0x2. Mistake in partition table?\nPartition fat invalid: 'fat' partition of type 1 and subtype 2 of this size (0x2000) must be flagged as 'readonly' (the size of read/write NVS has to be at least 0x3000)\n",
                null, null),
        csv("sixteen_and_longer_names", "abcdefghijklmnop,data,nvs,0x9000,0x6000\nabcdefghijklmnopqrst,data,phy,,4K\n", List.of(), Map.of(),
                0, "",
                "4b3e391607eee41f5b1be012ee9b23725bcec892e92e89c7184725ac7ed430ee", decoded("abcdefghijklmnop,data,nvs,0x9000,24K,", "abcdefghijklmnop,data,phy,0xf000,4K,")),
        csv("long_names_equal_after_cut", "storage_partition_1,data,fat,0x10000,64K\nstorage_partition_2,data,fat,,64K\n", List.of(), Map.of(),
                0, "",
                "9100b466d13987d644510d288856b2465dc662ac3651d21849fcf2f5edca59a1", decoded("storage_partitio,data,fat,0x10000,64K,", "storage_partitio,data,fat,0x20000,64K,")),
        csv("unknown_flag", "nvs,data,nvs,0x9000,0x6000,compressed\n", List.of(), Map.of(),
                2, "Error at line 1: CSV flag column contains unknown flag 'compressed'\n" + HINT,
                null, null),
        csv("flag_names_are_case_and_space_sensitive", "nvs,data,nvs,0x9000,0x6000,encrypted: readonly\n", List.of(), Map.of(),
                2, "Error at line 1: CSV flag column contains unknown flag ' readonly'\n" + HINT,
                null, null),
        csv("empty_flags_between_colons_and_extra_fields", "nvs,data,nvs,0x9000,0x6000,:encrypted::readonly:,extra,fields\n", List.of(), Map.of(),
                0, "",
                "2e06f7fdbf2293c246f9f7df0d1a02a721e1a0216098cb53ef65890d582c217f", decoded("nvs,data,nvs,0x9000,24K,encrypted:readonly")),
        csv("readonly_otadata", "otadata,data,ota,0xd000,8K,readonly\n", List.of(), Map.of(),
                2, "Partition otadata invalid: 'otadata' partition of type 1 and subtype 0 is always read-write and cannot be read-only\n",
                null, null),
        csv("readonly_coredump", "coredump,data,coredump,0x10000,64K,readonly\n", List.of(), Map.of(),
                2, "Partition coredump invalid: 'coredump' partition of type 1 and subtype 3 is always read-write and cannot be read-only\n",
                null, null),
        csv("small_nvs_needs_readonly", "nvs,data,nvs,0x9000,0x2000\n", List.of(), Map.of(),
                2, "Partition nvs invalid: 'nvs' partition of type 1 and subtype 2 of this size (0x2000) must be flagged as 'readonly' (the size of read/write NVS has to be at least 0x3000)\n",
                null, null),
        csv("small_nvs_readonly_ok", "nvs,data,nvs,0x9000,0x1000,readonly\n", List.of(), Map.of(),
                0, "",
                "43466757eebe2aaa227d847e5e9d2ef9b08d14ef841f8903d95e83c6cdc943fe", decoded("nvs,data,nvs,0x9000,4K,readonly")),
        csv("duplicate_names_listed_by_name", "zeta,data,nvs,0x9000,0x6000\nalpha,data,phy,,4K\nzeta,data,fat,,64K\nalpha,app,factory,,1M\n", List.of(), Map.of(),
                2, "A list of partitions that have the same name:\nalpha,data,phy,0xf000,4K,\nalpha,app,factory,0x20000,1M,\nzeta,data,nvs,0x9000,24K,\nzeta,data,fat,0x10000,64K,\nPartition names must be unique\n",
                null, null),
        csv("two_tee_otadata", "t1,data,tee_ota,0x9000,8K\nt2,data,tee_ota,,8K\n", List.of(), Map.of(),
                2, "t1,data,tee_ota,0x9000,8K,\nt2,data,tee_ota,0xb000,8K,\nFound multiple TEE otadata partitions. Only one partition can be defined with type=\"data\"(1) and subtype=\"tee_ota\"(0x90).\n",
                null, null),
        csv("tee_otadata_size", "t1,data,tee_ota,0x9000,4K\n", List.of(), Map.of(),
                2, "t1,data,tee_ota,0x9000,4K,\nTEE otadata partition must have size = 0x2000\n",
                null, null),
        csv("otadata_size", "otadata,data,ota,0x9000,0x3000\n", List.of(), Map.of(),
                2, "otadata,data,ota,0x9000,12K,\notadata partition must have size = 0x2000\n",
                null, null),
        csv("app_offset_alignment", "factory,app,factory,0x11000,1M\n", List.of(), Map.of(),
                2, "Partition factory invalid: Offset 0x11000 is not aligned to 0x10000\n",
                null, null),
        csv("app_size_alignment", "factory,app,factory,0x10000,0x100800\n", List.of(), Map.of(),
                2, "Partition factory invalid: Size 0x100800 is not aligned to 0x1000\n",
                null, null),
        csv("custom_type_offset_alignment", "x,0x40,0,0x9800,4K\n", List.of(), Map.of(),
                2, "Partition x invalid: Offset 0x9800 is not aligned to 0x1000\n",
                null, null),
        csv("flash_size_half_even", "nvs,data,nvs,,24K\nfactory,app,factory,,0x130000\n", List.of("--flash-size", "1MB"), Map.of(),
                2, "Partitions tables occupies 1.2MB of flash (1310720 bytes) which does not fit in configured flash size 1MB. Change the flash size in menuconfig under the 'Serial Flasher Config' menu.\n",
                null, null),
        csv("flash_size_fits", "nvs,data,nvs,,24K\nfactory,app,factory,,0x130000\n", List.of("--flash-size", "2MB"), Map.of(),
                0, "",
                "f99efdc927a55330fd94341d52ae6c67a480b8273644c7a8b34bf672f32ba2d9", decoded("nvs,data,nvs,0x9000,24K,", "factory,app,factory,0x10000,1216K,")),
        csv("flash_size_checked_even_without_verify", "factory,app,factory,0x10000,0x3F0000\n", List.of("--flash-size", "4MB", "--no-verify"), Map.of(),
                0, "",
                "92b2bc512685b1e571114d66652ab28622f67a86681523012ea6d6bbb8821e1c", decoded("factory,app,factory,0x10000,4032K,")),
        csv("no_verify_skips_rules", "nvs,data,nvs,0x9000,0x1000\n", List.of("--no-verify"), Map.of(),
                0, "",
                "93331a83cef3a0e110c4f81e26e5b5f36eb0ca0fd7f30e398510d9a51347544f", decoded("nvs,data,nvs,0x9000,4K,")),
        csv("type_too_large_for_u8", "x,0x100,0,0x9000,4K\n", List.of(), Map.of(),
                2, "Error at line 1: type 0x100 does not fit in its 1-byte field (0x0-0xff)\n",
                null, null),
        csv("name_warning_then_crash_nvsk", "nvs,data,nvsk,0x9000,0x6000\n", List.of(), Map.of(),
                2, "WARNING: Partition has name 'nvs' which is a partition subtype, but this partition has non-matching type 0x1 and subtype 0x800. Mistake in partition table?\nError at line 1: subtype 0x800 does not fit in its 1-byte field (0x0-0xff)\n",
                null, null),
        csv("offset_above_u32", "x,data,fat,0x100000000,4K\n", List.of(), Map.of(),
                2, "Error at line 1: offset 0x100000000 does not fit in its 4-byte field (0x0-0xffffffff)\n",
                null, null),
        csv("utf8_bom", "\ufeffnvs,data,nvs,0x9000,0x6000\n", List.of(), Map.of(),
                0, "",
                "1e6945178b0a7bf5bc4d8ccd1c39dff5330495bf3d72d9325fd6b38b6003b217", decoded("\ufeffnvs,data,nvs,0x9000,24K,")),
        csv("empty_input", "", List.of(), Map.of(),
                0, "",
                "ac379736a5babef77ab7c144553aa8146eb86fbdfb3a85044d0b91d27eb4b5d8", null),
        csv("only_comments", "# nothing here\n\n", List.of(), Map.of(),
                0, "",
                "ac379736a5babef77ab7c144553aa8146eb86fbdfb3a85044d0b91d27eb4b5d8", null),
        csv("rows_94_with_md5", rows(94), List.of(), Map.of(),
                0, "",
                "357bb081bc600e1c2619544f0e4bd145a58c306a1cdcce88fc4b8006acca5359", null),
        csv("rows_95_with_md5", rows(95), List.of(), Map.of(),
                2, "Binary partition table length (3072) longer than max\n",
                null, null),
        csv("rows_95_without_md5", rows(95), List.of("--no-md5"), Map.of(),
                0, "",
                "050f446001497a3c44d2933cf478006c5ee337b1c7edd23a41493465a5c53ef0", null),
        csv("rows_96_without_md5", rows(96), List.of("--no-md5"), Map.of(),
                2, "Binary partition table length (3072) longer than max\n",
                null, null)
        );
    }

    static Stream<Named<BinCase>> binCases() {
        return Stream.of(
        bin("bin_unknown_flags", rows(6, true), List.of(patch(0x5C, "04")), List.of(),
                0, "WARNING: Partition definition had unknown flag(s) 0x00000004. Newer binary format?\n",
                decoded("nvs,data,nvs,0x9000,16K,", "otadata,data,ota,0xd000,8K,", "phy_init,data,phy,0xf000,4K,", "factory,app,factory,0x10000,1M,", "ota_0,app,ota_0,0x110000,1M,", "ota_1,app,ota_1,0x210000,1M,")),
        bin("bin_unknown_high_flag_bits", rows(6, true), List.of(patch(0x5C, "07000080")), List.of(),
                0, "WARNING: Partition definition had unknown flag(s) 0x80000004. Newer binary format?\n",
                decoded("nvs,data,nvs,0x9000,16K,", "otadata,data,ota,0xd000,8K,", "phy_init,data,phy,0xf000,4K,encrypted:readonly", "factory,app,factory,0x10000,1M,", "ota_0,app,ota_0,0x110000,1M,", "ota_1,app,ota_1,0x210000,1M,")),
        bin("bin_overlap", rows(6, true), List.of(patch(0x84, "00001000")), List.of(),
                2, "Partition at 0x100000 overlaps 0x10000-0x10ffff\n",
                ""),
        bin("bin_below_table", rows(6, true), List.of(patch(0x4, "00800000")), List.of(),
                2, "Partition offset 0x8000 is below 0x9000\n",
                ""),
        bin("bin_warning_then_bad_magic", rows(6, true), List.of(patch(0x3C, "08"), patch(0x60, "aa51")), List.of(),
                2, "WARNING: Partition definition had unknown flag(s) 0x00000008. Newer binary format?\nInvalid magic bytes (b'\\xaaQ') for partition definition\n",
                ""),
        bin("bin_custom_type_decimal", rows(6, true), List.of(patch(0x42, "4099")), List.of(),
                0, "",
                decoded("nvs,data,nvs,0x9000,16K,", "otadata,data,ota,0xd000,8K,", "phy_init,64,153,0xf000,4K,", "factory,app,factory,0x10000,1M,", "ota_0,app,ota_0,0x110000,1M,", "ota_1,app,ota_1,0x210000,1M,")),
        bin("bin_sixteen_byte_label", rows(6, true), List.of(patch(0xC, "6162636465666768696a6b6c6d6e6f70")), List.of(),
                0, "",
                decoded("abcdefghijklmnop,data,nvs,0x9000,16K,", "otadata,data,ota,0xd000,8K,", "phy_init,data,phy,0xf000,4K,", "factory,app,factory,0x10000,1M,", "ota_0,app,ota_0,0x110000,1M,", "ota_1,app,ota_1,0x210000,1M,")),
        bin("bin_missing_end_marker", rows(6, false), List.of(), List.of(),
                2, "Partition table is missing an end-of-table marker\n",
                ""),
        bin("bin_partial_row", cut(0xD0), List.of(), List.of(),
                2, "Partition table length must be a multiple of 32 bytes\n",
                ""),
        bin("bin_md5_mismatch", whole(), List.of(patch(0xD0, "be")), List.of(),
                2, "MD5 checksums don't match! (computed: 0xbf25822c0fa6d8641bd930251e06b4c4, parsed: 0xb'be25822c0fa6d8641bd930251e06b4c4')\n",
                ""),
        bin("bin_two_otadata", rows(6, true), List.of(patch(0x43, "00")), List.of(),
                2, "otadata,data,ota,0xd000,8K,\nphy_init,data,ota,0xf000,4K,\nFound multiple otadata partitions. Only one partition can be defined with type=\"data\"(1) and subtype=\"ota\"(0).\n",
                ""),
        bin("bin_table_offset_option", whole(), List.of(), List.of("--offset", "0x10000"),
                2, "Partition offset 0x9000 is below 0x11000\n",
                ""),
        bin("bin_flash_size", whole(), List.of(), List.of("--flash-size", "2MB"),
                2, "Partitions tables occupies 3.1MB of flash (3211264 bytes) which does not fit in configured flash size 2MB. Change the flash size in menuconfig under the 'Serial Flasher Config' menu.\n",
                ""),
        bin("bin_md5_row_without_md5_option", whole(), List.of(), List.of("--no-md5"),
                2, "Invalid magic bytes (b'\\xeb\\xeb') for partition definition\n",
                ""),
        bin("bin_no_verify_keeps_flag_warning", rows(6, true), List.of(patch(0x5C, "04"), patch(0x84, "00001000")), List.of("--no-verify"),
                0, "WARNING: Partition definition had unknown flag(s) 0x00000004. Newer binary format?\n",
                decoded("nvs,data,nvs,0x9000,16K,", "otadata,data,ota,0xd000,8K,", "phy_init,data,phy,0xf000,4K,", "factory,app,factory,0x10000,1M,", "ota_0,app,ota_0,0x100000,1M,", "ota_1,app,ota_1,0x210000,1M,"))
        );
    }

    @ParameterizedTest(name = "{0}") @MethodSource("csvCases")
    void csvInputGivesWhatTheOracleGave(CsvCase c, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("in.csv"), c.csv());
        List<String> argv = new ArrayList<>(List.of("partition", "in.csv", "out.bin"));
        argv.addAll(c.args());
        KitRun run = KitRun.run(dir, c.env(), argv);
        assertEquals(c.stderr(), run.stderr());
        assertEquals(c.exit(), run.exit());
        Path out = dir.resolve("out.bin");
        if (c.exit() != 0) {
            assertFalse(Files.exists(out), "nothing is written for invalid input");
            return;
        }
        assertEquals(c.sha256(), Bytes.of(Files.readAllBytes(out)).sha256().hex());
        if (c.decoded() != null) {
            List<String> decode = new ArrayList<>(List.of("partition", "out.bin", "--no-verify"));
            if (c.args().contains("--no-md5")) decode.add("--no-md5");
            KitRun back = KitRun.run(dir, Map.of(), decode);
            assertEquals(0, back.exit(), back.stderr());
            assertEquals(c.decoded(), back.stdout());
        }
    }

    /** Test mode: the reference tool, asked again, gives every frozen CSV answer (skipped without it). */
    @ParameterizedTest(name = "{0}") @MethodSource("csvCases")
    void theOracleStillGivesTheFrozenCsvAnswers(CsvCase c, @TempDir Path dir) throws IOException {
        Path tool = GenEsp32Part.require();
        Files.writeString(dir.resolve("in.csv"), c.csv());
        List<String> args = new ArrayList<>(GenEsp32Part.toolArgs(c.args()));
        args.addAll(List.of("in.csv", "out.bin"));
        GenEsp32Part.Run run = GenEsp32Part.run(tool, dir, c.env(), args);
        GenEsp32Part.assertFrozen(c.exit(), c.stderr(), run);
        if (run.exit() != 0) return;
        assertEquals(c.sha256(), Bytes.of(Files.readAllBytes(dir.resolve("out.bin"))).sha256().hex());
        if (c.decoded() != null) {
            List<String> decode = new ArrayList<>(List.of("out.bin", "--no-verify"));
            if (c.args().contains("--no-md5")) decode.add("--disable-md5sum");
            assertEquals(c.decoded(), GenEsp32Part.run(tool, dir, Map.of(), decode).stdout());
        }
    }

    /** Test mode: the reference tool, asked again, gives every frozen binary answer (skipped without it). */
    @ParameterizedTest(name = "{0}") @MethodSource("binCases")
    void theOracleStillGivesTheFrozenBinaryAnswers(BinCase c, @TempDir Path dir) throws IOException {
        Path tool = GenEsp32Part.require();
        Files.write(dir.resolve("in.bin"), c.input().toByteArray());
        List<String> args = new ArrayList<>(GenEsp32Part.toolArgs(c.args()));
        args.add("in.bin");
        GenEsp32Part.Run run = GenEsp32Part.run(tool, dir, Map.of(), args);
        GenEsp32Part.assertFrozen(c.exit(), c.stderr(), run);
        if (run.exit() != 1) assertEquals(c.stdout(), run.stdout());
    }

    @ParameterizedTest(name = "{0}") @MethodSource("binCases")
    void binaryInputGivesWhatTheOracleGave(BinCase c, @TempDir Path dir) throws IOException {
        Files.write(dir.resolve("in.bin"), c.input().toByteArray());
        List<String> argv = new ArrayList<>(List.of("partition", "in.bin"));
        argv.addAll(c.args());
        KitRun run = KitRun.run(dir, Map.of(), argv);
        assertEquals(c.stderr(), run.stderr());
        assertEquals(c.exit(), run.exit());
        assertEquals(c.stdout(), run.stdout());
    }

    private static Named<CsvCase> csv(String name, String csv, List<String> args, Map<String, String> env, int exit,
                                      String stderr, String sha256, String decoded) {
        return Named.of(name, new CsvCase(csv, args, env, exit, stderr, sha256, decoded));
    }

    private static Named<BinCase> bin(String name, Bytes source, List<Patch> patches, List<String> args, int exit,
                                      String stderr, String stdout) {
        Bytes input = source;
        for (Patch p : patches) input = input.with(p.offset(), Bytes.fromHex(p.hex()));
        return Named.of(name, new BinCase(input, args, exit, stderr, stdout));
    }

    /** The tool's decoded CSV: its two header lines, then these rows. */
    private static String decoded(String... rows) {
        return "# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n"
                + (rows.length == 0 ? "" : String.join("\n", rows) + "\n");
    }

    /** n data rows p0…p(n-1) of 4 KiB with automatic offsets: tables at and past the 94/95-entry limit. */
    private static String rows(int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("p").append(i).append(",data,undefined,,4K\n");
        return sb.toString();
    }

    private static Bytes whole() { return Vectors.bytes("partition_tables/idf_two_ota.bin"); }

    private static Bytes rows(int n, boolean endRow) {
        Bytes entries = whole().slice(0, n * 0x20);
        return endRow ? entries.concat(Bytes.filled(0x20, 0xFF)) : entries;
    }

    private static Bytes cut(int length) { return whole().slice(0, length); }

    private static Patch patch(int offset, String hex) { return new Patch(offset, hex); }
}
