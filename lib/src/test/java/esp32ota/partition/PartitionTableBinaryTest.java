package esp32ota.partition;

import com.google.gson.JsonObject;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.ToolErrors;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Binary decode and encode against every gen_esp32part output in shared/vectors/partition_tables. */
class PartitionTableBinaryTest {
    /** The tables of the shared vectors: a binary for each CSV that SOURCES.md lists (and no other). */
    static List<String> tables() {
        List<String> names = Vectors.names("partition_tables", ".bin");
        var listed = java.util.regex.Pattern.compile("^\\| `([^`]+)\\.csv` \\|", java.util.regex.Pattern.MULTILINE)
                .matcher(Vectors.text("partition_tables/SOURCES.md")).results().map(m -> m.group(1)).sorted().toList();
        assertFalse(listed.isEmpty(), "SOURCES.md lists the tables");
        assertEquals(listed, names, "one binary per table that SOURCES.md lists");
        return names;
    }

    @ParameterizedTest @MethodSource("tables")
    void decodeThenEncodeGivesTheSameBytes(String name) {
        Bytes bin = Vectors.bytes("partition_tables/" + name + ".bin");
        PartitionTable t = PartitionTable.decode(bin, 0x8000);
        assertEquals(bin, t.encode(true));
    }

    @ParameterizedTest @MethodSource("tables")
    void entryCountAndMd5RowMatchTheJson(String name) {
        JsonObject json = Vectors.json("partition_tables/" + name + ".json").getAsJsonObject();
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/" + name + ".bin"), 0x8000);
        assertEquals(json.get("entry_count").getAsInt(), t.entries().size());
        long md5Offset = Long.decode(json.get("md5_entry_offset").getAsString());
        assertEquals(0x8000 + md5Offset, t.md5Row().orElseThrow().address());
        assertEquals(0x8000 + md5Offset, t.md5RowAddress());
        assertEquals(json.get("md5_of_entries").getAsString(), t.md5Row().orElseThrow().digest().hex());
        assertEquals(json.get("md5_of_entries").getAsString(), t.md5OfEntries().hex());
        assertEquals(json.get("bin_sha256").getAsString(), t.encode(true).sha256().hex());
    }

    @Test void decodesEveryFieldOfTheTwoOtaTable() {
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/idf_two_ota.bin"), 0x8000);
        assertEquals(List.of("nvs", "otadata", "phy_init", "factory", "ota_0", "ota_1"), t.labels());
        PartitionEntry ota1 = t.entries().get(5);
        assertEquals(new PartitionEntry(0x80A0, 0x00, 0x11, 0x210000, 0x100000, "ota_1", 0), ota1);
        assertTrue(ota1.isOtaApp());
        assertEquals(1, ota1.otaSlot());
        assertEquals(PartitionSubtype.APP_OTA_1, ota1.knownSubtype().orElseThrow());
        assertEquals(PartitionSubtype.DATA_OTA, t.find("otadata").orElseThrow().knownSubtype().orElseThrow());
    }

    @Test void flagsAreDecodedPerBit() {
        PartitionTable t = PartitionTable.decode(Vectors.bytes("partition_tables/flags_encrypted_readonly.bin"), 0x8000);
        PartitionEntry phy = t.find("phy_init").orElseThrow();
        assertTrue(phy.encrypted());
        assertTrue(phy.readonly());
        assertEquals(3, phy.flags());
        assertEquals(0, phy.unknownFlags());
    }

    @Test void corruptMagicNamesTheRowAddress() {
        Bytes bad = Vectors.bytes("partition_tables/idf_two_ota.bin").with(0x21, Bytes.of(0x00)); // entry 1: AA 50 -> AA 00
        var e = assertThrows(DecodeException.class, () -> PartitionTable.decode(bad, 0x8000));
        assertEquals(DecodeException.Kind.BAD_MAGIC, e.kind());
        assertEquals(0x8020, e.address());
        assertEquals("PartitionEntry.magic at 0x008020: bad magic (expected 0x50AA, got 0x00AA)", e.getMessage());
        assertEquals("Invalid magic bytes (b'\\xaa\\x00') for partition definition", ToolErrors.message(e));
    }

    @Test void wrongMd5IsReportedInTheToolsWords() {
        Bytes good = Vectors.bytes("partition_tables/idf_two_ota.bin");
        Bytes bad = good.with(0xC0 + 0x10, Bytes.of(good.u8(0xD0) ^ 0x01));        // first digest byte of the MD5 row
        var e = assertThrows(DecodeException.class, () -> PartitionTable.decode(bad, 0x8000));
        assertEquals(DecodeException.Kind.BAD_CHECKSUM, e.kind());
        assertEquals(0x80D0, e.address());
        assertEquals("MD5 checksums don't match! (computed: 0xbf25822c0fa6d8641bd930251e06b4c4, parsed: "
                + "0xb'be25822c0fa6d8641bd930251e06b4c4')", ToolErrors.message(e));
    }

    @Test void missingEndAndPartialRowsCannotBeFramed() {
        Bytes good = Vectors.bytes("partition_tables/idf_two_ota.bin");
        var noEnd = assertThrows(DecodeException.class, () -> PartitionTable.decode(good.slice(0, 0xE0), 0x8000));
        assertEquals("Partition table is missing an end-of-table marker", ToolErrors.message(noEnd));
        assertEquals(0x80E0, noEnd.address());
        var partial = assertThrows(DecodeException.class, () -> PartitionTable.decode(good.slice(0, 0x30), 0x8000));
        assertEquals("Partition table length must be a multiple of 32 bytes", ToolErrors.message(partial));
        assertEquals(0x8020, partial.address());
    }

    @Test void withoutMd5CheckingTheMd5RowIsABadEntry() {
        Bytes good = Vectors.bytes("partition_tables/idf_two_ota.bin");
        var e = assertThrows(DecodeException.class, () -> PartitionTable.decode(good, 0x8000, false));
        assertEquals(0x80C0, e.address());
        assertEquals("Invalid magic bytes (b'\\xeb\\xeb') for partition definition", ToolErrors.message(e));
    }

    @Test void ninetyFiveRowsFitOnlyWithoutMd5() {
        List<PartitionEntry> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 95; i++) rows.add(new PartitionEntry(0, 1, 6, 0x9000 + 0x1000L * i, 0x1000, "p" + i, 0));
        PartitionTable t95 = PartitionTable.of(0x8000, rows);
        assertEquals(0xC00, t95.encode(false).size());
        var e = assertThrows(PartitionTableException.class, () -> t95.encode(true));
        assertEquals("Binary partition table length (3072) longer than max", e.getMessage());
        PartitionTable t94 = PartitionTable.of(0x8000, rows.subList(0, 94));
        assertEquals(t94.entries(), PartitionTable.decode(t94.encode(true), 0x8000).entries());
    }

    @Test void sixteenByteLabelsHaveNoNulAndLongerOnesAreCut() {
        var e16 = new PartitionEntry(0x8000, 1, 2, 0x9000, 0x6000, "abcdefghijklmnop", 0);
        assertEquals("abcdefghijklmnop", PartitionEntry.decode(esp32ota.bytes.ByteReader.of(e16.encode(), 0x8000)).name());
        var e20 = new PartitionEntry(0x8000, 1, 2, 0x9000, 0x6000, "abcdefghijklmnopqrst", 0);
        assertEquals("abcdefghijklmnop", PartitionEntry.decode(esp32ota.bytes.ByteReader.of(e20.encode(), 0x8000)).name());
    }

    @Test void everyTruncationAndByteFlipGivesATableOrADecodeException() {
        for (String name : tables()) {
            Bytes bin = Vectors.bytes("partition_tables/" + name + ".bin");
            PartitionTable whole = PartitionTable.decode(bin, 0x8000);
            for (int n = 0; n <= bin.size(); n++) {
                Bytes cut = bin.slice(0, n);
                try {
                    assertEquals(whole, PartitionTable.decode(cut, 0x8000), "a cut after the end row loses nothing");
                } catch (DecodeException expected) {
                    // a cut inside a row leaves a partial row; a cut between rows, before the end row, leaves none
                    assertEquals(DecodeException.Kind.TRUNCATED, expected.kind());
                    assertEquals(0x8000 + n / 32 * 32, expected.address(), name + " cut at " + n);
                    assertEquals(n % 32 == 0 ? "end_marker" : "row", expected.field(), name + " cut at " + n);
                }
            }
            for (int i = 0; i < bin.size(); i++) {
                for (int delta : new int[] {0x01, 0x80, 0xFF}) {
                    Bytes flipped = bin.with(i, Bytes.of(bin.u8(i) ^ delta));
                    try {
                        PartitionTable t = PartitionTable.decode(flipped, 0x8000);
                        assertTrue(t.entries().size() <= 95);
                    } catch (DecodeException expected) {
                        assertTrue(expected.address() >= 0x8000 && expected.address() <= 0x8000 + bin.size());
                    }
                }
            }
        }
    }
}
