package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.describe.CorpusJson;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.partition.PartitionCsv;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {
    @TempDir Path dir;

    static void write(Path file, Bytes bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
    }

    Map<String, CorpusRow> scan(Optional<Chip> chip) throws IOException {
        return Corpus.rows(dir, chip, 2, p -> { }).stream()
                .collect(Collectors.toMap(CorpusRow::path, Function.identity()));
    }

    @Test
    void generatedImagesGoodAndBroken() throws IOException {
        Bytes good = ImageSamples.blink("1.0.0", 0).build();
        write(dir.resolve("good/blink.bin"), good);
        for (ImageBuilder.Defect d : ImageBuilder.Defect.values()) {
            write(dir.resolve("broken/" + d + ".bin"), ImageSamples.blink("1.0.0", 0).buildBroken(d));
        }
        write(dir.resolve("deep/a/b/c/hello-c3.bin"), ImageSamples.hello(Chip.ESP32_C3).build());
        Map<String, CorpusRow> rows = scan(Optional.empty());
        assertEquals(7, rows.size());
        CorpusRow g = rows.get("good/blink.bin");
        assertEquals(FileKind.APP_IMAGE, g.kind());
        assertEquals("ESP32", g.chip());
        assertEquals("blink", g.project());
        assertEquals("1.0.0", g.version());
        assertEquals(good.size(), g.size());
        assertEquals(HexFormat.of().formatHex(good.sha256().toByteArray()), g.sha256());
        assertEquals(4, g.segments());
        assertEquals("DIO", g.flashMode());
        assertEquals("4MB", g.flashSize());
        assertEquals("40m", g.flashSpeed());
        assertEquals(0L, g.secureVersion());
        assertEquals(true, g.checksumOk());
        assertEquals(true, g.hashOk());
        assertEquals("bootable", g.verdict());
        assertNull(g.error());
        assertEquals("ESP32-C3", rows.get("deep/a/b/c/hello-c3.bin").chip());

        CorpusRow hash = rows.get("broken/BAD_HASH.bin");
        assertEquals(FileKind.APP_IMAGE, hash.kind());
        assertEquals(false, hash.hashOk());
        assertEquals(true, hash.checksumOk());
        assertEquals("NOT bootable: Image hash failed - image is corrupt", hash.verdict());
        CorpusRow sum = rows.get("broken/BAD_CHECKSUM.bin");
        assertEquals(false, sum.checksumOk());
        assertTrue(sum.verdict().startsWith("NOT bootable: Checksum failed."), sum.verdict());
        CorpusRow cut = rows.get("broken/TRUNCATED.bin");
        assertEquals(FileKind.APP_IMAGE, cut.kind());           // the descriptor says app, the end is missing
        assertEquals("ESP32", cut.chip());
        assertTrue(cut.error().contains("truncated") || cut.error().contains("TRUNCATED") || cut.error().contains("ends"),
                cut.error());
        assertTrue(cut.verdict().startsWith("NOT bootable: image is truncated"), cut.verdict());
        CorpusRow magic = rows.get("broken/BAD_MAGIC.bin");
        assertEquals(FileKind.APP_IMAGE, magic.kind());          // the descriptor at 0x20 says what it is
        assertEquals("ESP32", magic.chip());
        assertEquals("NOT bootable: image at 0x10000 has invalid magic byte (nothing flashed here?)", magic.verdict());
        assertTrue(magic.error().startsWith("magic byte 0x"), magic.error());
        CorpusRow wrong = rows.get("broken/WRONG_CHIP.bin");
        assertTrue(wrong.chip() != null && !wrong.chip().equals("ESP32"), wrong.chip());
    }

    @Test
    void theChipOptionJudgesImagesForThatChip() throws IOException {
        write(dir.resolve("blink.bin"), ImageSamples.blink("1.0.0", 0).build());
        CorpusRow r = scan(Optional.of(Chip.ESP32_C3)).get("blink.bin");
        assertEquals("ESP32", r.chip());
        assertEquals("NOT bootable: mismatch chip ID, expected 5, found 0", r.verdict());
    }

    @Test
    void emptyUnreadableAndBrokenLinksAreRowsWithErrors() throws IOException {
        write(dir.resolve("empty.bin"), Bytes.EMPTY);
        write(dir.resolve("ok.bin"), ImageSamples.hello(Chip.ESP32_S3).build());
        Files.createSymbolicLink(dir.resolve("dangling.bin"), dir.resolve("nowhere.bin"));
        Path locked = dir.resolve("locked.bin");
        write(locked, ImageSamples.hello(Chip.ESP32).build());
        locked.toFile().setReadable(false, false);
        boolean lockWorks = !Files.isReadable(locked);           // root reads everything
        Map<String, CorpusRow> rows = scan(Optional.empty());
        assertEquals(4, rows.size());
        assertEquals("empty file", rows.get("empty.bin").error());
        assertEquals(FileKind.UNKNOWN, rows.get("empty.bin").kind());
        assertEquals(HexFormat.of().formatHex(Bytes.EMPTY.sha256().toByteArray()), rows.get("empty.bin").sha256());
        assertEquals("cannot read: no such file (a broken link?)", rows.get("dangling.bin").error());
        assertEquals(lockWorks ? "cannot read: permission denied" : null, rows.get("locked.bin").error());
        assertEquals("bootable", rows.get("ok.bin").verdict());
        locked.toFile().setReadable(true, false);
    }

    @Test
    void aMissingRootIsAnError() {
        assertThrows(NoSuchFileException.class, () -> Corpus.rows(dir.resolve("missing"), Optional.empty(), 1, p -> { }));
    }

    @Test
    void aSingleFileIsACorpusOfOne() throws IOException {
        Path f = dir.resolve("x.bin");
        write(f, ImageSamples.hello(Chip.ESP32_C6).build());
        List<CorpusRow> rows = Corpus.rows(f, Optional.empty(), 1, p -> { });
        assertEquals(1, rows.size());
        assertEquals("x.bin", rows.get(0).path());
        assertEquals("ESP32-C6", rows.get(0).chip());
    }

    @Test
    void dumpsTablesAndOtadataAmongImages() throws IOException {
        var table = PartitionCsv.parse(DumpReportTest.TWO_OTA, PartitionCsv.Options.defaults());
        MergedImage device = DumpReportTest.device(Chip.ESP32_S3, 0x8000, 0);
        write(dir.resolve("dump.bin"), device.dump(0x400000));
        write(dir.resolve("merged.bin"), device.merged());
        write(dir.resolve("table.bin"), table.encode(true));
        write(dir.resolve("otadata.bin"), device.contents().get("otadata"));
        write(dir.resolve("boot.bin"), device.bootloader());
        Map<String, CorpusRow> rows = scan(Optional.empty());
        for (String name : List.of("dump.bin", "merged.bin")) {
            CorpusRow r = rows.get(name);
            assertEquals(FileKind.FLASH_DUMP, r.kind(), name);
            assertEquals("ESP32-S3", r.chip(), name);
            assertEquals("boots ota_0", r.verdict(), name);
            assertEquals("1.0.0", r.version(), name);
        }
        assertEquals(FileKind.PARTITION_TABLE, rows.get("table.bin").kind());
        assertEquals("5 partitions, MD5 row matches", rows.get("table.bin").note());
        assertEquals(FileKind.OTADATA, rows.get("otadata.bin").kind());
        assertEquals(FileKind.BOOTLOADER, rows.get("boot.bin").kind());
        assertEquals("ESP32-S3", rows.get("boot.bin").chip());
    }

    @Test
    void progressCountsEveryFileAndByte() throws IOException {
        long total = 0;
        for (int i = 0; i < 12; i++) {
            Bytes b = ImageSamples.blink("1.0." + i, 0).build();
            total += b.size();
            write(dir.resolve("f" + i + ".bin"), b);
        }
        List<Corpus.Progress> seen = new ArrayList<>();
        List<CorpusRow> rows = Corpus.rows(dir, Optional.empty(), 3, seen::add);
        assertEquals(12, rows.size());
        assertEquals(12, seen.size());
        Corpus.Progress last = seen.stream().max(java.util.Comparator.comparingInt(Corpus.Progress::files)).orElseThrow();
        assertEquals(new Corpus.Progress(12, 12, total, total), last);
        assertEquals(1.0, last.fraction());
        assertEquals("[####################] 12/12 files, %.1f of %.1f MB".formatted(total / 1e6, total / 1e6), last.bar(20));
        assertEquals("[###.......] 1/4 files, 0.0 of 0.0 MB", new Corpus.Progress(1, 4, 0, 0).bar(10));
        assertEquals(rows.stream().map(CorpusRow::path).sorted().toList(), rows.stream().map(CorpusRow::path).toList());
    }

    @Test
    void theTableHasAColumnPerFieldWithMissingValues() throws IOException {
        write(dir.resolve("a.bin"), ImageSamples.hello(Chip.ESP32).build());
        write(dir.resolve("b.bin"), Bytes.EMPTY);
        Table t = Corpus.scan(dir);
        assertEquals(CorpusRow.COLUMNS, t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals("app image", t.stringColumn("kind").get(0));
        assertEquals("unknown", t.stringColumn("kind").get(1));
        assertTrue(t.intColumn("segments").isMissing(1));
        assertTrue(t.booleanColumn("hash_ok").isMissing(1));
        assertEquals("empty file", t.stringColumn("error").get(1));
        var json = CorpusJson.of(Corpus.rows(dir, Optional.empty(), 1, p -> { }));
        assertEquals(2, json.getAsJsonArray("rows").size());
        assertEquals("bootable", json.getAsJsonArray("rows").get(0).getAsJsonObject().get("verdict").getAsString());
        assertTrue(json.getAsJsonArray("rows").get(1).getAsJsonObject().get("verdict").isJsonNull());
    }
}
