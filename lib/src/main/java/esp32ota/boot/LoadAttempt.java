package esp32ota.boot;

import java.util.Optional;

/**
 * One partition the load loop ({@code bootloader_utility_load_boot_image}) tried, in the order it tried them, and how
 * the attempt ended.
 *
 * @param slot        the partition tried
 * @param result      how the attempt ended
 * @param verdictLine the index in {@link BootDecision#loadLogs()} of the line that reports the result ("Loaded app
 *                    from partition …", "… is not bootable"); on a device the image loader's own lines come just
 *                    before it. Empty when the bootloader prints none: a test app that fails to load.
 */
public record LoadAttempt(AppSlot slot, Result result, Optional<Integer> verdictLine) {
    /** How one attempt ended. */
    public enum Result {
        /** {@code check_anti_rollback} refused it: the image loader never ran. */
        REFUSED_BY_ANTI_ROLLBACK,
        /** {@code try_load_partition} skipped a zero-length partition: the image loader never ran. */
        ZERO_LENGTH,
        /** The image loader ran and rejected the image. */
        NOT_LOADED,
        /** The image loaded: this app is booted. */
        LOADED;

        /** Whether the image loader ran on the partition (and so printed its {@code esp_image} lines). */
        public boolean reachedImageLoader() { return this == NOT_LOADED || this == LOADED; }
    }
}
