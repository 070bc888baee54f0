package esp32ota.view;

import esp32ota.image.AppImage;
import esp32ota.image.Checksum;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The image checksum worked out as a tablesaw {@link Table}: the seed 0xEF, then one row per segment with the file
 * range of its data, those bytes XORed together and the checksum so far ({@link Checksum#steps}). The title gives
 * the stored byte and where it lies.
 */
final class ChecksumTable {
    private ChecksumTable() {}

    static Table table(AppImage image) {
        List<String> step = new ArrayList<>(List.of("seed")), bytes = new ArrayList<>(List.of("")),
                xor = new ArrayList<>(List.of("")), running = new ArrayList<>(List.of(hex(Checksum.SEED)));
        for (Checksum.Step s : Checksum.steps(image)) {
            step.add("segment " + s.segment());
            bytes.add("0x%X-0x%X".formatted(s.dataOffset(), s.dataEnd()));
            xor.add(hex(s.dataXor()));
            running.add(hex(s.running()));
        }
        return Table.create("checksum of %s: stored 0x%02X at 0x%X, computed 0x%02X".formatted(ImageFileMap.name(image),
                        image.storedChecksum(), image.checksumOffset(), image.computedChecksum()),
                StringColumn.create("step", step), StringColumn.create("data bytes", bytes),
                StringColumn.create("XOR of the bytes", xor), StringColumn.create("checksum so far", running));
    }

    private static String hex(int b) { return "0x%02X".formatted(b); }
}
