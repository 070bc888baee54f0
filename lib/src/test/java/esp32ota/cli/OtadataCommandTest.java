package esp32ota.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.boot.Scenario;
import esp32ota.bytes.Bytes;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./kit otadata}: decoding against the vectors' entries[], and the writing actions. */
class OtadataCommandTest {
    @TempDir Path dir;

    private String tableOf(Scenario s) throws IOException {
        Path p = dir.resolve(s.name() + ".table.bin");
        Files.write(p, s.table().encode(true).toByteArray());
        return p.toString();
    }

    private static String otadata(String name) { return Vectors.path("otadata/" + name + ".bin").toString(); }

    @Test void jsonEntriesAreTheVectorsEntries() throws IOException {
        for (String name : Scenario.names()) {
            Scenario s = Scenario.load(name);
            KitRun run = KitRun.run(dir, "otadata", otadata(name), "--table", tableOf(s), "--json");
            assertEquals(0, run.exit(), run.stderr());
            JsonObject got = JsonParser.parseString(run.stdout()).getAsJsonObject();
            assertEquals(s.json().get("entries"), got.get("entries"), name);
            assertEquals(s.json().getAsJsonObject("partition_table").get("bootloader_app_count"),
                    got.get("bootloader_app_count"), name);
        }
        KitRun bare = KitRun.run(dir, "otadata", otadata("seq1_valid"), "--json");
        JsonObject got = JsonParser.parseString(bare.stdout()).getAsJsonObject();
        assertTrue(got.getAsJsonArray("entries").get(0).getAsJsonObject().get("slot_if_active_bootloader").isJsonNull());
        assertEquals(0, got.get("active_otadata").getAsInt());
        assertEquals("0x1000", got.getAsJsonArray("entries").get(1).getAsJsonObject().get("file_offset").getAsString());
    }

    @Test void textExplainsBothCopies() throws IOException {
        Scenario s = Scenario.load("seq3_bad_crc_seq2_valid");
        KitRun run = KitRun.run(dir, "otadata", otadata(s.name()), "--table", tableOf(s));
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().contains("  crc        0xed4a5010; CRC of ota_seq = 0xed4a5011: WRONG"), run.stdout());
        assertTrue(run.stdout().contains("  select_valid:   no (wrong CRC)"), run.stdout());
        assertTrue(run.stdout().contains("  00E000  02 00 00 00 ff ff"), run.stdout());
        assertTrue(run.stdout().contains("Active copy: 1 (the only valid copy): selects ota_1 (app_count 2)"), run.stdout());
    }

    @Test void setBootWritesWhatCurrentAndLegacyEspIdfWrite() throws IOException {
        Scenario s = Scenario.load("seq1_undefined_seq2_undefined");
        JsonObject expected = s.json().getAsJsonObject("expected").getAsJsonObject("app_esp_ota_set_boot_partition")
                .getAsJsonObject("ota_1_rollback_disabled");
        for (Map.Entry<String, JsonElement> release : expected.entrySet()) {
            boolean legacy = release.getKey().equals("legacy_idf");
            Path out = dir.resolve(release.getKey() + ".bin");
            KitRun run = legacy
                    ? KitRun.run(dir, "otadata", "set-boot", "ota_1", "--table", tableOf(s), "--otadata", otadata(s.name()),
                            "-o", out.toString(), "--legacy")
                    : KitRun.run(dir, "otadata", "set-boot", "ota_1", "--table", tableOf(s), "--otadata", otadata(s.name()),
                            "-o", out.toString());
            assertEquals(0, run.exit(), run.stderr());
            assertEquals(release.getValue().getAsJsonObject().get("otadata_after_sha256").getAsString(),
                    Bytes.of(Files.readAllBytes(out)).sha256().hex(), release.getKey());
            assertTrue(run.stdout().startsWith("esp_ota_set_boot_partition(ota_1) = ESP_OK"), run.stdout());
        }
    }

    @Test void refusesWhatTheRealFunctionRefuses() throws IOException {
        Path gap = dir.resolve("gap.bin");
        Files.write(gap, PartitionTable.of(0x8000, List.of(
                new PartitionEntry(0, 1, 0x00, 0xD000, 0x2000, "otadata", 0),
                new PartitionEntry(0, 0, 0x10, 0x10000, 0x100000, "ota_0", 0),
                new PartitionEntry(0, 0, 0x12, 0x110000, 0x100000, "ota_2", 0))).encode(true).toByteArray());
        Path out = dir.resolve("new.bin");
        KitRun set = KitRun.run(dir, "otadata", "set-boot", "ota_2", "--table", gap.toString(), "--otadata",
                otadata("blank"), "-o", out.toString());
        assertEquals(2, set.exit());
        assertEquals("esp_ota_set_boot_partition(ota_2) would fail with ESP_ERR_INVALID_ARG: slot 2 is not below the app's "
                + "OTA slot count 1; nothing written", set.stderr().strip());
        assertFalse(Files.exists(out));
        Scenario noFactory = Scenario.load("blank_no_factory");
        Path pending = dir.resolve("pending.bin");
        Files.write(pending, Scenario.load("seq2_pending_verify").otadata().withCopy(0,
                esp32ota.otadata.OtaSelectEntry.blank(0)).encode().toByteArray());
        KitRun invalid = KitRun.run(dir, "otadata", "mark-invalid", "--table", tableOf(noFactory), "--otadata",
                pending.toString(), "-o", out.toString());
        assertEquals(2, invalid.exit());
        assertTrue(invalid.stderr().startsWith("esp_ota_mark_app_invalid_rollback() would fail with ESP_ERR_OTA_ROLLBACK_FAILED"),
                invalid.stderr());
        assertFalse(Files.exists(out));
    }

    @Test void neverOverwritesTheInput() throws IOException {
        Scenario s = Scenario.load("seq1_valid");
        Path input = dir.resolve("in.bin");
        Files.copy(Vectors.path("otadata/seq1_valid.bin"), input);
        byte[] before = Files.readAllBytes(input);
        KitRun run = KitRun.run(dir, "otadata", "set-boot", "ota_1", "--table", tableOf(s), "--otadata", "in.bin", "-o", "in.bin");
        assertEquals(2, run.exit());
        assertTrue(run.stderr().startsWith("refusing to overwrite the input file"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(input));
        KitRun table = KitRun.run(dir, "otadata", "mark-valid", "--table", tableOf(s), "--otadata", "in.bin", "-o", tableOf(s));
        assertEquals(2, table.exit());
    }

    @Test void markValidConfirmsAPendingApp() throws IOException {
        Scenario s = Scenario.load("seq2_pending_verify");
        Path out = dir.resolve("valid.bin");
        KitRun run = KitRun.run(dir, "otadata", "mark-valid", "--table", tableOf(s), "--otadata", otadata(s.name()),
                "-o", out.toString(), "--rollback");
        assertEquals(0, run.exit(), run.stderr());
        Bytes written = Bytes.of(Files.readAllBytes(out));
        assertEquals("02000000" + "ff".repeat(20) + "02000000" + "7437f655", written.slice(0x1000, 0x1020).hex());
        assertEquals(Vectors.bytes("otadata/seq2_pending_verify.bin").slice(0, 0x1000), written.slice(0, 0x1000));
    }

    @Test void usageErrors() throws IOException {
        Scenario s = Scenario.load("seq1_valid");
        String[][] cases = {
                {"otadata"},
                {"otadata", "set-boot", "ota_1", "--table", tableOf(s), "--otadata", otadata("seq1_valid")},
                {"otadata", "mark-valid", "--table", tableOf(s), "--otadata", otadata("seq1_valid"), "-o", "x.bin", "--legacy"},
                {"otadata", "set-boot", "ota_9", "--table", tableOf(s), "--otadata", otadata("seq1_valid"), "-o", "x.bin"},
                {"otadata", otadata("seq1_valid"), "--flash", "d.bin"},
        };
        String[] messages = {"missing OTADATA.bin", "missing -o NEW.bin", "--legacy applies to set-boot only",
                "set-boot: the partition table has no ota_9", "give either OTADATA.bin or --flash, not both"};
        for (int i = 0; i < cases.length; i++) {
            KitRun run = KitRun.run(dir, cases[i]);
            assertEquals(2, run.exit(), String.join(" ", cases[i]));
            assertTrue(run.stderr().contains(messages[i]), run.stderr());
            assertFalse(Files.exists(dir.resolve("x.bin")));
        }
    }
}
