package esp32ota.partition;

/**
 * Python's {@code %x} / {@code %.1f} number formats, because gen_esp32part puts them into its CSV files (and
 * {@code esp32ota.describe.GenEsp32PartWords} into its messages) and the kit writes the tool's text verbatim (the
 * {@code repr()} of a {@code bytes} value is in {@code esp32ota.describe.ToolErrors}).
 */
public final class PythonRepr {
    private PythonRepr() {}

    /** Python's {@code "%x" % v}: lowercase hex, and a minus sign rather than two's complement ({@code -1000}). */
    public static String hex(long v) {
        return v < 0 ? "-" + Long.toHexString(-v) : Long.toHexString(v);
    }

    /**
     * Python's {@code "%.1f" % v}: rounds the exact binary value half to even ({@code 1.25} gives {@code 1.2}),
     * where Java's {@code %.1f} would round half up.
     */
    public static String oneDecimal(double v) {
        return new java.math.BigDecimal(v).setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
