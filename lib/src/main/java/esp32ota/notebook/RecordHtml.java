package esp32ota.notebook;

import esp32ota.view.RecordView;

import java.util.List;

/**
 * Records as HTML tables, in the words of {@link RecordView}: one record as "field | value" rows under its title, a
 * list of records of one type as one row each. Names instead of codes, bytes as a short hex with their length, nested
 * records on one line: nothing runs off the page.
 */
public final class RecordHtml {
    private RecordHtml() {}

    public static String of(Record r) {
        var sb = new StringBuilder("<table style=\"" + Html.TABLE_STYLE + "\"><caption style=\"text-align:left\"><b>")
                .append(Html.escape(RecordView.title(r))).append("</b></caption>");
        for (RecordView.Row row : RecordView.rows(r)) {
            sb.append("<tr>").append(Html.th(row.field())).append(Html.td(Html.escape(row.value()))).append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /**
     * True for a non-empty list whose elements are all records of one class that has no words of its own: a list of
     * {@link esp32ota.boot.AppSlot} reads {@code [ota_0, ota_1]}, not as a table of its fields
     * ({@link RecordView#hasOwnWords}).
     */
    public static boolean isRecordList(List<?> list) {
        if (list.isEmpty() || !(list.get(0) instanceof Record first) || RecordView.hasOwnWords(first)) return false;
        return list.stream().allMatch(e -> e != null && e.getClass() == first.getClass());
    }

    /** A list of same-class records as one table, a numbered row each; the caller checks {@link #isRecordList}. */
    public static String table(List<?> records) {
        var sb = new StringBuilder("<table style=\"" + Html.TABLE_STYLE + "\"><tr>").append(Html.th("#"));
        for (String c : RecordView.columns(asRecords(records))) sb.append(Html.th(c));
        sb.append("</tr>");
        for (int i = 0; i < records.size(); i++) {
            sb.append("<tr>").append(Html.td(Integer.toString(i)));
            for (RecordView.Row row : RecordView.rows((Record) records.get(i))) sb.append(Html.td(Html.escape(row.value())));
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /** The same list as plain text: one numbered line per record. */
    public static String text(List<?> records) {
        var sb = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(i).append(": ").append(RecordView.line(records.get(i)));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<? extends Record> asRecords(List<?> records) { return (List<? extends Record>) records; }
}
