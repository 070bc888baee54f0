package esp32ota.samples;

import esp32ota.bytes.Bytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every sample family and the one call that regenerates {@code sample-images/}: each family's files plus a README
 * that lists them. To add a family, add it to {@link #families()}.
 */
public final class Samples {
    static final String README_HEAD = """
            # Sample images

            Binaries the kit itself generates, byte for byte the same on every run: `./kit samples` rewrites this
            folder (a test regenerates it into a temporary folder and compares). Each section names what made its
            files and what each one teaches.
            """;

    private Samples() {}

    public static List<SampleFamily> families() {
        return List.of(new PartitionTableSamples(), new ImageSamples(), new OtadataSamples(), new OtaImageSamples(),
                new FlashDumpSamples());
    }

    /** Every file of every family, plus {@code README.md}, keyed by path relative to the samples folder. */
    public static Map<String, Bytes> all() {
        Map<String, Bytes> files = new LinkedHashMap<>();
        StringBuilder readme = new StringBuilder(README_HEAD);
        for (SampleFamily f : families()) {
            files.putAll(f.files());
            readme.append('\n').append(f.readme());
        }
        files.put("README.md", Bytes.of(readme.toString().getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /**
     * The {@code .bin} files directly in {@code folder} (not in its subfolders), file name → bytes, in name order:
     * what {@code Views.verdicts} and the notebooks judge ({@code Samples.readBinFiles(Path.of("../sample-images/images/broken"))}).
     *
     * @throws IOException the folder cannot be listed or a file cannot be read
     */
    public static Map<String, Bytes> readBinFiles(Path folder) throws IOException {
        List<Path> bins;
        try (Stream<Path> s = Files.list(folder)) {
            bins = s.filter(p -> p.getFileName().toString().endsWith(".bin") && Files.isRegularFile(p)).sorted().toList();
        }
        Map<String, Bytes> files = new LinkedHashMap<>();
        for (Path p : bins) files.put(p.getFileName().toString(), Bytes.read(p));
        return Collections.unmodifiableMap(files);
    }

    /** Writes {@link #all()} under {@code root}; returns the paths written. */
    public static List<Path> regenerate(Path root) throws IOException {
        Map<String, Bytes> files = all();
        for (Map.Entry<String, Bytes> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue().toByteArray());
        }
        return files.keySet().stream().map(root::resolve).toList();
    }
}
