package esp32ota.kernel;

import esp32ota.lesson.WhyItFails;
import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell's exception as the notebook shows it. A failure the lesson expects (the cell says {@code // throws: …}, or
 * the library's own exception, like a {@code DecodeException}) is {@code Name: message} and one line that says why,
 * with no frames. Anything else is a bug to find: {@code Name: message}, then the frames down to the cell's own code,
 * without the JShell and reflection machinery below it. Cell frames read {@code at (#12:3)}: snippet 12, line 3.
 */
final class StackTraces {
    /** The comment that marks a cell failing on purpose (checked by check_notebook.py against the error it shows). */
    static final String ON_PURPOSE = "// throws:";

    /** At most this many frames per exception; a deep library stack is cut with "…". */
    static final int MAX_FRAMES = 12;

    private StackTraces() {}

    static List<String> forCell(EvalException e) {
        List<String> lines = new ArrayList<>();
        Throwable t = e;
        String prefix = "";
        while (t != null) {
            String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            lines.add(prefix + name + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            lines.addAll(frames(t.getStackTrace()));
            t = t.getCause();
            prefix = "Caused by: ";
        }
        return lines;
    }

    /** {@code Name: message} and {@link WhyItFails}'s one line, for each cause too; no frames. */
    static List<String> explained(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        String prefix = "";
        for (Throwable t = thrown; t != null; t = t.getCause(), prefix = "Caused by: ") {
            String message = t.getMessage() == null ? "" : ": " + t.getMessage();
            lines.add(prefix + t.getClass().getSimpleName() + message);
            lines.add("    " + WhyItFails.of(t));
        }
        return lines;
    }

    /** True for the library's own exceptions ({@code esp32ota.*}): their message says what and where. */
    static boolean isLibrarys(Throwable t) { return t.getClass().getName().startsWith("esp32ota."); }

    static List<String> frames(StackTraceElement[] stack) {
        int last = -1;
        for (int i = 0; i < stack.length; i++) if (isCell(stack[i])) last = i;
        int end = last >= 0 ? last + 1 : stack.length;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < end && lines.size() < MAX_FRAMES; i++) lines.add("    at " + frame(stack[i]));
        if (end > MAX_FRAMES) lines.add("    …");
        return lines;
    }

    /** JShell names a snippet's frames by the snippet: file {@code #15}, no class, the method name if it has one. */
    private static boolean isCell(StackTraceElement f) { return f.getFileName() != null && f.getFileName().startsWith("#"); }

    private static String frame(StackTraceElement f) {
        if (!isCell(f)) return f.toString();
        String where = "(%s:%d)".formatted(f.getFileName(), f.getLineNumber());
        String method = f.getMethodName();
        return method.isEmpty() || method.equals("do_it$") ? where : method + " " + where;
    }
}
