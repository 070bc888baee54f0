package esp32ota.lesson;

import java.math.BigInteger;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The check of a notebook exercise. A check cell is tagged {@code exercise:ID} and ends with one of these calls; the
 * cell shows the {@link Outcome}: "✔ solved" or "not yet: HINT". A check never throws, so a student's notebook runs to
 * the end whatever the answer (see notebooks/EXERCISES.md).
 * <pre>
 * long freeBytes = 0;                  // the answer cell: a placeholder that compiles, then
 * // BEGIN SOLUTION                    // the teacher's solution, replaced by "// YOUR CODE HERE" for students
 * freeBytes = (4L << 20) - table.flashEnd();
 * // END SOLUTION
 *
 * Exercise.checkEquals("00-free-flash", (4L << 20) - table.flashEnd(), freeBytes,   // the check cell
 *         "free = flash size − end of the last partition");
 * </pre>
 */
public final class Exercise {
    private Exercise() {}

    /** Solved when {@code solved} is true. */
    public static Outcome check(String id, boolean solved, String hint) {
        return new Outcome(id, solved, hint);
    }

    /**
     * Solved when {@code test} returns true; an exception it throws (a student's CSV that does not parse, an
     * {@code orElseThrow} on nothing) is "not yet", with the hint and the exception's message.
     */
    public static Outcome check(String id, BooleanSupplier test, String hint) {
        try {
            return new Outcome(id, test != null && test.getAsBoolean(), hint);
        } catch (RuntimeException | AssertionError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(id, false, hint + " (your code fails: " + message + ")");
        }
    }

    /**
     * Solved when {@code actual} equals {@code expected}; whole numbers compare by value whatever their boxed type
     * ({@code 0x10000} equals {@code 0x10000L}). When not solved the hint says what the answer is now, never what
     * it should be.
     */
    public static Outcome checkEquals(String id, Object expected, Object actual, String hint) {
        boolean solved = sameValue(expected, actual);
        return new Outcome(id, solved, solved ? hint : hint + " (your answer: " + shown(actual) + ")");
    }

    static boolean sameValue(Object expected, Object actual) {
        BigInteger e = whole(expected), a = whole(actual);
        if (e != null && a != null) return e.equals(a);
        return Objects.equals(expected, actual);
    }

    private static BigInteger whole(Object o) {
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return BigInteger.valueOf(((Number) o).longValue());
        }
        return o instanceof BigInteger b ? b : null;
    }

    /** Whole numbers as decimal and hex (addresses and sizes read best in hex), anything else as its text. */
    private static String shown(Object o) {
        BigInteger n = whole(o);
        if (n != null) return n.signum() >= 0 && n.compareTo(BigInteger.valueOf(9)) > 0
                ? n + " = 0x" + n.toString(16).toUpperCase() : n.toString();
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }
}
