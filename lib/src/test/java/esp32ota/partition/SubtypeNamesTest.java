package esp32ota.partition;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

class SubtypeNamesTest {
    private static final SubtypeNames STANDARD = SubtypeNames.standard();

    @Test
    void standardTableIsTheEnumInTheToolsOrder() {
        assertEquals(List.of("ota", "phy", "nvs", "coredump", "nvs_keys", "efuse", "undefined", "esphttpd", "fat",
                "spiffs", "littlefs", "tee_ota"), List.copyOf(STANDARD.keywords(PartitionType.DATA.code()).keySet()));
        assertEquals(Optional.of("ota_3"), STANDARD.keyword(PartitionType.APP.code(), 0x13));
        assertEquals(0x02, STANDARD.code(PartitionSubtype.DATA_NVS));
        assertTrue(STANDARD.keywords(0x40).isEmpty(), "custom types have no keywords");
    }

    @Test
    void extrasAppendNewNamesAndMoveExistingOnesInPlace() {
        SubtypeNames t = STANDARD.withExtras(List.of(" data , my_fs , 40 ", "data,nvs,0x50", "app,my_app,0X4_1"));
        List<String> data = List.copyOf(t.keywords(PartitionType.DATA.code()).keySet());
        assertEquals("nvs", data.get(2), "an existing name keeps its place");
        assertEquals("my_fs", data.get(data.size() - 1));
        assertEquals(0x40, t.keywords(PartitionType.DATA.code()).get("my_fs"));
        assertEquals(0x50, t.code(PartitionSubtype.DATA_NVS));
        assertEquals(Optional.empty(), t.keyword(PartitionType.DATA.code(), 0x02), "0x02 has no name any more");
        assertEquals(Optional.of("my_app"), t.keyword(PartitionType.APP.code(), 0x41));
        assertTrue(t.isKeyword("my_app") && !STANDARD.isKeyword("my_app"));
        assertEquals(0x02, STANDARD.code(PartitionSubtype.DATA_NVS), "the standard table is not changed");
    }

    @Test
    void badEntriesFailWithOneMessage() {
        assertEquals("Error parsing custom subtypes: Invalid partition type", message("foo,bar,0x02"));
        assertEquals("Error parsing custom subtypes: Invalid partition type 'foo' in 'foo,bar,0x77' (app, data, "
                + "bootloader or partition_table)", message("foo,bar,0x77"));
        assertEquals("Error parsing custom subtypes: Found duplicate value in partition subtype: 'data,x,2' (data 0x2 "
                + "is nvs)", message("data,x,2"));
        assertEquals("Error parsing custom subtypes: value '0o7' in 'data,x,0o7' is not a hex number", message("data,x,0o7"));
        assertEquals("Error parsing custom subtypes: 'data,x' is not type,name,value", message("data,x"));
        assertTrue(message("data,x,0x80000000").endsWith("is too large for a subtype"));
    }

    @Test
    void csvAndRulesUseTheTable() {
        SubtypeNames t = STANDARD.withExtras(List.of("data,my_fs,0x40", "data,nvs,0x50"));
        var options = new PartitionCsv.Options(java.util.Map.of(), 0x8000, OptionalLong.empty(), OptionalLong.empty())
                .withSubtypes(t);
        PartitionTable table = PartitionCsv.parse("fs,data,my_fs,0x9000,64K\nnvs,data,nvs,,0x1000\n", options);
        assertEquals(0x40, table.entries().get(0).subtype());
        assertEquals(0x50, table.entries().get(1).subtype());
        assertEquals("fs,data,my_fs,0x9000,64K,", PartitionCsv.row(table.entries().get(0), t));
        assertEquals("fs,data,64,0x9000,64K,", PartitionCsv.row(table.entries().get(0)));
        assertTrue(PartitionRules.validate(table).stream().noneMatch(Violation::isError),
                "without the extras 0x50 is no NVS partition");
        List<Violation> found = PartitionRules.validate(table, PartitionRules.Options.defaults().withSubtypes(t));
        assertEquals(1, found.size());
        assertEquals(new Violation(Violation.Rule.NVS_TOO_SMALL_FOR_READ_WRITE, List.of(table.entries().get(1)),
                List.of(1L, 0x50L, 0x1000L, 0x3000L)), found.get(0));
    }

    private static String message(String entry) {
        return assertThrows(PartitionTableException.class, () -> STANDARD.withExtras(List.of(entry))).getMessage();
    }
}
