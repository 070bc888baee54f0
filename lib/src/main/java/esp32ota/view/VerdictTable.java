package esp32ota.view;

import esp32ota.bytes.Bytes;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;
import esp32ota.image.Verdict;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bootloader's verdict on each of a few images, by file name, as a tablesaw {@link Table}: bootable or not, the
 * check it stops at and its message ({@link ImageVerifier}). The caller reads the files.
 */
final class VerdictTable {
    private VerdictTable() {}

    static Table table(Map<String, Bytes> files, Target target) {
        List<String> names = new ArrayList<>(), bootable = new ArrayList<>(), check = new ArrayList<>();
        List<String> says = new ArrayList<>();
        files.forEach((name, bytes) -> {
            Verdict v = ImageVerifier.verify(bytes, target);
            names.add(name);
            bootable.add(v.bootable() ? "yes" : "no");
            check.add(v.stoppedBy().map(f -> f.check().name()).orElse(""));
            says.add(v.stoppedBy().map(Verdict.Failure::message).orElse(""));
        });
        return Table.create("verdicts for %d file%s".formatted(files.size(), files.size() == 1 ? "" : "s"),
                StringColumn.create("file", names), StringColumn.create("bootable", bootable),
                StringColumn.create("stopped by", check), StringColumn.create("the bootloader says", says));
    }
}
