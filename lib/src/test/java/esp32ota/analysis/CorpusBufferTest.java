package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scan with small buffers: files larger than a worker's buffer, a buffer reused for a shorter file, the sink. */
class CorpusBufferTest {
    @TempDir Path dir;

    /** Reused buffer 64 KiB, nothing above 1 MiB decoded, at most 4 rows waiting for an earlier one. */
    static final Corpus.Limits SMALL = new Corpus.Limits(64 << 10, 1 << 20, 4);

    List<CorpusRow> scan(int threads) throws IOException {
        List<CorpusRow> rows = new ArrayList<>();
        Corpus.scan(dir, Optional.empty(), threads, p -> { }, rows::add, SMALL);
        return rows;
    }

    static String sha256(Path file) throws IOException { return Bytes.read(file).sha256().hex(); }

    @Test
    void everySizeGivesTheRowOfAFileReadOnItsOwn() throws IOException {
        Bytes big = ImageSamples.blinkOfSize("2.0.0", 0, 0x4A000);               // above the buffer, decoded
        Files.write(dir.resolve("a-big.bin"), big.toByteArray());
        Files.write(dir.resolve("b-cut.bin"), big.slice(0, 40_000).toByteArray()); // after a larger file
        Files.write(dir.resolve("c-small.bin"), ImageSamples.blinkOfSize("1.0.0", 0, 0xC800).toByteArray());
        Files.write(dir.resolve("d-cut.bin"), ImageSamples.blinkOfSize("1.0.1", 0, 0xF000).slice(0, 30_000)
                .toByteArray());
        Bytes huge = ImageSamples.blinkOfSize("3.0.0", 0, 0x125000);            // above the decode limit
        Files.write(dir.resolve("e-huge.bin"), huge.toByteArray());
        for (int threads : new int[] {1, 2}) {
            List<CorpusRow> rows = scan(threads);
            assertEquals(List.of("a-big.bin", "b-cut.bin", "c-small.bin", "d-cut.bin", "e-huge.bin"),
                    rows.stream().map(CorpusRow::path).toList());
            for (CorpusRow r : rows.subList(0, 4)) {
                Path f = dir.resolve(r.path());
                assertEquals(Corpus.row(f, r.path(), Optional.empty()), r, r.path());
                assertEquals(sha256(f), r.sha256(), r.path());
                assertEquals(Files.size(f), r.size(), r.path());
            }
            assertEquals("2.0.0", rows.get(0).version());
            assertEquals("bootable", rows.get(0).verdict());
            assertTrue(rows.get(1).error() != null, "the cut file is no whole image: " + rows.get(1));
            assertEquals("bootable", rows.get(2).verdict());
            assertTrue(rows.get(3).error() != null, "stale bytes of c-small.bin must not complete d-cut.bin");
            CorpusRow h = rows.get(4);
            assertEquals(sha256(dir.resolve("e-huge.bin")), h.sha256());
            assertEquals(huge.size(), h.size());
            assertEquals(FileKind.UNKNOWN, h.kind());
            assertNull(h.version());
            assertEquals("not decoded: %d bytes is more than 1 MiB".formatted(huge.size()), h.error());
        }
    }

    @Test
    void rowsComeInPathOrderThroughAWindowSmallerThanTheCorpus() throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "f%02d.bin".formatted(i);
            names.add(name);
            Files.write(dir.resolve(name), ImageSamples.blinkOfSize("1.0." + i, 0, 0x5000 + 0x400 * i).toByteArray());
        }
        List<CorpusRow> rows = scan(2);
        assertEquals(names, rows.stream().map(CorpusRow::path).toList());
        for (int i = 0; i < 40; i++) assertEquals("1.0." + i, rows.get(i).version());
    }

    @Test
    void aSinkThatThrowsStopsTheScanWithItsError() throws IOException {
        for (int i = 0; i < 30; i++) {
            Files.write(dir.resolve("f%02d.bin".formatted(i)), ImageSamples.blinkOfSize("1.0.0", 0, 0x5000).toByteArray());
        }
        List<String> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Corpus.scan(dir, Optional.empty(), 2,
                p -> { }, r -> {
                    if (seen.size() == 5) throw new IllegalStateException("disk full");
                    seen.add(r.path());
                }, SMALL));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of("f00.bin", "f01.bin", "f02.bin", "f03.bin", "f04.bin"), seen);
    }
}
