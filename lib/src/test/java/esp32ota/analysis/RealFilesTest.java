package esp32ota.analysis;

import esp32ota.testing.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 33 real files of {@code vectors/real}: every corpus row field by field against {@code index.tsv} (size,
 * SHA-256, the chip esptool names) and esptool v4.12.0's {@code image_info} output for the file.
 */
class RealFilesTest {
    static Map<String, CorpusRow> rows = new HashMap<>();
    static List<Map<String, String>> index = new ArrayList<>();

    @BeforeAll
    static void scan() throws IOException {
        for (CorpusRow r : Corpus.rows(Vectors.path("real/files"), Optional.empty(), 2, p -> { })) rows.put(r.path(), r);
        String[] lines = Vectors.text("real/index.tsv").split("\n");
        String[] head = lines[0].split("\t", -1);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split("\t", -1);
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < head.length; c++) m.put(head[c], cells[c]);
            index.add(m);
        }
    }

    /** What each file is: the index's kind, and for "other" what its description says. */
    static FileKind expectedKind(Map<String, String> e) {
        return switch (e.get("kind")) {
            case "app" -> FileKind.APP_IMAGE;
            case "bootloader" -> FileKind.BOOTLOADER;
            case "esp8266" -> FileKind.ESP8266_IMAGE;
            case "merged-flash" -> FileKind.FLASH_DUMP;
            case "partition-table" -> FileKind.PARTITION_TABLE;
            default -> e.get("what_it_is").startsWith("otadata") ? FileKind.OTADATA
                    : e.get("what_it_is").contains("ciphertext") ? FileKind.ENCRYPTED
                    : e.get("what_it_is").contains("followed by bootloader") ? FileKind.BOOTLOADER : FileKind.UNKNOWN;
        };
    }

    @Test
    void everyFileIsARowWithItsSizeHashAndKind() {
        assertEquals(33, index.size());
        assertEquals(33, rows.size());
        for (Map<String, String> e : index) {
            String path = e.get("relpath").substring("files/".length());
            CorpusRow r = rows.get(path);
            assertNotNull(r, path);
            assertEquals(Long.parseLong(e.get("size")), r.size(), path);
            assertEquals(e.get("sha256"), r.sha256(), path);
            assertEquals(expectedKind(e), r.kind(), path);
            assertNull(r.error(), path);
        }
        assertEquals(0, rows.values().stream().filter(r -> r.kind() == FileKind.UNKNOWN).count());
    }

    @Test
    void imageRowsMatchEsptoolField() {
        int compared = 0;
        for (Map<String, String> e : index) {
            if (!e.get("esptool_exit_code").equals("0")) continue;
            String path = e.get("relpath").substring("files/".length());
            CorpusRow r = rows.get(path);
            String out = Vectors.text("real/esptool/%s__%s.txt".formatted(e.get("kind"),
                    path.substring(path.indexOf('/') + 1)));
            assertEquals(e.get("chip_from_header"), r.chip(), path);
            assertEquals(field(out, "Flash size"), r.flashSize(), path);
            assertEquals(field(out, "Flash freq"), r.flashSpeed(), path);
            assertEquals(field(out, "Flash mode"), r.flashMode(), path);
            assertEquals(field(out, "Checksum").endsWith("(valid)"), r.checksumOk(), path);
            if (r.kind() == FileKind.FLASH_DUMP) {
                compared++;
                continue;                                       // esptool decodes only its bootloader
            }
            assertEquals(Integer.parseInt(field(out, "Segments")), r.segments(), path);
            String hash = field(out, "Validation hash");
            assertEquals(hash == null ? null : hash.endsWith("(valid)"), r.hashOk(), path);
            if (out.contains("Application information")) {
                assertEquals(field(out, "Project name"), r.project(), path);
                assertEquals(field(out, "App version"), r.version(), path);
                assertEquals(field(out, "Compile time"), r.compileDate() + " " + r.compileTime(), path);
                assertEquals(field(out, "ESP-IDF"), r.idfVer(), path);
                assertEquals(Long.parseLong(field(out, "Secure version")), r.secureVersion(), path);
            } else if (out.contains("Bootloader information")) {
                assertEquals(field(out, "Bootloader version"), r.version(), path);
                assertEquals(field(out, "ESP-IDF"), r.idfVer(), path);
                assertEquals(field(out, "Compile time"), r.compileDate() + " " + r.compileTime(), path);
            } else if (r.kind() == FileKind.APP_IMAGE && !r.chip().equals("ESP32-H2(beta2)")) {
                assertNull(r.project(), path);                  // RAM-only apps carry no descriptor
                assertNull(r.secureVersion(), path);
            }
            assertEquals("bootable", r.verdict(), path);
            compared++;
        }
        assertEquals(27, compared);
    }

    @Test
    void bootloadersWithoutEsptoolsInformationStillShowTheirDescriptor() {
        // esptool prints "Bootloader information" only when no segment is DROM; the descriptor is there anyway
        CorpusRow c6 = rows.get("bootloader/sf_hello_esp32c6_bootloader.bin");
        assertEquals("1", c6.version());
        assertEquals(rows.get("app/sf_hello_esp32c6_hello_world.bin").idfVer(), c6.idfVer());
        assertEquals("Jul 25 2024", c6.compileDate());
        CorpusRow old = rows.get("bootloader/sf_old_esp32_bootloader.bin");
        assertNull(old.version());                             // IDF 4.x wrote no bootloader descriptor
        assertNull(old.idfVer());
    }

    @Test
    void theMergedMicroPythonImageIsADumpThatBootsItsFactoryApp() {
        CorpusRow r = rows.get("merged-flash/esptool_pr1150_micropython_ESP32_GENERIC-20240602-v1.23.0.bin");
        assertEquals("ESP32", r.chip());
        assertEquals("boots factory", r.verdict());
        assertEquals("v5.0.4", r.idfVer());
        assertEquals("Jun  2 2024", r.compileDate());
        assertEquals("06:51:35", r.compileTime());
        assertEquals("", r.project());                          // MicroPython leaves the name empty
        assertTrue(r.note().startsWith("merged image for flash 0x1000; table at 0x8000"), r.note());
        assertNull(r.segments());
    }

    @Test
    void otherFilesSayWhatTheyAre() {
        CorpusRow ota = rows.get("other/esptool_pr1150_0xe000_boot_app0.bin");
        assertEquals("copy 0: seq 1, state UNDEFINED, CRC ok → valid; copy 1: seq 0, state UNDEFINED, CRC ok → valid",
                ota.note());
        // esptool has no memory map for this pre-production chip, so it never reads the descriptor; the kit does
        assertEquals("hello_world", rows.get("app/sf_hello_esp32h4_hello_world.bin").project());
        CorpusRow digested = rows.get("other/esptool_secure_bootloader_digested_v1.bin");
        assertEquals("ESP32", digested.chip());
        assertEquals("bootable", digested.verdict());
        assertTrue(digested.note().contains("secure boot v1 reflashable digest block"), digested.note());
        for (String enc : List.of("other/esptool_secure_bootloader-encrypted.bin",
                "other/esptool_secure_hello-world-signed-encrypted.bin")) {
            assertTrue(rows.get(enc).note().startsWith("looks random"), enc);
            assertNull(rows.get(enc).chip());
        }
        var table = Vectors.bytes("real/files/partition-table/sf_hello_esp32_partition-table.bin");
        int magicRows = 0;
        while (table.u16le(32 * magicRows) == 0x50AA) magicRows++;      // rows counted by hand: AA 50 at 32 × n
        assertEquals(3, magicRows);
        assertEquals(magicRows + " partitions, MD5 row matches",
                rows.get("partition-table/sf_hello_esp32_partition-table.bin").note());
        CorpusRow ram = rows.get("app/sf_ramapp_esp32.bin");
        assertEquals("RAM-only app (no flash-mapped segment)", ram.note());
        for (String chip : List.of("esp32c2", "esp32c6", "esp32h2")) {      // 32 KiB pages, as their bootloader
            CorpusRow row = rows.get("app/sf_hello_" + chip + "_hello_world.bin");
            assertEquals("bootable", row.verdict(), chip);
            assertNull(row.note(), chip);
        }
    }

    /** The value after "NAME: " on its own line of esptool's output, or null. */
    static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ": (.*)$").matcher(out);
        return m.find() ? m.group(1) : null;
    }
}
