package esp32ota.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first sentence of a Javadoc comment as plain text, for inspect tooltips. */
final class Javadoc {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|link|linkplain|literal|value)\\s+([^}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("</?(?:a|b|i|em|strong|code|tt|p|br|ul|ol|li|pre|blockquote|sup|sub)\\b[^>]*>");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

    private Javadoc() {}

    /**
     * Up to the first period followed by blank space (Javadoc's own rule), with block tags ({@code @param} …) dropped,
     * {@code {@code x}} and {@code {@link x}} reduced to x, HTML markup removed (type arguments such as {@code <T>} stay) and blanks collapsed.
     */
    static String firstSentence(String javadoc) {
        if (javadoc == null) return "";
        String body = javadoc.lines().takeWhile(l -> !l.strip().startsWith("@")).reduce("", (a, b) -> a + " " + b);
        body = INLINE_TAG.matcher(body).replaceAll(m -> Matcher.quoteReplacement(m.group(1).replaceFirst("^#", "").replace('#', '.')));
        body = HTML_TAG.matcher(body).replaceAll(" ");
        body = body.replaceAll("\\s+", " ").strip();
        var end = SENTENCE_END.matcher(body);
        return end.find() ? body.substring(0, end.start() + 1) : body;
    }
}
