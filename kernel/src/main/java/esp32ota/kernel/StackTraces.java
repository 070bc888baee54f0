package esp32ota.kernel;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell's exception as the notebook shows it: {@code Name: message}, then the frames down to the cell's own code,
 * without the JShell and reflection machinery below it. Cell frames read {@code at (#12:3)}: snippet 12, line 3.
 */
final class StackTraces {
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
