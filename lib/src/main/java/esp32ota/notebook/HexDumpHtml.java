package esp32ota.notebook;

import esp32ota.bytes.FieldKind;
import esp32ota.bytes.FieldSpan;
import esp32ota.bytes.HexDump;
import esp32ota.view.Palette;

/**
 * An annotated {@link HexDump} as HTML: each field's bytes get the background of its kind ({@link FieldKind}, colours
 * from {@link Palette#field}: the magic is always the same colour, in every dump) and the field name as a tooltip;
 * the right column names the fields whose bytes the row holds, as the text dump does, wrapping when there are many.
 * Under the dump, a colour key lists the kinds it shows.
 */
public final class HexDumpHtml {
    private HexDumpHtml() {}

    public static String of(HexDump dump) {
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
                      .append("\" style=\"background:").append(colour(span.kind())).append("\">").append(hex).append("</span>");
                }
                if (i < row.bytes().size() - 1) sb.append(' ');
            }
            sb.append("</td>").append(Html.td(Html.escape(row.ascii())))
              .append(Html.wrappingTd(Html.escape(String.join(", ", row.fields())))).append("</tr>");
        }
        sb.append("</table>");
        return dump.kinds().isEmpty() ? sb.toString() : sb.append(key(dump)).toString();
    }

    /** One swatch per kind of field in the dump: "■ magic ■ number ■ text …". */
    public static String key(HexDump dump) {
        var sb = new StringBuilder("<div style=\"font-family:monospace;font-size:12px;padding:2px 8px\">key:");
        for (FieldKind kind : dump.kinds()) {
            sb.append(" <span style=\"background:").append(colour(kind)).append(";padding:0 4px;margin-left:6px\">")
              .append(kind.label()).append("</span>");
        }
        return sb.append("</div>").toString();
    }

    /** The background of a field of this kind, as CSS. */
    public static String colour(FieldKind kind) { return Palette.hex(Palette.field(kind)); }
}
