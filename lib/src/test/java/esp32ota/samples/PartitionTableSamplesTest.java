package esp32ota.samples;

import esp32ota.bytes.Bytes;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * sample-images/partition-tables: the commands the README lists are {@link PartitionTableSamples#ALL}, running
 * them through the CLI gives the family's bytes, and those bytes are gen_esp32part's.
 */
class PartitionTableSamplesTest {
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

    @Test void binariesAreTheReferenceToolsBytes() {
        for (PartitionTableSamples.Sample s : PartitionTableSamples.ALL) {
            assertEquals(ORACLE_SHA256.get(s.bin()), PartitionTableSamples.binary(s).sha256().hex(), s.bin());
        }
        assertEquals(ORACLE_SHA256.keySet(),
                Set.copyOf(PartitionTableSamples.ALL.stream().map(PartitionTableSamples.Sample::bin).toList()));
    }

    @Test void theReadmeListsExactlyTheseCommands() throws IOException {
        List<List<String>> listed = Files.readAllLines(SamplesTest.committed().resolve("README.md")).stream()
                .filter(l -> l.startsWith("./kit partition "))
                .map(l -> Arrays.asList(l.substring("./kit ".length()).split(" +"))).toList();
        assertEquals(PartitionTableSamples.ALL.stream().map(PartitionTableSamples.Sample::command).toList(), listed);
    }

    @Test void eachListedCommandMakesTheSameBinary(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sample-images").resolve(PartitionTableSamples.DIR));
        for (PartitionTableSamples.Sample s : PartitionTableSamples.ALL) {
            Files.writeString(folder.resolve(s.csv()), PartitionTableSamples.csvText(s));
            KitRun run = KitRun.run(dir, Map.of(), s.command());
            assertEquals("", run.stderr(), s.csv());
            assertEquals(0, run.exit(), s.csv());
            assertEquals(PartitionTableSamples.binary(s), Bytes.of(Files.readAllBytes(folder.resolve(s.bin()))), s.bin());
        }
    }

    @Test void theTwoOtaSampleIsEspIdfsLayoutByteForByte() {
        PartitionTableSamples.Sample twoOta = PartitionTableSamples.ALL.get(0);
        assertEquals("two_ota", twoOta.name());
        assertEquals(Vectors.bytes("partition_tables/idf_two_ota.bin"), PartitionTableSamples.binary(twoOta));
    }
}
