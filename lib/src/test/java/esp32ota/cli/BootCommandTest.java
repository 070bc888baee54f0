package esp32ota.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.boot.Scenario;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./kit boot}: the JSON against every key of every shared scenario, the text report, and bad input. */
class BootCommandTest {
    @TempDir Path dir;

    private Path tableOf(Scenario s) throws IOException {
        Path p = dir.resolve(s.name() + ".table.bin");
        Files.write(p, s.table().encode(true).toByteArray());
        return p;
    }

    @Test void jsonAgreesWithEveryScenarioOnEveryKey() throws IOException {
        int compared = 0;
        for (String name : Scenario.names()) {
            Scenario s = Scenario.load(name);
            String table = tableOf(s).toString();
            String otadata = Vectors.path("otadata/" + name + ".bin").toString();
            for (boolean rollback : new boolean[] {false, true}) {
                List<String> argv = new ArrayList<>(List.of("boot", "--table", table, "--otadata", otadata, "--json"));
                if (rollback) argv.add("--rollback");
                KitRun run = KitRun.run(dir, argv.toArray(String[]::new));
                assertEquals(0, run.exit(), run.stderr());
                JsonObject got = JsonParser.parseString(run.stdout()).getAsJsonObject();
                JsonObject want = s.expected(rollback ? "bootloader_rollback_enabled" : "bootloader_rollback_disabled");
                for (Map.Entry<String, com.google.gson.JsonElement> e : want.entrySet()) {
                    assertEquals(e.getValue(), got.get(e.getKey()), name + " rollback=" + rollback + " " + e.getKey());
                    compared++;
                }
                assertEquals(want.get("booted_if_all_images_valid"), got.get("booted"));
                assertTrue(got.getAsJsonArray("trail").size() >= 3);
            }
        }
        assertEquals(11 * 2 * 10, compared);
    }

    @Test void dashOWritesTheOtadataAfterTheBoot() throws IOException {
        // seq2_new with rollback: the vector's otadata_after_sha256 (NEW -> PENDING_VERIFY in copy 1).
        Scenario s = Scenario.load("seq2_new");
        String table = tableOf(s).toString(), otadata = Vectors.path("otadata/seq2_new.bin").toString();
        KitRun run = KitRun.run(dir, "boot", "--table", table, "--otadata", otadata, "--rollback", "-o", "after.bin");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().endsWith("wrote " + dir.resolve("after.bin") + " (otadata after this boot)\n"), run.stdout());
        assertEquals(s.expected("bootloader_rollback_enabled").get("otadata_after_sha256").getAsString(),
                esp32ota.bytes.Bytes.of(Files.readAllBytes(dir.resolve("after.bin"))).sha256().hex());
        KitRun same = KitRun.run(dir, "boot", "--table", table, "--otadata", otadata, "-o", otadata);
        assertEquals(2, same.exit());
        assertTrue(same.stderr().contains("refusing to overwrite the input file"), same.stderr());
        KitRun noOtadata = KitRun.run(dir, "boot", "--table", Vectors.path("partition_tables/idf_singleapp.bin").toString(),
                "-o", "x.bin");
        assertEquals(2, noOtadata.exit());
        assertTrue(noOtadata.stderr().contains("-o: the table has no otadata partition to write"), noOtadata.stderr());
        assertFalse(Files.exists(dir.resolve("x.bin")));
    }

    @Test void aCsvTableGivesTheSameDecisionAsItsBinary() {
        String otadata = Vectors.path("otadata/seq2_new.bin").toString();
        KitRun csv = KitRun.run(dir, "boot", "--table", Vectors.path("partition_tables/idf_two_ota.csv").toString(),
                "--otadata", otadata, "--rollback", "--json");
        KitRun bin = KitRun.run(dir, "boot", "--table", Vectors.path("partition_tables/idf_two_ota.bin").toString(),
                "--otadata", otadata, "--rollback", "--json");
        assertEquals(0, csv.exit(), csv.stderr());
        assertEquals(bin.stdout(), csv.stdout());
        JsonObject want = Scenario.load("seq2_new").expected("bootloader_rollback_enabled");
        JsonObject got = JsonParser.parseString(csv.stdout()).getAsJsonObject();
        for (String key : want.keySet()) assertEquals(want.get(key), got.get(key), key);
    }

    @Test void unbootableSlotsChangeBootedButNotTheAllValidAnswer() throws IOException {
        Scenario s = Scenario.load("seq1_undefined_seq2_undefined");
        KitRun run = KitRun.run(dir, "boot", "--table", tableOf(s).toString(), "--otadata",
                Vectors.path("otadata/seq1_undefined_seq2_undefined.bin").toString(), "--unbootable", "ota_1", "--json");
        JsonObject got = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals("ota_0", got.get("booted").getAsString());
        assertEquals("ota_1", got.get("booted_if_all_images_valid").getAsString());
        assertEquals("OTA app partition slot 1 is not bootable",
                got.getAsJsonArray("logs_after_successful_load").get(1).getAsJsonObject().get("msg").getAsString());
    }

    @Test void antiRollbackOptionsReachTheDecision() throws IOException {
        Scenario s = Scenario.load("seq1_undefined_seq2_undefined");
        KitRun run = KitRun.run(dir, "boot", "--table", tableOf(s).toString(), "--otadata",
                Vectors.path("otadata/seq1_undefined_seq2_undefined.bin").toString(), "--anti-rollback",
                "--efuse-secure-version", "2", "--secure-version", "ota_0=2,ota_1=1,factory=0", "--json");
        assertEquals(0, run.exit(), run.stderr());
        JsonObject got = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals(0, got.get("active_otadata").getAsInt(), "ota_1 (secure_version 1) is below the eFuse (2)");
        assertEquals("ota_0", got.get("booted").getAsString());
        assertEquals(2, got.get("efuse_secure_version_after").getAsInt());
    }

    @Test void textReportNamesTheRulesTheOrderAndTheWrites() throws IOException {
        Scenario s = Scenario.load("seq2_pending_verify");
        KitRun run = KitRun.run(dir, "boot", "--table", tableOf(s).toString(), "--otadata",
                Vectors.path("otadata/seq2_pending_verify.bin").toString(), "--rollback");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().contains("rollback enabled: copy 1 is still PENDING_VERIFY"), run.stdout());
        assertTrue(run.stdout().contains("Try order:   ota_0, factory, ota_1"), run.stdout());
        assertTrue(run.stdout().contains("Booted:      ota_0 (partition 'ota_0' at 0x110000, 0x100000 bytes)"), run.stdout());
        assertTrue(run.stdout().contains("sector 1: PENDING_VERIFY -> ABORTED"), run.stdout());
        assertTrue(run.stdout().contains("  D boot: otadata[1] is marking as ABORTED"), run.stdout());
        assertTrue(run.stdout().contains("the bootloader sees app_count = 2 [ota_0, ota_1], factory at 0x10000"),
                run.stdout());
    }

    @Test void textReportListsSlotsAndSecureVersionsInSlotOrder() throws IOException {
        Scenario s = Scenario.load("seq4_seq5_eight_slots");
        KitRun run = KitRun.run(dir, "boot", "--table", tableOf(s).toString(), "--otadata",
                Vectors.path("otadata/seq4_seq5_eight_slots.bin").toString(), "--anti-rollback",
                "--efuse-secure-version", "0", "--secure-version", "ota_7=1,ota_2=1,ota_0=1,ota_5=1");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().contains("app_count = 8 [ota_0, ota_1, ota_2, ota_3, ota_4, ota_5, ota_6, ota_7]"),
                run.stdout());
        assertTrue(run.stdout().contains("apps {ota_0=1, ota_2=1, ota_5=1, ota_7=1}"), run.stdout());
    }

    @Test void flashDumpReplacesTableAndOtadata() throws IOException {
        Scenario s = Scenario.load("seq2_new");
        byte[] flash = new byte[0x310000];
        java.util.Arrays.fill(flash, (byte) 0xFF);
        s.table().encode(true).copyTo(flash, 0x8000);
        Vectors.bytes("otadata/seq2_new.bin").copyTo(flash, 0xD000);
        Path dump = dir.resolve("dump.bin");
        Files.write(dump, flash);
        KitRun run = KitRun.run(dir, "boot", "--flash", "dump.bin", "--rollback", "--json");
        assertEquals(0, run.exit(), run.stderr());
        JsonObject got = JsonParser.parseString(run.stdout()).getAsJsonObject();
        JsonObject want = s.expected("bootloader_rollback_enabled");
        assertEquals(want.get("otadata_writes"), got.get("otadata_writes"));
        assertEquals(want.get("otadata_after_sha256"), got.get("otadata_after_sha256"));
        s.table().encode(true).copyTo(flash, 0x4000);
        Files.write(dir.resolve("moved.bin"), flash);
        KitRun moved = KitRun.run(dir, "boot", "--flash", "moved.bin", "--table-offset", "0x4000", "--rollback", "--json");
        assertEquals(got, JsonParser.parseString(moved.stdout()).getAsJsonObject(), "a table found at --table-offset");
        Files.write(dir.resolve("tiny.bin"), new byte[0x100]);
        KitRun tiny = KitRun.run(dir, "boot", "--flash", "tiny.bin");
        assertEquals(2, tiny.exit());
        assertTrue(tiny.stderr().strip().endsWith("tiny.bin: 256 bytes, too short for a partition table at 0x8000"), tiny.stderr());
    }

    @Test void badInputIsOneClearLine() throws IOException {
        Scenario s = Scenario.load("blank");
        String table = tableOf(s).toString();
        String otadata = Vectors.path("otadata/blank.bin").toString();
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "nvs, data, nvs, 0x9000, 0x2000\notadata, data, ota, , 0x2000\n");
        Path shortOtadata = dir.resolve("short.bin");
        Files.write(shortOtadata, new byte[0x100]);
        String[][] cases = {
                {"boot", "--table", csv.toString(), "--otadata", otadata},
                {"boot", "--table", table},
                {"boot", "--table", table, "--otadata", shortOtadata.toString()},
                {"boot", "--table", table, "--otadata", otadata, "--unbootable", "ota_7"},
                {"boot", "--table", table, "--otadata", otadata, "--unbootable", "ota_x"},
                {"boot", "--table", table, "--otadata", otadata, "--efuse-secure-version", "1"},
                {"boot", "--table", table, "--otadata", otadata, "--anti-rollback", "--efuse-secure-version", "1"},
                {"boot", "--table", table, "--otadata", otadata, "--anti-rollback", "--efuse-secure-version", "40",
                        "--secure-version", "ota_0=1"},
                {"boot", "--table", table, "--otadata", otadata, "--anti-rollback", "--efuse-secure-version", "1",
                        "--secure-version", "ota_0=1,ota_0=2"},
                {"boot", "--table", table, "--otadata", dir.resolve("missing.bin").toString()},
                {"boot", "--flash", "dump.bin", "--table", table},
        };
        String[] messages = {
                "t.csv: Partition nvs invalid: 'nvs' partition of type 1 and subtype 2 of this size (0x2000) must be flagged as 'readonly' (the "
                        + "size of read/write NVS has to be at least 0x3000) (gen_esp32part refuses this table)",
                "missing --otadata O.bin: the table has an otadata partition at 0xd000",
                "short.bin: OtaData.otadata[1] at 0x00E000: truncated (expected 32 bytes at offset 0x1000, got 256 bytes of data)",
                "--unbootable: the partition table has no ota_7",
                "--unbootable: unknown app partition 'ota_x' (use factory, test or ota_0 … ota_15)",
                "--efuse-secure-version needs --anti-rollback",
                "--anti-rollback needs --secure-version ota_0=N,…",
                "--efuse-secure-version 40 does not fit a 32-bit field",
                "--secure-version: ota_0 given twice",
                "missing.bin: no such file",
                "give either --flash or --table/--otadata, not both",
        };
        for (int i = 0; i < cases.length; i++) {
            KitRun run = KitRun.run(dir, cases[i]);
            assertEquals(2, run.exit(), String.join(" ", cases[i]) + " → " + run.stderr());
            assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
            assertTrue(run.stderr().contains(messages[i]), run.stderr());
            assertEquals("", run.stdout());
        }
    }
}
