package esp32ota.cli;

import esp32ota.analysis.SyntheticCorpus;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./kit bench scan prints its figures (not timed here: numbers go in the notes) and ./kit samples --corpus. */
class ScanBenchTest {
    @TempDir Path dir;

    @Test
    void benchScanPrintsEveryFigure() throws IOException {
        SyntheticCorpus.write(dir.resolve("c"), 8, 2);
        KitRun r = KitRun.run(dir, "bench", "scan", "c", "--threads", "2");
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(6, lines.size(), r.stdout());
        assertTrue(lines.get(0).matches("8 files, [0-9.]+ MB in .*c; 2 cores; max heap \\d+ MB"), lines.get(0));
        assertTrue(lines.get(1).matches("scan, 1 thread: +[0-9.]+ MB/s"), lines.get(1));
        assertTrue(lines.get(2).matches("JDK SHA-256, 1 thread, same files: +[0-9.]+ MB/s \\(read \\+ digest\\)"), lines.get(2));
        assertTrue(lines.get(3).matches("ratio: \\d+ % of SHA-256 \\(target >= 90 %\\)"), lines.get(3));
        assertTrue(lines.get(4).matches("scan, 2 threads: +[0-9.]+ MB/s = [0-9.]+ x one thread .*"), lines.get(4));
        assertTrue(lines.get(5).matches("peak heap used while scanning: \\d+ MB of max \\d+ MB \\(target < 256 MB; "
                + "try -Xmx256m\\); 8 rows, \\d+ with errors"),
                lines.get(5));
        KitRun none = KitRun.run(dir, "bench", "scan", "missing");
        assertEquals(2, none.exit());
        assertEquals("bench scan: " + dir.resolve("missing") + " is not a folder\n", none.stderr());
    }

    @Test
    void samplesCorpusIsReproducibleAndRefusesAFullFolder() throws IOException {
        KitRun a = KitRun.run(dir, "samples", "--corpus", "a", "--count", "12", "--seed", "4");
        assertEquals(0, a.exit(), a.stderr());
        assertTrue(a.stdout().matches("12 files, [0-9.]+ MB written under .*a \\(seed 4\\)\n"), a.stdout());
        KitRun b = KitRun.run(dir, "samples", "--corpus", "b", "--count", "12", "--seed", "4");
        assertEquals(a.stdout().replace("/a (", "/b ("), b.stdout());
        KitRun again = KitRun.run(dir, "samples", "--corpus", "a", "--count", "12");
        assertEquals(2, again.exit());
        assertTrue(again.stderr().startsWith("refusing to write into "), again.stderr());
        KitRun noCount = KitRun.run(dir, "samples", "--corpus", "c");
        assertEquals(2, noCount.exit());
        assertEquals("--corpus needs --count N\n", noCount.stderr());
    }
}
