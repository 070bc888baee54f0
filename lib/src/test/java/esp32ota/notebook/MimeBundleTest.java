package esp32ota.notebook;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.FieldKind;
import esp32ota.bytes.FieldSpan;
import esp32ota.bytes.HexDump;
import esp32ota.lesson.Exercise;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

class MimeBundleTest {
    @Test void chartBecomesAPngOfTheChartsOwnSize() throws Exception {
        var chart = new XYChartBuilder().width(640).height(360).title("t").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        var d = MimeBundle.of(chart);
        byte[] png = Base64.getDecoder().decode((String) d.get(MimeBundle.PNG));
        BufferedImage img = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
        assertEquals("XYChart \"t\" (640×360)", d.get(MimeBundle.TEXT));
    }

    @Test void imageBecomesPng() throws Exception {
        var d = MimeBundle.of(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        byte[] png = Base64.getDecoder().decode((String) d.get(MimeBundle.PNG));
        assertEquals(3, javax.imageio.ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    }

    @Test void tableBecomesHtmlWithCaptionHeaderAndEscapedCells() {
        var t = Table.create("parts", StringColumn.create("label", List.of("a<b", "nvs")), IntColumn.create("n", 1, 2));
        String html = (String) MimeBundle.of(t).get(MimeBundle.HTML);
        assertTrue(html.contains("<caption style=\"text-align:left\"><b>parts</b></caption>"), html);
        assertTrue(html.contains(Html.th("label") + Html.th("n")), html);
        assertTrue(html.contains("<tr>" + Html.td("a&lt;b") + Html.td("1") + "</tr>"), html);
        assertTrue(((String) MimeBundle.of(t).get(MimeBundle.TEXT)).contains("nvs"));
    }

    @Test void longTablesAreCut() {
        var t = Table.create("many", IntColumn.create("n", new int[TableHtml.MAX_ROWS + 5]));
        String html = TableHtml.of(t);
        assertTrue(html.contains("… 5 more rows"), html);
        assertEquals(TableHtml.MAX_ROWS + 2, html.split("<tr>", -1).length - 1);   // header + rows + "more" row
    }

    @Test void anExerciseOutcomeIsOneColouredLineNotAFieldTable() {
        var d = MimeBundle.of(Exercise.check("00-free-flash", false, "free = size − end"));
        assertEquals("not yet: free = size − end (00-free-flash)", d.get(MimeBundle.TEXT));
        String html = (String) d.get(MimeBundle.HTML);
        assertTrue(html.startsWith("<div") && html.contains("<b>not yet:</b> free = size − end"), html);
        assertFalse(html.contains("<table"), html);
    }

    @Test void recordBecomesAFieldTableWithHexForLargeNumbers() {
        String html = RecordHtml.of(new FieldSpan("PartitionEntry", "offset", 0x8004, 4));
        assertTrue(html.contains("<b>FieldSpan</b>"), html);
        assertTrue(html.contains(Html.th("address") + Html.td("0x8004 = 32772")), html);
        assertTrue(html.contains(Html.th("length") + Html.td("4")), html);
        assertTrue(html.contains(Html.th("field") + Html.td("offset")), html);
    }

    record Holder(Optional<Bytes> bytes, List<FieldSpan> spans, Optional<String> none) {}

    @Test void nestedValuesStayOnOneLine() {
        var spans = List.of(new FieldSpan("E", "a", 0x10, 1), new FieldSpan("E", "b", 0x11, 1));
        String html = RecordHtml.of(new Holder(Optional.of(Bytes.of(0xAA, 0x50)), spans, Optional.empty()));
        assertTrue(html.contains(Html.td("aa 50 (2 bytes)")), html);
        assertTrue(html.contains(Html.td("none")), html);
        assertTrue(html.contains(Html.th("spans") + Html.td("[FieldSpan: structure E, field a, address 0x10 = 16, length 1, "
                + "FieldSpan: structure E, field b, add…")), html);                // cut: never a runaway dump
    }

    record Limits(OptionalLong size, OptionalInt revision, OptionalLong none) {}

    @Test void optionalNumbersShowTheirValue() {
        String html = RecordHtml.of(new Limits(OptionalLong.of(0x100000), OptionalInt.of(3), OptionalLong.empty()));
        assertTrue(html.contains(Html.th("size") + Html.td("0x100000 = 1048576")), html);
        assertTrue(html.contains(Html.th("revision") + Html.td("3")), html);
        assertTrue(html.contains(Html.th("none") + Html.td("none")), html);
    }

    @Test void anOtadataCopyReadsWithNamesAndAShortHexInBothForms() {
        var entry = OtaSelectEntry.written(0xD000, 1, OtaImgState.VALID);
        var d = MimeBundle.of(entry);
        String text = (String) d.get(MimeBundle.TEXT);
        assertTrue(text.startsWith("OtaSelectEntry at 0xD000\n"), text);
        assertTrue(text.contains("seq_label  20 bytes, all ff") && text.contains("ota_state  VALID (2)"), text);
        String html = (String) d.get(MimeBundle.HTML);
        assertTrue(html.contains(Html.th("crc") + Html.td("0x4743989A, right")), html);
        assertFalse(html.contains("[hex="), html);
    }

    @Test void listOfOneRecordTypeIsATableButMixedListsStayText() {
        var spans = List.of(new FieldSpan("E", "a", 0, 1), new FieldSpan("E", "b", 1, 1));
        String html = (String) MimeBundle.of(spans).get(MimeBundle.HTML);
        assertTrue(html.contains(Html.th("#") + Html.th("structure") + Html.th("field")), html);
        assertTrue(html.contains("<tr>" + Html.td("1") + Html.td("E") + Html.td("b") + Html.td("1") + Html.td("1") + "</tr>"), html);
        assertEquals("0: FieldSpan: structure E, field a, address 0, length 1\n1: FieldSpan: structure E, field b, address 1, length 1",
                MimeBundle.of(spans).get(MimeBundle.TEXT));
        assertNull(MimeBundle.of(List.of(new FieldSpan("E", "a", 0, 1), "x")).get(MimeBundle.HTML));
        assertNull(MimeBundle.of(List.of()).get(MimeBundle.HTML));
        assertEquals("[]", MimeBundle.of(List.of()).get(MimeBundle.TEXT));
    }

    record Slot(int n) {
        @Override public String toString() { return "slot " + n; }
    }

    record Pair(Slot left, FieldSpan right) {}

    @Test void recordsWithWordsOfTheirOwnReadAsThemInAListAndAsAField() {
        var slots = MimeBundle.of(List.of(AppSlot.ota(0), AppSlot.ota(1), AppSlot.FACTORY));
        assertEquals(Map.of(MimeBundle.TEXT, "[ota_0, ota_1, factory]"), slots);           // no field table
        assertEquals(Map.of(MimeBundle.TEXT, "[slot 1, slot 2]"), MimeBundle.of(List.of(new Slot(1), new Slot(2))));
        String html = RecordHtml.of(new Pair(new Slot(7), new FieldSpan("E", "a", 0, 1)));
        assertTrue(html.contains(Html.th("left") + Html.td("slot 7")), html);
        assertTrue(html.contains(Html.th("right") + Html.td("FieldSpan: structure E, field a, address 0, length 1")), html);
    }

    @Test void aLongListOfRecordsWithWordsOfTheirOwnReadsOnePerLine() {
        var logs = List.of(new esp32ota.boot.LogLine('I', "boot", "Loaded app from partition at offset 0x10000"),
                new esp32ota.boot.LogLine('W', "boot", "No bootable app partitions in the partition table"));
        assertEquals(Map.of(MimeBundle.TEXT, logs.get(0) + "\n" + logs.get(1)), MimeBundle.of(logs));
        var shortOnes = List.of(new Slot(1), new Slot(2));
        assertTrue(String.valueOf(shortOnes).length() <= MimeBundle.LINE);
        assertEquals("[slot 1, slot 2]", MimeBundle.of(shortOnes).get(MimeBundle.TEXT));
    }

    @Test void hexDumpColoursEachFieldByItsKindAndNamesItInATooltip() {
        Bytes b = Bytes.fromHex("aa50 01 02");
        var r = ByteReader.of(b, 0x8000).structure("PartitionEntry");
        r.u16("magic"); r.u8("type"); r.u8("subtype");
        String html = HexDumpHtml.of(HexDump.of(b, 0x8000).annotate(r.spans()));
        String magic = HexDumpHtml.colour(FieldKind.MAGIC), number = HexDumpHtml.colour(FieldKind.NUMBER);
        assertNotEquals(magic, number);
        assertTrue(html.contains(Html.td("008000")), html);
        assertTrue(html.contains("<span title=\"PartitionEntry.magic @ 0x8000\" style=\"background:" + magic + "\">aa</span> "
                + "<span title=\"PartitionEntry.magic @ 0x8000\" style=\"background:" + magic + "\">50</span> "
                + "<span title=\"PartitionEntry.type @ 0x8002\" style=\"background:" + number + "\">01</span> "
                + "<span title=\"PartitionEntry.subtype @ 0x8003\" style=\"background:" + number + "\">02</span>"), html);
        assertTrue(html.contains(Html.td(".P..")), html);
        assertTrue(html.contains(Html.wrappingTd("PartitionEntry.magic, type, subtype")), html);
        assertFalse(Html.WRAPPING_CELL_STYLE.contains("nowrap"), "a row starting many fields wraps its names");
        assertTrue(html.endsWith("<div style=\"font-family:monospace;font-size:12px;padding:2px 8px\">key: "
                + "<span style=\"background:" + magic + ";padding:0 4px;margin-left:6px\">magic</span> "
                + "<span style=\"background:" + number + ";padding:0 4px;margin-left:6px\">number</span></div>"), html);
    }

    @Test void theMagicHasOneColourInEveryDump() {
        Bytes entry = Bytes.fromHex("aa50 01 02"), otadata = Bytes.fromHex("01000000");
        var p = ByteReader.of(entry, 0x8000).structure("PartitionEntry");
        p.u16("magic"); p.u8("type"); p.u8("subtype");
        var a = ByteReader.of(Bytes.fromHex("e9 04"), 0).structure("ImageHeader");
        a.u8("magic"); a.u8("segment_count");
        String partition = HexDumpHtml.of(HexDump.of(entry, 0x8000).annotate(p.spans()));
        String image = HexDumpHtml.of(HexDump.of(Bytes.fromHex("e9 04"), 0).annotate(a.spans()));
        String magic = "style=\"background:" + HexDumpHtml.colour(FieldKind.MAGIC) + "\">";
        assertTrue(partition.contains(magic + "aa<") && image.contains(magic + "e9<"), image);
        assertTrue(image.contains("style=\"background:" + HexDumpHtml.colour(FieldKind.NUMBER) + "\">04<"), image);
    }

    @Test void unannotatedBytesArePlain() {
        String html = HexDumpHtml.of(HexDump.of(Bytes.of(0x41), 0));
        assertTrue(html.contains("<td style=\"padding:1px 8px;white-space:nowrap\">41</td>"), html);
    }

    @Test void htmlEscapesMarkup() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;", Html.escape("<a href=\"x\">&"));
    }
}
