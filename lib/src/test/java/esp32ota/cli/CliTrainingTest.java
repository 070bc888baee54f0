package esp32ota.cli;

import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The class-data archive's training run: every command line it runs succeeds (a failing one would train less). */
class CliTrainingTest {
    @TempDir Path dir;

    @Test
    void everyTrainingLineSucceedsAndEveryShortCommandIsTrained() throws Exception {
        Set<String> trained = new HashSet<>();
        for (List<String> line : CliTraining.lines(dir)) {
            KitRun run = KitRun.run(dir, Map.of(), line);
            assertEquals(0, run.exit(), line + ": " + run.stderr());
            if (!line.contains("--help")) trained.add(line.get(0));
        }
        assertTrue(trained.containsAll(Set.of("samples", "image-info", "partition", "otadata", "boot", "diff")),
                trained.toString());
    }
}
