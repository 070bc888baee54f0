package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * sample-images/partition-tables: the commands listed in sample-images/README.md are {@link PartitionSamples#ALL},
 * and running them (one by one, or all through {@link PartitionSamples#regenerate}) reproduces the committed bytes.
 */
class PartitionSamplesTest {
    /**
     * SHA-256 of what gen_esp32part.py v1.5 writes for each sample CSV with default options (oracle outputs), so a
     * committed binary that the kit and the tool disagree on cannot pass.
     */
    private static final Map<String, String> ORACLE_SHA256 = Map.of(
            "two_ota.bin", "d1c0e9d02fa9d26cd2e1984e7b5dd20157204f501ddc83ce82229e5f3175ee8b",
            "no_factory_two_ota.bin", "d1623a505f2abd4b8e6069dfb3284f2125230c5cfae5911bd661cac8e0baf257",
            "sixteen_mb_six_ota.bin", "1e99db33ba99e1738e9c7d176aaf7df18f6efd2db59af0c6bafc03029bfe5872",
            "automatic_offsets.bin", "fe188f13fd540f6bdfead57e366f784ae9b8f80f69d9dcdbb2b6f32b06e04eee",
            "flags.bin", "65d07f5fcd29b5b57b778cf34a76b03d73c4ce0ca9b16bc8c372a4179cb8bc85");

    @Test void theReadmeListsExactlyTheseCommands() throws IOException {
        List<List<String>> listed = Files.readAllLines(root().resolve("sample-images/README.md")).stream()
                .filter(l -> l.startsWith("./kit partition "))
                .map(l -> Arrays.asList(l.substring("./kit ".length()).split(" +"))).toList();
        assertEquals(PartitionSamples.ALL.stream().map(PartitionSamples.Sample::command).toList(), listed);
    }

    @Test void eachCommandReproducesTheCommittedBinary(@TempDir Path dir) throws IOException {
        Path committed = root().resolve(PartitionSamples.DIR);
        Files.createDirectories(dir.resolve(PartitionSamples.DIR));
        for (PartitionSamples.Sample s : PartitionSamples.ALL) {
            Files.copy(committed.resolve(s.csv()), dir.resolve(PartitionSamples.DIR).resolve(s.csv()));
            KitRun run = KitRun.run(dir, Map.of(), s.command());
            assertEquals("", run.stderr());
            assertEquals(0, run.exit(), s.csv());
            byte[] made = Files.readAllBytes(dir.resolve(PartitionSamples.DIR).resolve(s.bin()));
            assertArrayEquals(Files.readAllBytes(committed.resolve(s.bin())), made, s.bin());
            assertEquals(ORACLE_SHA256.get(s.bin()), Bytes.of(made).sha256().hex(), s.bin());
        }
        assertEquals(ORACLE_SHA256.keySet(), Set.copyOf(PartitionSamples.ALL.stream().map(PartitionSamples.Sample::bin).toList()));
    }

    @Test void regenerateMakesThemAllInOneCall(@TempDir Path dir) throws IOException {
        Path committed = root().resolve(PartitionSamples.DIR);
        Path copy = Files.createDirectories(dir.resolve(PartitionSamples.DIR));
        for (PartitionSamples.Sample s : PartitionSamples.ALL) Files.copy(committed.resolve(s.csv()), copy.resolve(s.csv()));
        var err = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir);
        assertEquals(0, PartitionSamples.regenerate(console), err.toString(StandardCharsets.UTF_8));
        for (PartitionSamples.Sample s : PartitionSamples.ALL) {
            assertArrayEquals(Files.readAllBytes(committed.resolve(s.bin())), Files.readAllBytes(copy.resolve(s.bin())));
        }
    }

    @Test void theTwoOtaSampleIsEspIdfsLayoutByteForByte() throws IOException {
        assertArrayEquals(Vectors.bytes("partition_tables/idf_two_ota.bin").toByteArray(),
                Files.readAllBytes(root().resolve(PartitionSamples.DIR).resolve("two_ota.bin")));
    }

    /** The repository root: the first folder upwards from the working directory that holds sample-images. */
    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-images"))) return p;
        }
        throw new IllegalStateException("sample-images not found above " + Path.of("").toAbsolutePath());
    }
}
