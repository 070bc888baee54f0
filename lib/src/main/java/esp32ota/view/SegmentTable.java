package esp32ota.view;

import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.SegmentHeader;
import esp32ota.image.SegmentPlacement;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

/**
 * An image's segments as a tablesaw {@link Table}, one row per segment in file order: where its header and data lie
 * in the file, its length and load address (esptool's columns), the memory types of that address and what the
 * bootloader does with it ({@link SegmentPlacement}).
 */
final class SegmentTable {
    private SegmentTable() {}

    static Table table(AppImage image) {
        List<SegmentHeader> hs = image.segmentHeaders();
        Optional<Chip> chip = image.chip();
        return Table.create("segments of %s (%s)".formatted(ImageFileMap.name(image),
                        chip.map(Chip::esptoolName).orElse("unknown chip id " + image.header().chipId())),
                IntColumn.create("segment", hs.stream().mapToInt(SegmentHeader::index).toArray()),
                Columns.strings("header at", hs, h -> "0x%X".formatted(h.headerOffset())),
                Columns.strings("data at", hs, h -> "0x%X".formatted(h.dataOffset())),
                Columns.strings("length", hs, h -> "0x%X".formatted(h.dataLength())),
                Columns.strings("load address", hs, h -> "0x%08X".formatted(h.loadAddr())),
                Columns.strings("memory", hs, h -> chip.map(c -> String.join(", ", c.memoryMap().typesAt(h.loadAddr())))
                        .orElse("unknown chip")),
                Columns.strings("placement", hs, h -> chip.map(c -> words(SegmentPlacement.of(c, h.loadAddr())))
                        .orElse("unknown chip")));
    }

    static String words(SegmentPlacement p) {
        return switch (p) {
            case MAPPED -> "mapped from flash";
            case COPIED -> "copied to RAM";
            case NOT_LOADED -> "not loaded";
        };
    }
}
