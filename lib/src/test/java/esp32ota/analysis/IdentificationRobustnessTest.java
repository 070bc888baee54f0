package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cut short or damaged, every real file is still identified: a kind, maybe an error, never another exception (a scan
 * would show it as a kit bug).
 */
class IdentificationRobustnessTest {
    static List<Path> realFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Vectors.path("real/files"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void everyTruncationAndByteFlipIsIdentified() throws IOException {
        Random random = new Random(1);
        int tried = 0;
        for (Path p : realFiles()) {
            Bytes file = Bytes.of(Files.readAllBytes(p));
            for (int n : cuts(file.size())) {
                Bytes cut = file.slice(0, n);
                Identification id = assertDoesNotThrow(() -> Identification.of(cut, Optional.empty()), p + " cut at " + n);
                assertNotNull(id.kind());
                tried++;
            }
            for (int i = 0; i < 40; i++) {
                int at = i < 24 ? i : random.nextInt(Math.min(file.size(), 0x9000));
                Bytes flipped = file.with(at, Bytes.of(file.u8(at) ^ (1 << random.nextInt(8))));
                assertDoesNotThrow(() -> Identification.of(flipped, Optional.empty()), p + " flipped at " + at);
                tried++;
            }
        }
        assertTrue(tried > 2000, "only " + tried + " variants");
    }

    /** 0-64 bytes, each 16-byte step to 0x200, and 32 spread over the file. */
    static List<Integer> cuts(int size) {
        return Stream.of(Stream.iterate(0, i -> i <= Math.min(64, size), i -> i + 1),
                        Stream.iterate(64, i -> i <= Math.min(0x200, size), i -> i + 16),
                        Stream.iterate(1, i -> i <= 32, i -> i + 1).map(i -> (int) ((long) size * i / 33)))
                .flatMap(s -> s).distinct().toList();
    }
}
