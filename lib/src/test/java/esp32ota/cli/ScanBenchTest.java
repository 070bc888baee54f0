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
        assertEquals(9, lines.size(), r.stdout());
        assertTrue(lines.get(0).matches("8 files, [0-9.]+ MB in .*c; 2 cores; max heap \\d+ MB; JVM flags .*"), lines.get(0));
        assertTrue(lines.get(1).matches(" +wall clock per CPU second \\(every thread of the JVM\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("JDK SHA-256, 1 thread, same files: +[0-9.]+ MB/s +[0-9.]+ MB/s \\(each file "
                + "read into one reused buffer, then digested\\)"), lines.get(2));
        assertTrue(lines.get(3).matches("scan, 1 thread: +[0-9.]+ MB/s +[0-9.]+ MB/s"), lines.get(3));
        assertTrue(lines.get(4).matches("scan, 2 threads: +[0-9.]+ MB/s +[0-9.]+ MB/s"), lines.get(4));
        assertTrue(lines.get(5).matches("ratio: \\d+ % of SHA-256 \\(target >= 90 %\\); by CPU time \\d+ %"), lines.get(5));
        assertTrue(lines.get(6).matches("2 threads: [0-9.]+ x one thread \\(target >= 1.8 x on 2 cores\\); CPU per "
                + "byte [0-9.]+ x one thread's"), lines.get(6));
        assertTrue(lines.get(7).matches("heap while scanning: peak used \\d+ MB \\(garbage included: 5 ms samples and "
                + "the heap before each of \\d+ GCs\\); live at a full GC half-way through a scan \\d+ MB; max heap "
                + "\\d+ MB \\(target: peak < 256 MB\\)"), lines.get(7));
        assertTrue(lines.get(8).matches("8 rows, \\d+ with errors; load average [0-9.-]+ over \\d+ cpus .*"), lines.get(8));
        KitRun none = KitRun.run(dir, "bench", "scan", "missing");
        assertEquals(2, none.exit());
        assertEquals("bench scan: " + dir.resolve("missing") + " is not a folder\n", none.stderr());
    }

    @Test
    void benchScanWithKernelFlagsRunsInAChildJvmWithThem() throws IOException {
        SyntheticCorpus.write(dir.resolve("c"), 2, 3);
        KitRun r = KitRun.run(dir, "bench", "scan", "c", "--threads", "1", "--kernel-flags");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(10, lines.size(), r.stdout());
        assertTrue(lines.get(0).matches("in the notebook kernel's JVM: .*java -Djava.awt.headless=true -ea "
                + "-XX:\\+UseSerialGC -XX:TieredStopAtLevel=1"), lines.get(0));
        assertTrue(lines.get(1).matches("2 files, [0-9.]+ MB in .*c; 1 cores; max heap \\d+ MB; JVM flags "
                + "\\[-Djava.awt.headless=true, -ea, -XX:\\+UseSerialGC, -XX:TieredStopAtLevel=1]"), lines.get(1));
        long bad = esp32ota.analysis.Corpus.rows(dir.resolve("c"), java.util.Optional.empty(), 1, p -> { }).stream()
                .filter(row -> !row.ok()).count();
        assertTrue(lines.get(9).startsWith("2 rows, " + bad + " with errors; "), lines.get(9));
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
