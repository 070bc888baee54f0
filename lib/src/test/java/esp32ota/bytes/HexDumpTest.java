package esp32ota.bytes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HexDumpTest {
    @Test void rowsCarryAddressHexAsciiAndFieldNames() {
        Bytes b = Bytes.fromHex("aa5001020090000000400000 6e767300 00000000000000000000000000000000");
        var r = ByteReader.of(b, 0x8000).structure("PartitionEntry");
        r.u16("magic"); r.u8("type"); r.u8("subtype"); r.u32("offset"); r.u32("size"); r.bytes(16, "label"); r.u32("flags");
        HexDump dump = HexDump.of(b, 0x8000).annotate(r.spans());
        List<HexDump.Row> rows = dump.rows(0, 10);
        assertEquals(2, rows.size());
        assertEquals(0x8000, rows.get(0).address());
        assertEquals(List.of("PartitionEntry.magic", "type", "subtype", "offset", "size", "label"), rows.get(0).fields());
        assertEquals(List.of("PartitionEntry.label (cont.)", "flags"), rows.get(1).fields(), "mostly label bytes");
        assertEquals("008000  aa 50 01 02 00 90 00 00 00 40 00 00 6e 76 73 00  .P.......@..nvs.  "
                + "PartitionEntry.magic, type, subtype, offset, size, label", rows.get(0).toString());
        assertEquals("PartitionEntry.offset", dump.fieldAt(0x8006).name());
        assertNull(dump.fieldAt(0x9000));
    }

    @Test void shortLastRowIsPadded() {
        var row = HexDump.of(Bytes.of(0x41, 0x42), 0).rows(0, 1).get(0);
        assertEquals("AB", row.ascii());
        assertEquals("000000  41 42" + " ".repeat(3 * 14) + "  AB", row.toString());
    }

    @Test void aDumpOfPartOfAStructureNamesOnlyTheFieldsInItsBytes() {
        Bytes b = Bytes.fromHex("aa50 01 02 00900000 00400000");
        var r = ByteReader.of(b, 0x8000).structure("PartitionEntry");
        r.u16("magic"); r.u8("type"); r.u8("subtype"); r.u32("offset"); r.u32("size");
        var first = HexDump.of(b.slice(0, 4), 0x8000).annotate(r.spans()).rows(0, 1).get(0);
        assertEquals(List.of("PartitionEntry.magic", "type", "subtype"), first.fields(), "offset starts at 0x8004, outside");
        var rest = HexDump.of(b.slice(4, 12), 0x8004).annotate(r.spans()).rows(0, 1).get(0);
        assertEquals(List.of("PartitionEntry.offset", "size"), rest.fields());
    }

    @Test void everyFieldHasAKindAndTheDumpListsTheKindsItShows() {
        Bytes b = Bytes.fromHex("aa5001020090000000400000 6e767300 00000000000000000000000000000000");
        var r = ByteReader.of(b, 0x8000).structure("PartitionEntry");
        r.u16("magic"); r.u8("type"); r.u8("subtype"); r.u32("offset"); r.u32("size"); r.bytes(16, "label"); r.u32("flags");
        var kinds = r.spans().stream().map(FieldSpan::kind).toList();
        assertEquals(List.of(FieldKind.MAGIC, FieldKind.NUMBER, FieldKind.NUMBER, FieldKind.NUMBER, FieldKind.NUMBER,
                FieldKind.TEXT, FieldKind.FLAGS), kinds);
        HexDump dump = HexDump.of(b, 0x8000).annotate(r.spans());
        assertEquals(List.of(FieldKind.MAGIC, FieldKind.NUMBER, FieldKind.TEXT, FieldKind.FLAGS), dump.kinds());
        assertEquals(List.of(FieldKind.FLAGS), HexDump.of(b.slice(0x1C, 0x20), 0x801C).annotate(r.spans()).kinds());
    }

    @Test void kindsComeFromTheNamesTheDecodersUse() {
        assertEquals(FieldKind.MAGIC, FieldKind.of("magic_word", 4));
        assertEquals(FieldKind.MAGIC, FieldKind.of("end_marker", 32));
        assertEquals(FieldKind.CHECKSUM, FieldKind.of("crc", 4));
        assertEquals(FieldKind.CHECKSUM, FieldKind.of("digest", 16));
        assertEquals(FieldKind.CHECKSUM, FieldKind.of("app_elf_sha256", 32));
        assertEquals(FieldKind.PADDING, FieldKind.of("reserv1", 8));
        assertEquals(FieldKind.TEXT, FieldKind.of("version", 32));
        assertEquals(FieldKind.NUMBER, FieldKind.of("version", 4));
        assertEquals(FieldKind.FLAGS, FieldKind.of("hash_appended", 1));
        assertEquals(FieldKind.DATA, FieldKind.of("data", 512));
        assertEquals(FieldKind.NUMBER, FieldKind.of("ota_seq", 4));
    }
}
