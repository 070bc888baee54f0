package esp32ota.image;

import java.util.List;
import java.util.Optional;

/**
 * Would the bootloader boot this image? Every failed check, in the order the bootloader meets them
 * (esp_image_format.c {@code image_load}: header, chip, segments, checksum, length, hash; then the anti-rollback
 * check of bootloader_utility.c). The bootloader stops at the first one, {@link #stoppedBy()}; the others are listed
 * so a student sees everything that is wrong at once.
 */
public record Verdict(List<Failure> failures) {
    /** The checks, in bootloader order. */
    public enum Check {
        MAGIC, TRUNCATED, CHIP_ID, CHIP_REVISION, SEGMENT_COUNT, SEGMENT_LENGTH, SEGMENT_MAPPING, CHECKSUM,
        PARTITION_LENGTH, HASH, SECURE_VERSION
    }

    /** One failed check and the message the bootloader logs for it (kit wording where ESP-IDF has none). */
    public record Failure(Check check, String message) {}

    public Verdict { failures = List.copyOf(failures); }

    public boolean bootable() { return failures.isEmpty(); }

    /** The failure the bootloader would stop at. */
    public Optional<Failure> stoppedBy() { return failures.stream().findFirst(); }

    public boolean failed(Check check) { return failures.stream().anyMatch(f -> f.check() == check); }

    /** "bootable" or "NOT bootable: <first message>". */
    public String summary() {
        return bootable() ? "bootable" : "NOT bootable: " + failures.get(0).message();
    }
}
