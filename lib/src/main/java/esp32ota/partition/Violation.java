package esp32ota.partition;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule a partition table breaks (an error) or a likely mistake (a warning), in gen_esp32part's own words.
 *
 * <p>Before some errors the tool prints the offending rows as CSV ("A list of partitions that have the same
 * name:" and the rows; the otadata rows before "otadata partition must have size = 0x2000"). Those lines are
 * {@link #listing()}, so {@link #lines()} is exactly what the tool writes to stderr for this violation.
 *
 * @param listing lines the tool prints before {@code message}; empty for most violations
 */
public record Violation(Severity severity, String message, List<String> listing) {
    public enum Severity { ERROR, WARNING }

    public Violation {
        listing = List.copyOf(listing);
    }

    static Violation error(String message) { return new Violation(Severity.ERROR, message, List.of()); }

    static Violation warning(String message) { return new Violation(Severity.WARNING, message, List.of()); }

    public boolean isError() { return severity == Severity.ERROR; }

    /** The listing lines, then the message: the tool's stderr for this violation. */
    public List<String> lines() {
        List<String> all = new ArrayList<>(listing);
        all.add(message);
        return List.copyOf(all);
    }
}
