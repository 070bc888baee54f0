package esp32ota.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic corpus: same seed, same bytes; and a scan says of every file what its folder says it is. */
class SyntheticCorpusTest {
    @TempDir Path dir;

    static final Map<String, FileKind> FOLDER_KIND = Map.of("apps", FileKind.APP_IMAGE, "broken", FileKind.APP_IMAGE,
            "bootloaders", FileKind.BOOTLOADER, "merged", FileKind.FLASH_DUMP, "tables", FileKind.PARTITION_TABLE,
            "otadata", FileKind.OTADATA, "encrypted", FileKind.ENCRYPTED, "junk", FileKind.UNKNOWN);

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        List<Path> a = SyntheticCorpus.write(dir.resolve("a"), 25, 5);
        List<Path> b = SyntheticCorpus.write(dir.resolve("b"), 25, 5);
        List<Path> c = SyntheticCorpus.write(dir.resolve("c"), 25, 6);
        assertEquals(25, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(dir.resolve("a").relativize(a.get(i)), dir.resolve("b").relativize(b.get(i)));
            assertEquals(-1L, Files.mismatch(a.get(i), b.get(i)), a.get(i).toString());
        }
        assertNotEquals(a.stream().map(p -> dir.resolve("a").relativize(p)).toList(),
                c.stream().map(p -> dir.resolve("c").relativize(p)).toList());
    }

    @Test
    void everyGeneratedFileIsWhatItsFolderSays() throws IOException {
        SyntheticCorpus.write(dir, 300, 11);
        List<CorpusRow> rows = Corpus.rows(dir, Optional.empty(), 2, p -> { });
        assertEquals(300, rows.size());
        for (CorpusRow r : rows) {
            String folder = r.path().substring(0, r.path().indexOf('/'));
            assertEquals(FOLDER_KIND.get(folder), r.kind(), r.path());
            switch (folder) {
                case "apps" -> {
                    assertEquals("bootable", r.verdict(), r.path());
                    assertNull(r.error(), r.path());
                    String project = r.path().substring(r.path().lastIndexOf('/') + 1, r.path().lastIndexOf('-'));
                    assertEquals(project, r.project(), r.path());
                    assertTrue(r.size() >= 0x10000 && r.size() <= 0x410000, r.path() + " " + r.size());
                    String chipFolder = r.path().split("/")[1];
                    assertEquals(chipFolder, r.chip().toLowerCase().replace("-", ""), r.path());
                }
                case "broken" -> assertTrue(r.verdict().startsWith("NOT bootable") || r.path().contains("wrong-chip"),
                        r.path() + ": " + r.verdict());
                case "merged" -> assertTrue(r.verdict().startsWith("boots ota_"), r.path() + ": " + r.verdict());
                default -> { }
            }
        }
        for (FileKind k : FOLDER_KIND.values()) {
            assertTrue(rows.stream().anyMatch(r -> r.kind() == k), "no " + k + " among 300 files");
        }
    }
}
