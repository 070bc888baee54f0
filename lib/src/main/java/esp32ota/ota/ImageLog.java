package esp32ota.ota;

import esp32ota.boot.LogLine;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.SegmentHeader;
import esp32ota.image.Verdict;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines {@code esp_image} (esp_image_format.c) logs while it loads or verifies an image in flash: one
 * {@code segment %d: paddr=%08x vaddr=%08x size=%05xh (%6d) %s} line per segment, then the first failed check, if
 * any. Both the bootloader and {@code esp_ota_end} / {@code esp_ota_set_boot_partition} print them
 * ({@code ESP_IMAGE_VERIFY} is not silent), but the last word differs (process_segment, v5.3–v6.0.x): it is
 * {@code do_load ? "load" : should_map ? "map" : ""}, and only the bootloader loads: there a RAM segment says
 * {@code load} and a segment below 0x10000000 (padding, load address 0) says nothing; in the app
 * ({@code do_load} is always false) every segment that is not mapped says nothing, so the line ends in a space.
 */
public final class ImageLog {
    static final String TAG = "esp_image";
    /** Checks made after every segment was walked: the segment lines are printed before these fail. */
    private static final Set<Verdict.Check> AFTER_SEGMENTS = EnumSet.of(Verdict.Check.CHECKSUM,
            Verdict.Check.PARTITION_LENGTH, Verdict.Check.HASH, Verdict.Check.SECURE_VERSION);

    private static final Pattern SEGMENT = Pattern.compile("Segment (\\d+) ");

    private ImageLog() {}

    /** The lines the 2nd-stage bootloader prints loading the image in {@code img} on {@code chip}. */
    public static List<LogLine> of(FlashedApps.SlotImage img, Chip chip) { return of(img, chip, true); }

    /** The lines the running app prints verifying the image ({@code esp_ota_end}, {@code esp_ota_set_boot_partition}). */
    static List<LogLine> verified(FlashedApps.SlotImage img, Chip chip) { return of(img, chip, false); }

    private static List<LogLine> of(FlashedApps.SlotImage img, Chip chip, boolean bootloader) {
        List<LogLine> out = new ArrayList<>();
        Optional<Verdict.Failure> stop = img.verdict().stoppedBy();
        img.image().ifPresent(image -> {
            List<LogLine> lines = segments(image, img.partition().offset(), chip, bootloader);
            out.addAll(lines.subList(0, Math.min(lines.size(), segmentsBefore(stop, image))));
        });
        stop.ifPresent(f -> out.add(new LogLine('E', TAG, f.message())));
        return List.copyOf(out);
    }

    /**
     * How many segment lines come before the failure: all of them for the checks made after the walk; for a bad
     * segment header (process_segment → verify_segment_header, which runs before that segment's line) those of the
     * segments before it; none for header checks.
     */
    private static int segmentsBefore(Optional<Verdict.Failure> stop, AppImage image) {
        if (stop.isEmpty() || AFTER_SEGMENTS.contains(stop.get().check())) return Integer.MAX_VALUE;
        return switch (stop.get().check()) {
            case SEGMENT_LENGTH -> image.segmentHeaders().stream().filter(h -> !h.hasValidLength())
                    .mapToInt(SegmentHeader::index).findFirst().orElse(0);
            case SEGMENT_MAPPING -> {
                Matcher m = SEGMENT.matcher(stop.get().message());
                yield m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
            }
            default -> 0;
        };
    }

    static List<LogLine> segments(AppImage image, long partitionOffset, Chip chip, boolean bootloader) {
        List<LogLine> out = new ArrayList<>();
        for (SegmentHeader s : image.segmentHeaders()) {
            boolean map = chip.isFlashMapped(s.loadAddr());
            boolean load = bootloader && !map && s.loadAddr() >= 0x1000_0000L;     // should_load()
            String use = load ? "load" : map ? "map" : "";
            out.add(new LogLine('I', TAG, "segment %d: paddr=%08x vaddr=%08x size=%05xh (%6d) %s".formatted(s.index(),
                    partitionOffset + s.dataOffset(), s.loadAddr(), s.dataLength(), s.dataLength(), use)));
        }
        return out;
    }
}
