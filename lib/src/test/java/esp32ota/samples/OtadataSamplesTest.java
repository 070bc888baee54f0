package esp32ota.samples;

import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.bytes.Bytes;
import esp32ota.otadata.OtaData;
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

/**
 * The otadata story. Expected bytes come from the shared otadata vectors (built by the vectors' own script and
 * cross-checked against ESP-IDF's C functions), not from our implementation: the vector tables {@code blank_no_factory}
 * (no factory) and the "two OTA" ones place otadata at 0xD000 as {@code no_factory_two_ota} does.
 */
class OtadataSamplesTest {
    private static final Map<String, Bytes> FILES = new OtadataSamples().files();

    private static Bytes sample(String file) { return FILES.get("otadata/" + file); }

    private static String vectorEntryHex(String scenario, int copy) {
        return Vectors.json("otadata/" + scenario + ".json").getAsJsonObject().getAsJsonArray("entries").get(copy)
                .getAsJsonObject().get("entry_hex").getAsString();
    }

    private static String vectorAfterSha256(String scenario) {
        return Vectors.json("otadata/" + scenario + ".json").getAsJsonObject().getAsJsonObject("expected")
                .getAsJsonObject("bootloader_rollback_enabled").get("otadata_after_sha256").getAsString();
    }

    @Test void theFilesInStoryOrder() {
        assertEquals(List.of("otadata/0-blank.bin", "otadata/1-ota_0-valid.bin", "otadata/2-ota_1-new.bin",
                "otadata/3-ota_1-pending-verify.bin", "otadata/4a-ota_1-aborted.bin", "otadata/4b-ota_1-valid.bin",
                "otadata/ota_1-bad-crc.bin"), List.copyOf(FILES.keySet()));
        FILES.values().forEach(b -> assertEquals(0x2000, b.size()));
    }

    @Test void theStepsAreTheVectorsScenarios() {
        assertEquals(Vectors.bytes("otadata/blank_no_factory.bin"), sample("0-blank.bin"));
        assertEquals(Vectors.bytes("otadata/seq1_valid.bin"), sample("1-ota_0-valid.bin"));
        assertEquals(vectorAfterSha256("blank_no_factory"), sample("1-ota_0-valid.bin").sha256().hex());
        assertEquals(Vectors.bytes("otadata/seq2_new.bin"), sample("2-ota_1-new.bin"));
        assertEquals(Vectors.bytes("otadata/seq2_pending_verify.bin"), sample("3-ota_1-pending-verify.bin"));
        assertEquals(vectorAfterSha256("seq2_new"), sample("3-ota_1-pending-verify.bin").sha256().hex());
        assertEquals(vectorAfterSha256("seq2_pending_verify"), sample("4a-ota_1-aborted.bin").sha256().hex());
    }

    @Test void confirmedCopyIsSeq2Valid() {
        OtaData valid = OtaData.decode(sample("4b-ota_1-valid.bin"), 0);
        assertEquals(vectorEntryHex("seq1_valid", 0), valid.copy(0).encode().hex());
        assertEquals(vectorEntryHex("seq3_bad_crc_seq2_valid", 1), valid.copy(1).encode().hex());  // seq 2, VALID
        assertEquals(sample("3-ota_1-pending-verify.bin").slice(0x1020, 0x2000), valid.bytes().slice(0x1020, 0x2000));
    }

    @Test void tornCopyKeepsItsErasedCrcWordAndIsIgnored() {
        Bytes torn = sample("ota_1-bad-crc.bin");
        assertEquals("02000000" + "ff".repeat(20) + "00000000" + "ffffffff", torn.slice(0x1000, 0x1020).hex());
        assertEquals(sample("2-ota_1-new.bin").slice(0, 0x1000), torn.slice(0, 0x1000));
        BootDecision d = Bootloader.decide(OtadataSamples.table(), OtaData.decode(torn, 0xD000), BootConfig.of(true));
        assertEquals("ota_0", d.booted().orElseThrow().name());
        assertTrue(d.selectionLogs().contains(new LogLine('D', "boot_comm", "Only otadata[0] is valid")));
        assertEquals(List.of(), d.writes());
    }

    @Test void theReadmeCommandsWriteTheSameBytes(@TempDir Path tmp) throws IOException {
        Samples.regenerate(tmp.resolve("sample-images"));
        int commands = 0;
        for (OtadataSamples.Sample s : OtadataSamples.all()) {
            if (s.command().isEmpty()) continue;
            KitRun run = KitRun.run(tmp, Map.of(), s.command());
            assertEquals(0, run.exit(), s.file() + ": " + run.stderr());
            assertEquals(s.otadata().encode(), Bytes.of(Files.readAllBytes(tmp.resolve(s.file()))), s.file());
            commands++;
        }
        assertEquals(5, commands);
        String readme = new OtadataSamples().readme();
        assertTrue(readme.contains("""
                T=sample-images/partition-tables/no_factory_two_ota.csv O=sample-images/otadata
                ./kit boot --table $T --otadata $O/0-blank.bin --rollback -o 1-ota_0-valid.bin
                ./kit otadata set-boot ota_1 --table $T --otadata $O/1-ota_0-valid.bin --rollback -o 2-ota_1-new.bin
                ./kit boot --table $T --otadata $O/2-ota_1-new.bin --rollback -o 3-ota_1-pending-verify.bin
                ./kit boot --table $T --otadata $O/3-ota_1-pending-verify.bin --rollback -o 4a-ota_1-aborted.bin
                ./kit otadata mark-valid --table $T --otadata $O/3-ota_1-pending-verify.bin --rollback -o 4b-ota_1-valid.bin
                """), readme);
    }
}
