package esp32ota.lesson;

import esp32ota.bytes.DecodeException;
import esp32ota.partition.PartitionTableException;

/**
 * One line that says why a cell failed on purpose, in a learner's words; the notebook shows it under the exception's
 * own message instead of a stack trace (cells tagged {@code raises-exception}). The exception's message says what and
 * where; this line says what that means:
 * <pre>
 * DecodeException: ImageHeader.magic at 0x000000: bad magic (expected 0xE9, got 0x00)
 * why it fails: every ImageHeader starts with a fixed magic value, and these bytes hold something else …
 * </pre>
 */
public final class WhyItFails {
    private WhyItFails() {}

    /** The line for {@code failure}, starting "why it fails: ". */
    public static String of(Throwable failure) {
        return "why it fails: " + reason(failure);
    }

    private static String reason(Throwable t) {
        if (t instanceof DecodeException d) return decode(d);
        if (t instanceof PartitionTableException) {
            return "the table breaks a rule of gen_esp32part, ESP-IDF's partition tool, which refuses it in these words";
        }
        StackTraceElement[] stack = t.getStackTrace();
        String where = stack.length == 0 ? "" : " in %s.%s".formatted(simpleName(stack[0].getClassName()),
                stack[0].getMethodName());
        if (t instanceof IllegalArgumentException) return "a method was given a value it does not accept" + where;
        if (t instanceof IllegalStateException) return "a method was called at a moment it does not allow" + where;
        return "%s was thrown%s".formatted(t.getClass().getSimpleName(), where);
    }

    private static String decode(DecodeException d) {
        String s = d.structure();
        return switch (d.kind()) {
            case TRUNCATED -> "the bytes end before the %s ends, so its field %s cannot be read".formatted(s, d.field());
            case BAD_MAGIC -> ("every %s starts with a fixed magic value, and these bytes hold something else "
                    + "(another structure, erased flash, a damaged copy): decoding stops at once").formatted(s);
            case BAD_VALUE -> "%s.%s holds a value the format does not allow".formatted(s, d.field());
            case BAD_CHECKSUM -> ("the bytes changed after their checksum was computed, so %s.%s no longer matches them: "
                    + "the decoder will not trust them").formatted(s, d.field());
            case UNSUPPORTED -> "the format allows %s.%s, but the kit does not decode it".formatted(s, d.field());
        };
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
