package esp32ota.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import esp32ota.bytes.Bytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared reference vectors in {@code ../shared/vectors} (outputs of gen_esp32part, esptool and ESP-IDF's own C
 * code). They are read in place, never copied into the project. A missing folder fails the test run rather than
 * skipping it: a skipped comparison would look like a passed one.
 */
public final class Vectors {
    private Vectors() {}

    public static Path dir() {
        String configured = System.getProperty("esp32ota.vectors");
        if (configured != null && Files.isDirectory(Path.of(configured))) return Path.of(configured).normalize();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/vectors").normalize();
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("the shared vectors (../shared/vectors) are missing; tests compare against them");
    }

    public static Path path(String relative) { return dir().resolve(relative); }

    public static Bytes bytes(String relative) {
        try {
            return Bytes.of(Files.readAllBytes(path(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonElement json(String relative) { return JsonParser.parseString(text(relative)); }

    /** Names (without extension) of the files in {@code folder} ending in {@code suffix}, sorted. */
    public static List<String> names(String folder, String suffix) {
        try (Stream<Path> s = Files.list(path(folder))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
