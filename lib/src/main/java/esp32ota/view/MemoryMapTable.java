package esp32ota.view;

import esp32ota.image.Chip;
import esp32ota.image.MemoryMap;
import tech.tablesaw.api.Table;

import java.util.Comparator;
import java.util.List;

/**
 * A chip's memory map as a tablesaw {@link Table}: which address ranges esptool calls DROM, IRAM, … One row per
 * region, by start address (regions overlap: DRAM is also BYTE_ACCESSIBLE, and so on).
 */
final class MemoryMapTable {
    private MemoryMapTable() {}

    static Table table(Chip chip) {
        List<MemoryMap.Region> rs = chip.memoryMap().regions().stream()
                .sorted(Comparator.comparingLong(MemoryMap.Region::start).thenComparingLong(MemoryMap.Region::end))
                .toList();
        return Table.create("%s memory map (esptool v4.12.0)".formatted(chip.esptoolName()),
                Columns.strings("type", rs, MemoryMap.Region::type),
                Columns.strings("start", rs, r -> "0x%08X".formatted(r.start())),
                Columns.strings("end", rs, r -> "0x%08X".formatted(r.end())),
                Columns.strings("size", rs, r -> ByteSize.format(r.end() - r.start())));
    }
}
