package esp32ota.kernel;

import esp32ota.bytes.Bytes;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Records as HTML tables: one record as "field | value" rows, a list of records of one type as one row each.
 * Whole numbers from 16 up show hex and decimal ({@code 0x9000 = 36864}), since flash addresses are read in hex.
 */
final class RecordHtml {
    private RecordHtml() {}

    static String of(Record r) {
        var sb = new StringBuilder("<table style=\"" + Html.TABLE_STYLE + "\"><caption style=\"text-align:left\"><b>")
                .append(Html.escape(r.getClass().getSimpleName())).append("</b></caption>");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            sb.append("<tr>").append(Html.th(c.getName())).append(Html.td(value(read(c, r), true))).append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /** True for a non-empty list whose elements are all records of one class. */
    static boolean isRecordList(List<?> list) {
        if (list.isEmpty() || !(list.get(0) instanceof Record first)) return false;
        return list.stream().allMatch(e -> e != null && e.getClass() == first.getClass());
    }

    /** A list of same-class records as one table; the caller checks {@link #isRecordList} first. */
    static String table(List<?> records) {
        RecordComponent[] cs = records.get(0).getClass().getRecordComponents();
        var sb = new StringBuilder("<table style=\"" + Html.TABLE_STYLE + "\"><tr>");
        for (RecordComponent c : cs) sb.append(Html.th(c.getName()));
        sb.append("</tr>");
        for (Object r : records) {
            sb.append("<tr>");
            for (RecordComponent c : cs) sb.append(Html.td(value(read(c, r), false)));
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /** One value as HTML; {@code nested} lets records and record lists open into tables of their own. */
    static String value(Object v, boolean nested) {
        if (v instanceof Optional<?> o) return o.isPresent() ? value(o.get(), nested) : "<i>empty</i>";
        if (v instanceof OptionalLong o) return o.isPresent() ? value(o.getAsLong(), nested) : "<i>empty</i>";
        if (v instanceof OptionalInt o) return o.isPresent() ? value(o.getAsInt(), nested) : "<i>empty</i>";
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            return n >= 16 ? "0x%X = %d".formatted(n, n) : Long.toString(n);
        }
        if (v instanceof Bytes b) return "<code>" + Html.escape(b.toString()) + "</code>";
        if (nested && v instanceof Record r) return of(r);
        if (nested && v instanceof List<?> l && isRecordList(l)) return table(l);
        return Html.escape(String.valueOf(v));
    }

    private static Object read(RecordComponent c, Object r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
