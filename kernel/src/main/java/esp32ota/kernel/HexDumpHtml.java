package esp32ota.kernel;

import esp32ota.bytes.FieldSpan;
import esp32ota.bytes.HexDump;

/**
 * An annotated {@link HexDump} as HTML: each field's bytes get their own background (alternating pastel colours, so
 * neighbouring fields are told apart) and the field name as a tooltip; the right column names the fields that start
 * in the row, as the text dump does, wrapping when a row starts many fields.
 */
final class HexDumpHtml {
    static final String[] FIELD_COLOURS = {"#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#e0e7ff", "#ccfbf1"};

    private HexDumpHtml() {}

    static String of(HexDump dump) {
        var sb = new StringBuilder("<table style=\"" + Html.TABLE_STYLE + "\">");
        for (HexDump.Row row : dump.rows(0, dump.rowCount())) {
            sb.append("<tr>").append(Html.td("%06X".formatted(row.address()))).append("<td style=\"padding:1px 8px;white-space:nowrap\">");
            for (int i = 0; i < row.bytes().size(); i++) {
                long address = row.address() + i;
                FieldSpan span = dump.fieldAt(address);
                String hex = "%02x".formatted(row.bytes().u8(i));
                if (span == null) {
                    sb.append(hex);
                } else {
                    sb.append("<span title=\"").append(Html.escape(span.name() + " @ 0x%X".formatted(span.address())))
                      .append("\" style=\"background:").append(colour(dump, span)).append("\">").append(hex).append("</span>");
                }
                if (i < row.bytes().size() - 1) sb.append(' ');
            }
            sb.append("</td>").append(Html.td(Html.escape(row.ascii())))
              .append(Html.wrappingTd(Html.escape(String.join(", ", row.fields())))).append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /** The span's colour: its position among all spans, so consecutive fields never share a colour. */
    static String colour(HexDump dump, FieldSpan span) {
        return FIELD_COLOURS[dump.spans().indexOf(span) % FIELD_COLOURS.length];
    }
}
