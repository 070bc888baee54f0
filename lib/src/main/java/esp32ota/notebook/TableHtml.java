package esp32ota.notebook;

import tech.tablesaw.api.Table;

/** A tablesaw {@link Table} as an HTML table with its name as caption; long tables are cut after {@link #MAX_ROWS}. */
public final class TableHtml {
    public static final int MAX_ROWS = 200;

    private TableHtml() {}

    public static String of(Table t) {
        var sb = new StringBuilder("<table style=\"" + Html.TABLE_STYLE + "\">");
        if (t.name() != null && !t.name().isBlank()) {
            sb.append("<caption style=\"text-align:left\"><b>").append(Html.escape(t.name())).append("</b></caption>");
        }
        sb.append("<tr>");
        for (String name : t.columnNames()) sb.append(Html.th(name));
        sb.append("</tr>");
        int shown = Math.min(t.rowCount(), MAX_ROWS);
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) sb.append(Html.td(Html.escape(t.getString(r, c))));
            sb.append("</tr>");
        }
        if (t.rowCount() > shown) {
            sb.append("<tr><td colspan=\"%d\">… %d more rows</td></tr>".formatted(t.columnCount(), t.rowCount() - shown));
        }
        return sb.append("</table>").toString();
    }
}
