package esp32ota.notebook;

/** The little HTML the renderers write: escaping, and one shared table style. */
public final class Html {
    /** Compact, monospace, left-aligned: Jupyter's default table style centres and pads too much for bytes. */
    public static final String TABLE_STYLE = "border-collapse:collapse;font-family:monospace;font-size:12px;text-align:left";
    public static final String CELL_STYLE = "padding:1px 8px;text-align:left;border-bottom:1px solid #ddd;white-space:nowrap";
    /** For prose beside bytes (the field names of a hex dump row): wraps rather than widening the table. */
    public static final String WRAPPING_CELL_STYLE =
            "padding:1px 8px;text-align:left;border-bottom:1px solid #ddd;min-width:20em";

    private Html() {}

    public static String escape(String s) {
        var sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public static String th(String text) { return "<th style=\"" + CELL_STYLE + "\">" + escape(text) + "</th>"; }

    public static String td(String html) { return "<td style=\"" + CELL_STYLE + "\">" + html + "</td>"; }

    public static String wrappingTd(String html) { return "<td style=\"" + WRAPPING_CELL_STYLE + "\">" + html + "</td>"; }
}
