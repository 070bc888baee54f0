package esp32ota.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The partition tables in {@code sample-images/partition-tables}: each binary is what {@code ./kit partition} makes
 * of the CSV beside it, with the command listed here and in sample-images/README.md. {@link #regenerate} remakes
 * them all in one call (for {@code ./kit samples}).
 */
public final class PartitionSamples {
    private PartitionSamples() {}

    /** Folder of the samples, relative to the repository root. */
    public static final String DIR = "sample-images/partition-tables";

    /**
     * One sample table.
     *
     * @param csv  file name of the CSV in {@link #DIR}; the binary has the same name ending in .bin
     * @param args extra arguments of its command (a flash-size check, for instance)
     */
    public record Sample(String csv, List<String> args) {
        public Sample {
            args = List.copyOf(args);
        }

        public String bin() { return csv.substring(0, csv.length() - ".csv".length()) + ".bin"; }

        /** The {@code ./kit} words that make the binary, run from the repository root. */
        public List<String> command() {
            List<String> words = new ArrayList<>(List.of("partition", DIR + "/" + csv));
            words.addAll(args);
            return List.copyOf(words);
        }
    }

    public static final List<Sample> ALL = List.of(
            new Sample("two_ota.csv", List.of()),
            new Sample("no_factory_two_ota.csv", List.of()),
            new Sample("sixteen_mb_six_ota.csv", List.of("--flash-size", "16MB")),
            new Sample("automatic_offsets.csv", List.of("--flash-size", "4MB")),
            new Sample("flags.csv", List.of()));

    /**
     * Runs every sample's command with {@code console} (whose working directory must be the repository root) and
     * returns 0, or the exit status of the first command that failed.
     */
    public static int regenerate(Console console) {
        for (Sample s : ALL) {
            int status = Main.run(s.command(), console);
            if (status != 0) return status;
        }
        return 0;
    }
}
