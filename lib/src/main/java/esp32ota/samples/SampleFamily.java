package esp32ota.samples;

import esp32ota.bytes.Bytes;

import java.util.Map;

/**
 * One family of sample files that {@code ./kit samples} writes under {@code sample-images/} (partition tables, app
 * images, otadata, OTA images, flash dumps: {@link Samples#families()}). A family is pure: the same bytes on every
 * run (fixed seeds, fixed timestamps).
 */
public interface SampleFamily {
    /** Short name, used as the README section title. */
    String name();

    /** Paths relative to {@code sample-images/} and their bytes, in the order the README lists them (an ordered map). */
    Map<String, Bytes> files();

    /** The family's README section (Markdown, starting with a {@code ## } title). */
    String readme();
}
