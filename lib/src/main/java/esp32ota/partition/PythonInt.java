package esp32ota.partition;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Python's {@code int(text, 0)} (CPython 3.11), which gen_esp32part uses for every number in a CSV: the same text
 * must be accepted or refused as the tool does, and give the same value.
 * <ul>
 * <li>surrounding space (ASCII space, \t \n \v \f \r and non-ASCII Unicode spaces, but not \x1c-\x1f), one sign;</li>
 * <li>{@code 0x}/{@code 0o}/{@code 0b} prefixes in either case, one optional {@code _} right after the prefix;</li>
 * <li>{@code _} only between digits; a decimal number may not start with 0 unless it is all zeros ({@code 00});</li>
 * <li>any Unicode decimal digit counts as its ASCII digit ({@code １２} is 12); at most 4300 decimal digits.</li>
 * </ul>
 */
final class PythonInt {
    private PythonInt() {}

    /** CPython's {@code sys.int_info.default_max_str_digits}: longer decimal strings are a ValueError. */
    static final int MAX_DECIMAL_DIGITS = 4300;

    /** The value of {@code int(text, 0)}, or empty where Python raises ValueError. */
    static Optional<BigInteger> parse(String text) {
        String s = trim(asciiDigits(text));
        if (s == null || s.isEmpty()) return Optional.empty();
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        boolean mustBeZero = false;
        if (i + 1 < s.length() && s.charAt(i) == '0') {
            char p = Character.toLowerCase(s.charAt(i + 1));
            radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
            if (radix != 10) {
                i += 2;
                if (i < s.length() && s.charAt(i) == '_') i++;
            } else {
                mustBeZero = true;                            // "010" is an old-style octal literal: refused
            }
        }
        String digits = digitsWithoutUnderscores(s.substring(i), radix);
        if (digits == null) return Optional.empty();
        if (radix == 10 && digits.length() > MAX_DECIMAL_DIGITS) return Optional.empty();
        BigInteger value = new BigInteger(digits, radix);
        if (mustBeZero && value.signum() != 0) return Optional.empty();
        return Optional.of(negative ? value.negate() : value);
    }

    /**
     * The value of {@code int(text, 16)}, or empty where Python raises ValueError: the same spaces, sign, Unicode
     * digits and underscores as {@link #parse}, an optional {@code 0x}/{@code 0X} prefix (so {@code 0b1} is 0xB1).
     */
    static Optional<BigInteger> parseHex(String text) {
        String s = trim(asciiDigits(text));
        if (s == null || s.isEmpty()) return Optional.empty();
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (i + 1 < s.length() && s.charAt(i) == '0' && Character.toLowerCase(s.charAt(i + 1)) == 'x') {
            i += 2;
            if (i < s.length() && s.charAt(i) == '_') i++;
        }
        String digits = digitsWithoutUnderscores(s.substring(i), 16);
        if (digits == null) return Optional.empty();
        BigInteger value = new BigInteger(digits, 16);
        return Optional.of(s.charAt(0) == '-' ? value.negate() : value);
    }

    /** The digits with single underscores between them removed; null if empty, misplaced {@code _} or a bad digit. */
    private static String digitsWithoutUnderscores(String s, int radix) {
        var sb = new StringBuilder();
        char previous = '_';                                    // so a leading '_' is refused
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '_') {
                if (previous == '_') return null;
            } else if (Character.digit(c, radix) < 0) {
                return null;
            } else {
                sb.append(c);
            }
            previous = c;
        }
        return previous == '_' || sb.isEmpty() ? null : sb.toString();
    }

    /**
     * CPython first maps every non-ASCII Unicode space to ' ' and every Unicode decimal digit to its ASCII digit;
     * any other non-ASCII character makes the text invalid (null).
     */
    private static String asciiDigits(String text) {
        var sb = new StringBuilder();
        for (int k = 0; k < text.length(); ) {
            int c = text.codePointAt(k);
            k += Character.charCount(c);
            if (c < 0x7F) sb.append((char) c);
            else if (PythonText.isSpace(c)) sb.append(' ');
            else if (Character.isDigit(c)) sb.append((char) ('0' + Character.digit(c, 10)));
            else return null;
        }
        return sb.toString();
    }

    /** Removes the spaces C's {@code isspace} knows (space, \t \n \v \f \r) from both ends. */
    private static String trim(String s) {
        if (s == null) return null;
        int from = 0, to = s.length();
        while (from < to && isCSpace(s.charAt(from))) from++;
        while (to > from && isCSpace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    private static boolean isCSpace(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }
}
