package esp32ota.samples;

import esp32ota.bytes.Bytes;
import esp32ota.describe.GenEsp32PartWords;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionRules;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.Violation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Partition tables: hand-written CSVs (classpath resources beside this class) and the binaries
 * {@code ./kit partition CSV [--flash-size N]} makes of them, byte for byte what gen_esp32part.py v1.5 writes.
 */
public final class PartitionTableSamples implements SampleFamily {
    /** Folder of the tables inside {@code sample-images/}. */
    public static final String DIR = "partition-tables";

    /**
     * One table.
     *
     * @param name        file name without extension
     * @param flashSizeMb the {@code --flash-size} its command checks, or empty
     * @param teaches     what the table shows, for the README
     */
    public record Sample(String name, Optional<Integer> flashSizeMb, String teaches) {
        public String csv() { return name + ".csv"; }

        public String bin() { return name + ".bin"; }

        /** The {@code ./kit} words that make the binary, run from the repository root. */
        public List<String> command() {
            List<String> words = new ArrayList<>(List.of("partition", "sample-images/" + DIR + "/" + csv()));
            flashSizeMb.ifPresent(mb -> words.addAll(List.of("--flash-size", mb + "MB")));
            return List.copyOf(words);
        }
    }

    public static final List<Sample> ALL = List.of(
            new Sample("two_ota", Optional.empty(),
                    "ESP-IDF's two-OTA layout: nvs, otadata, phy_init, factory, ota_0, ota_1 (1 MB apps from 0x10000)"),
            new Sample("no_factory_two_ota", Optional.empty(),
                    "nvs, otadata, phy_init, ota_0, ota_1 (0x140000 each from 0x10000) and no factory app: blank "
                            + "otadata boots ota_0"),
            new Sample("sixteen_mb_six_ota", Optional.of(16),
                    "16 MB flash, six OTA slots, coredump and littlefs filling the flash exactly to 16 MB"),
            new Sample("automatic_offsets", Optional.of(4),
                    "no offsets written: data rows round up to 0x1000, app rows to 0x10000 (ota_0 jumps from 0x11000 "
                            + "to 0x20000); storage's size `-0x400000` means \"up to 4 MB\""),
            new Sample("flags", Optional.empty(),
                    "`encrypted`, `readonly` and `encrypted:readonly`; a 4 KiB NVS that is allowed because it is "
                            + "readonly"));

    @Override public String name() { return "Partition tables"; }

    /** The CSV source of a sample, as committed. */
    public static String csvText(Sample s) {
        try (InputStream in = PartitionTableSamples.class.getResourceAsStream(DIR + "/" + s.csv())) {
            if (in == null) throw new IllegalStateException("missing sample resource " + s.csv());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The binary of a sample: parsed, validated (no errors allowed), flash size checked, encoded with MD5. */
    public static Bytes binary(Sample s) {
        PartitionTable t = PartitionCsv.parse(csvText(s));
        List<Violation> problems = new ArrayList<>(PartitionRules.validate(t));
        s.flashSizeMb().flatMap(mb -> PartitionRules.flashSize(t, mb)).ifPresent(problems::add);
        problems.stream().filter(Violation::isError).findFirst().ifPresent(v -> {
            throw new IllegalStateException("sample " + s.csv() + " breaks a rule: " + GenEsp32PartWords.message(v));
        });
        return t.encode(true);
    }

    @Override public Map<String, Bytes> files() {
        Map<String, Bytes> f = new LinkedHashMap<>();
        for (Sample s : ALL) {
            f.put(DIR + "/" + s.csv(), Bytes.utf8(csvText(s)));
            f.put(DIR + "/" + s.bin(), binary(s));
        }
        return Collections.unmodifiableMap(f);
    }

    @Override public String readme() {
        var sb = new StringBuilder("""
                ## Partition tables (`partition-tables/`)

                Each binary is what `./kit partition` makes of the CSV beside it (0xC00 bytes: 32-byte entries, the
                MD5 row, 0xFF padding; byte for byte what ESP-IDF's gen_esp32part.py v1.5 writes). The CSVs are the
                sources (kept in the library as resources of `esp32ota.samples`). Run from the repository root:

                ```sh
                """);
        for (Sample s : ALL) sb.append("./kit ").append(String.join(" ", s.command())).append('\n');
        sb.append("```\n\n| table | what it shows |\n|---|---|\n");
        for (Sample s : ALL) sb.append("| `").append(s.name()).append("` | ").append(s.teaches()).append(" |\n");
        return sb.toString();
    }
}
