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

/**
 * The lines {@code esp_image} (esp_image_format.c) logs while it loads or verifies an image in flash: one
 * {@code segment %d: paddr=%08x vaddr=%08x size=%05xh (%6d) map|load} line per segment, then the first failed
 * check, if any. Both the bootloader and {@code esp_ota_end} / {@code esp_ota_set_boot_partition} print them.
 */
public final class ImageLog {
    static final String TAG = "esp_image";
    /** Checks made after every segment was walked: the segment lines are printed before these fail. */
    private static final Set<Verdict.Check> AFTER_SEGMENTS = EnumSet.of(Verdict.Check.CHECKSUM,
            Verdict.Check.PARTITION_LENGTH, Verdict.Check.HASH, Verdict.Check.SECURE_VERSION);

    private ImageLog() {}

    /** The lines for the image in {@code img} on {@code chip}. */
    public static List<LogLine> of(FlashedApps.SlotImage img, Chip chip) {
        List<LogLine> out = new ArrayList<>();
        Optional<Verdict.Failure> stop = img.verdict().stoppedBy();
        if (stop.isEmpty() || AFTER_SEGMENTS.contains(stop.get().check())) {
            img.image().ifPresent(image -> out.addAll(segments(image, img.partition().offset(), chip)));
        }
        stop.ifPresent(f -> out.add(new LogLine('E', TAG, f.message())));
        return List.copyOf(out);
    }

    static List<LogLine> segments(AppImage image, long partitionOffset, Chip chip) {
        List<LogLine> out = new ArrayList<>();
        for (SegmentHeader s : image.segmentHeaders()) {
            String use = chip.isFlashMapped(s.loadAddr()) ? "map" : "load";
            out.add(new LogLine('I', TAG, "segment %d: paddr=%08x vaddr=%08x size=%05xh (%6d) %s".formatted(s.index(),
                    partitionOffset + s.dataOffset(), s.loadAddr(), s.dataLength(), s.dataLength(), use)));
        }
        return out;
    }
}
