package esp32ota.lesson;

/**
 * What an exercise's check cell shows: one line, "✔ solved" or "not yet: HINT", followed by the exercise's id in
 * parentheses, e.g. {@code not yet: free = flash size − end of the last partition (00-free-flash)}.
 * {@code check_notebook.py} reads this line from the cell's {@code text/plain} output, so its form is fixed:
 * <pre>
 * ✔ solved (ID)
 * not yet: HINT (ID)
 * </pre>
 * The kernel shows {@link #html()} as well: the same words, green or orange, on one line.
 */
public record Outcome(String id, boolean solved, String hint) {
    public static final String SOLVED = "✔ solved";
    public static final String NOT_YET = "not yet: ";

    public Outcome {
        id = id == null || id.isBlank() ? "?" : id.strip();
        hint = hint == null || hint.isBlank() ? "look again" : hint.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The one line a notebook shows as text. */
    @Override public String toString() {
        return (solved ? SOLVED : NOT_YET + hint) + " (" + id + ")";
    }

    /** The same line as HTML: a green tick or an orange "not yet", the hint, and the id in grey. */
    public String html() {
        String colour = solved ? "#1a7f37" : "#9a4a00";
        String words = solved ? SOLVED : "<b>not yet:</b> " + escape(hint);
        return "<div style=\"font-family:sans-serif;font-size:14px;color:" + colour + "\">" + words
                + " <span style=\"color:#777;font-size:12px\">(" + escape(id) + ")</span></div>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
