package esp32ota.describe;

import esp32ota.bytes.Bytes;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionRules;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionTableException;
import esp32ota.partition.PartitionTableException.Kind;
import esp32ota.partition.SubtypeNames;
import esp32ota.partition.Violation;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * gen_esp32part v1.5's words for the rules' data (outputs of gen_esp32part.py on the same tables); every rule's
 * exact stderr is also pinned through the CLI in esp32ota.cli.PartitionOracleCasesTest.
 */
class GenEsp32PartWordsTest {
    private static final SubtypeNames NAMES = SubtypeNames.standard();

    private static Bytes twoOtaRows() {
        return Vectors.bytes("partition_tables/idf_two_ota.bin").slice(0, 6 * 0x20).concat(Bytes.filled(0x20, 0xFF));
    }

    /** Row 2 renamed "fat" (+0x4C), nvs moved to 0x8000 (+0x04), ota_0 moved to 0x100000 (+0x84). */
    @Test void warningBelowAndOverlapInTheToolsWords() {
        Bytes bad = twoOtaRows().with(0x4C, Bytes.fromHex("6661740000000000"))
                .with(0x04, Bytes.fromHex("00800000")).with(0x84, Bytes.fromHex("00001000"));
        List<String> words = PartitionRules.validate(PartitionTable.decode(bad, 0x8000)).stream()
                .map(GenEsp32PartWords::message).toList();
        assertEquals(List.of("WARNING: Partition has name 'fat' which is a partition subtype, but this partition has "
                        + "non-matching type 0x1 and subtype 0x1. Mistake in partition table?",
                "Partition offset 0x8000 is below 0x9000", "Partition at 0x100000 overlaps 0x10000-0x10ffff"), words);
    }

    @Test void perPartitionMessagesAndTheDuplicateListing() {
        String csv = "zeta,data,nvs,0x9000,0x2000\nzeta,app,factory,0x10000,0x100800\n";
        PartitionTable t = PartitionCsv.parseWithLines(csv, PartitionCsv.Options.defaults().withEnv(Map.of())).table();
        List<Violation> found = PartitionRules.validate(t);
        assertEquals(List.of(
                "Partition zeta invalid: 'zeta' partition of type 1 and subtype 2 of this size (0x2000) must be flagged "
                        + "as 'readonly' (the size of read/write NVS has to be at least 0x3000)",
                "Partition zeta invalid: Size 0x100800 is not aligned to 0x1000",
                "Partition names must be unique"), found.stream().map(GenEsp32PartWords::message).toList());
        assertEquals(List.of("A list of partitions that have the same name:", "zeta,data,nvs,0x9000,8K,",
                "zeta,app,factory,0x10000,1026K,", "Partition names must be unique"),
                GenEsp32PartWords.lines(found.get(2), NAMES));                  // rows: the tool's to_csv()
        assertEquals(List.of(), GenEsp32PartWords.listing(found.get(0), NAMES));
    }

    @Test void otadataRowsAreListedBeforeTheSizeError() {
        PartitionTable t = PartitionCsv.parse("otadata,data,ota,0xd000,0x1000,\n");
        assertEquals(List.of("otadata,data,ota,0xd000,4K,", "otadata partition must have size = 0x2000"),
                GenEsp32PartWords.lines(PartitionRules.validate(t).get(0), NAMES));
    }

    @Test void unknownFlagsAndFlashSize() {
        PartitionTable flagged = PartitionTable.decode(twoOtaRows().with(0x5C, Bytes.fromHex("07000080")), 0x8000);
        assertEquals("WARNING: Partition definition had unknown flag(s) 0x80000004. Newer binary format?",
                GenEsp32PartWords.message(PartitionRules.unknownFlags(flagged).get(0)));
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/idf_two_ota.bin"), 0x8000);
        assertEquals("Partitions tables occupies 3.1MB of flash (3211264 bytes) which does not fit in configured flash "
                + "size 2MB. Change the flash size in menuconfig under the 'Serial Flasher Config' menu.",
                GenEsp32PartWords.message(PartitionRules.flashSize(t, 2).orElseThrow()));
    }

    /** A CSV error holds the line and values; the words (with the tool's hint line) come from the describer. */
    @Test void csvErrorsAreDataWordedHere() {
        var keyword = assertThrows(PartitionTableException.class,
                () -> PartitionCsv.parse("nvs, data, nvz, 0x9000, 0x6000,\n", PartitionCsv.Options.defaults()));
        assertEquals(Kind.UNKNOWN_KEYWORD, keyword.kind());
        assertEquals(1, keyword.line().orElseThrow());
        assertEquals("nvz", keyword.text(0));
        String message = GenEsp32PartWords.message(keyword);
        assertEquals(List.of("Error at line 1: Value 'nvz' is not valid. Known keywords: ota, phy, nvs, coredump, "
                        + "nvs_keys, efuse, undefined, esphttpd, fat, spiffs, littlefs, tee_ota",
                "Please check extra_partition_subtypes.inc file in build/config directory"), message.lines().toList());
        assertEquals(message, keyword.getMessage());

        var overlap = assertThrows(PartitionTableException.class, () -> PartitionCsv.parse(
                "nvs, data, nvs, 0x9000, 0x6000,\nphy, data, phy, 0xe000, 0x1000,\n", PartitionCsv.Options.defaults()));
        assertEquals(Kind.OVERLAPS_PREVIOUS, overlap.kind());
        assertEquals(List.of(0xe000L, 0xf000L), overlap.values());
        assertEquals("CSV Error at line 2: Partitions overlap. Partition sets offset 0xe000. Previous partition ends "
                + "0xf000", GenEsp32PartWords.message(overlap));

        var extra = assertThrows(PartitionTableException.class, () -> NAMES.withExtras(List.of("data,mine,0x1")));
        assertEquals(Kind.EXTRA_DUPLICATE, extra.kind());
        assertEquals("Error parsing custom subtypes: Found duplicate value in partition subtype: 'data,mine,0x1' "
                + "(data 0x1 is phy)", GenEsp32PartWords.message(extra));
        assertEquals("Binary partition table length (3072) longer than max",
                GenEsp32PartWords.message(new PartitionTableException(Kind.TABLE_TOO_LONG, 3072)));
    }
}
