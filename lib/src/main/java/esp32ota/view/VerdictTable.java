package esp32ota.view;

import esp32ota.bytes.Bytes;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;
import esp32ota.image.Verdict;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bootloader's verdict on every {@code .bin} file of a folder, by file name, as a tablesaw {@link Table}:
 * bootable or not, the check it stops at and its message ({@link ImageVerifier}).
 */
final class VerdictTable {
    private VerdictTable() {}

    static Table table(Path folder, Target target) {
        List<String> files = new ArrayList<>(), bootable = new ArrayList<>(), check = new ArrayList<>();
        List<String> says = new ArrayList<>();
        for (Path p : binFiles(folder)) {
            Verdict v = ImageVerifier.verify(read(p), target);
            files.add(p.getFileName().toString());
            bootable.add(v.bootable() ? "yes" : "no");
            check.add(v.stoppedBy().map(f -> f.check().name()).orElse(""));
            says.add(v.stoppedBy().map(Verdict.Failure::message).orElse(""));
        }
        return Table.create("verdicts for %s".formatted(folder.getFileName()), StringColumn.create("file", files),
                StringColumn.create("bootable", bootable), StringColumn.create("stopped by", check),
                StringColumn.create("the bootloader says", says));
    }

    static List<Path> binFiles(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static Bytes read(Path p) {
        try {
            return Bytes.of(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
