package esp32ota.describe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON is words about values: Gson is imported by the describers and the CLI that prints them, and by one reader of
 * a JSON input format (a notebook's {@code .ipynb}, which grading decodes), nowhere else.
 */
class GsonPlaceTest {
    /** The library's sources, from the lib module's folder (where Maven runs the tests). */
    static final Path SOURCES = Path.of("src/main/java/esp32ota");
    static final List<String> READERS = List.of("grade/NotebookCells.java");

    @Test void onlyDescribeAndCliWriteJson() throws IOException {
        List<String> users;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            users = files.filter(f -> f.toString().endsWith(".java")).filter(GsonPlaceTest::importsGson)
                    .map(f -> SOURCES.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
        List<String> elsewhere = users.stream().filter(f -> !f.startsWith("describe/") && !f.startsWith("cli/")
                && !READERS.contains(f)).toList();
        assertEquals(List.of(), elsewhere);
        assertTrue(users.contains("describe/CorpusJson.java") && users.contains("cli/JsonOutput.java"), users::toString);
    }

    private static boolean importsGson(Path f) {
        try {
            return Files.readString(f).contains("import com.google.gson.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
