package esp32ota.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Against the library's real sources; the expected sentences are copied from their comments. */
class SourceJavadocTest {
    static final SourceJavadoc DOCS = new SourceJavadoc(List.of(Path.of("../lib/src/main/java")));

    @Test void methodsAreTellApartByParameterCount() {
        assertEquals("Decodes a binary table the way gen_esp32part does with MD5 checking on (its default).",
                Javadoc.firstSentence(DOCS.find("PartitionTable PartitionTable.decode(Bytes data, long address)")));
        assertTrue(DOCS.find("PartitionTable PartitionTable.decode(Bytes data, long address, boolean md5Enabled)")
                .startsWith("Decodes a binary table row by row, as gen_esp32part {@code from_binary}"));
    }

    @Test void typesAndFields() {
        assertEquals("A partition table as it sits in flash (ESP-IDF docs api-guides/partition-tables.rst; gen_esp32part v1.5).",
                Javadoc.firstSentence(DOCS.find("esp32ota.partition.PartitionTable")));
        assertEquals("ESP_PARTITION_MAGIC: the bytes AA 50 read little-endian.",
                Javadoc.firstSentence(DOCS.find("PartitionEntry.MAGIC:int")));
    }

    @Test void unknownNamesGiveNothing() {
        assertEquals("", DOCS.find("int Math.abs(int a)"));
        assertEquals("", DOCS.find("PartitionTable PartitionTable.noSuchMethod()"));
    }

    @Test void parameterCountingSkipsNestedCommas() {
        assertEquals(0, SourceJavadoc.countParameters(" "));
        assertEquals(2, SourceJavadoc.countParameters("Map<String, List<Integer>> m, int n"));
        assertTrue(SourceJavadoc.declares("public static Bytes of(byte[] data, int from, int length)", "of", 3));
        assertFalse(SourceJavadoc.declares("public static Bytes of(byte[] data)", "of", 3));
    }
}
