package esp32ota.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line magic, IJava style: a line of a cell that starts with {@code %name}, then arguments split at blanks
 * ({@code "double quotes"} keep blanks inside one argument). {@code %%} cell magics are not supported.
 */
record Magic(String name, List<String> args) {
    private static final Pattern LINE = Pattern.compile("^\\s*%(\\w+)(.*)$");
    private static final Pattern ARG = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    Magic {
        args = List.copyOf(args);
    }

    /** The magic on this line, or empty for a line of Java. */
    static Optional<Magic> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return Optional.empty();
        List<String> args = new ArrayList<>();
        Matcher a = ARG.matcher(m.group(2));
        while (a.find()) args.add(a.group(1) != null ? a.group(1) : a.group(2));
        return Optional.of(new Magic(m.group(1), args));
    }

    /** The cell with every magic line blanked out (same length, so cursor positions stay valid), for analysis. */
    static String withoutMagicLines(String code) {
        var sb = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(LINE.matcher(line).matches() ? " ".repeat(line.length()) : line);
        }
        return sb.toString();
    }
}
