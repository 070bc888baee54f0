package esp32ota.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Python string operations gen_esp32part applies to a CSV before reading any field, reproduced exactly because
 * they decide line numbers and what counts as blank: {@code str.splitlines()}, {@code str.strip()} and
 * {@code os.path.expandvars} (CPython 3.11 posixpath).
 */
final class PythonText {
    private PythonText() {}

    /** {@code str.isspace()} for one code point: the characters {@code str.strip()} removes. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }

    /** {@code str.strip()}: removes {@link #isSpace} characters at both ends (all of them are in the BMP). */
    static String strip(String s) {
        int from = 0, to = s.length();
        while (from < to && isSpace(s.charAt(from))) from++;
        while (to > from && isSpace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    /**
     * {@code str.splitlines()}: breaks at \n, \r, \r\n, \v, \f, \x1c, \x1d, \x1e, \x85, U+2028 and U+2029; a break
     * at the very end does not start another line.
     */
    static List<String> splitLines(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLineBreak(c)) continue;
            lines.add(s.substring(start, i));
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
            start = i + 1;
        }
        if (start < s.length()) lines.add(s.substring(start));
        return lines;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    /**
     * {@code os.path.expandvars}: each {@code $name} ({@code [A-Za-z0-9_]+}) or {@code ${anything}} found in
     * {@code env} is replaced by its value; unknown names stay as written. A replaced value is not expanded again.
     */
    static String expandVars(String s, Map<String, String> env) {
        var out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int dollar = s.indexOf('$', i);
            if (dollar < 0) break;
            int end = variableEnd(s, dollar);
            if (end < 0) {                                   // a lone '$' or an unclosed '${': keep it, look further
                out.append(s, i, dollar + 1);
                i = dollar + 1;
                continue;
            }
            String name = s.charAt(dollar + 1) == '{' ? s.substring(dollar + 2, end - 1) : s.substring(dollar + 1, end);
            String value = env.get(name);
            out.append(s, i, dollar).append(value != null ? value : s.substring(dollar, end));
            i = end;
        }
        return out.append(s.substring(i)).toString();
    }

    /** End (exclusive) of the variable reference starting at {@code dollar}, or -1 when there is none. */
    private static int variableEnd(String s, int dollar) {
        int j = dollar + 1;
        if (j < s.length() && s.charAt(j) == '{') {
            int close = s.indexOf('}', j);
            return close < 0 ? -1 : close + 1;
        }
        while (j < s.length() && isNameChar(s.charAt(j))) j++;
        return j == dollar + 1 ? -1 : j;
    }

    /**
     * The name gen_esp32part reports as "unknown variable": a {@code $NAME} ({@code [A-Za-z_][A-Za-z0-9_]*}) at the
     * very start of the expanded, not yet stripped, line; {@code null} when the line does not start that way.
     */
    static String leadingVariable(String expandedLine) {
        if (expandedLine.length() < 2 || expandedLine.charAt(0) != '$') return null;
        char first = expandedLine.charAt(1);
        if (!(first == '_' || (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) return null;
        int j = 2;
        while (j < expandedLine.length() && isNameChar(expandedLine.charAt(j))) j++;
        return expandedLine.substring(1, j);
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
