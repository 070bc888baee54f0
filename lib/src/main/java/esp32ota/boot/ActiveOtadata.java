package esp32ota.boot;

import java.util.Optional;

/**
 * Which otadata copy a boot's selection used ({@link BootDecision#activeOtadata()}). The shared vectors write it as
 * {@code active_otadata}: null when the copies were not compared, -1 when none was valid, else the copy.
 */
public enum ActiveOtadata {
    /** The selection did not compare the copies: no otadata partition, both copies blank or rejected, or initial. */
    NOT_COMPARED,
    /** The copies were compared and neither was eligible ("ota data partition invalid"). */
    NONE_VALID,
    COPY_0,
    COPY_1;

    /** {@link #COPY_0}, {@link #COPY_1}, or {@link #NONE_VALID} when empty. */
    public static ActiveOtadata of(Optional<Integer> copy) {
        return copy.map(i -> i == 0 ? COPY_0 : COPY_1).orElse(NONE_VALID);
    }

    /** The copy index, when a copy was active. */
    public Optional<Integer> copy() {
        return this == COPY_0 ? Optional.of(0) : this == COPY_1 ? Optional.of(1) : Optional.empty();
    }
}
