package esp32ota.cli;

import esp32ota.partition.SecureBoot;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** How {@code ./kit partition} reads --secure and --extra-partition-subtypes (the tool's argparse rules). */
class PartitionSecureOptionTest {
    private static final String CSV = "nvs,data,nvs,0x9000,0x6000\nfactory,app,factory,0x10000,0x11000\n";

    @Test
    void secureAloneMeansV1AndTakesAValueOnlyWhenOneFollows() {
        var alone = PartitionCommand.ToolOptions.extract(List.of("in.csv", "--secure", "--no-verify"));
        assertEquals(SecureBoot.V1, alone.secure());
        assertEquals(List.of("in.csv", "--no-verify"), alone.rest());
        assertEquals(SecureBoot.V2, PartitionCommand.ToolOptions.extract(List.of("--secure=v2", "in.csv")).secure());
        assertEquals(SecureBoot.NONE, PartitionCommand.ToolOptions.extract(List.of("in.csv")).secure());
        var extra = PartitionCommand.ToolOptions.extract(List.of("in.csv", "out.bin", "--extra-partition-subtypes",
                "data,a,0x40", "app,b,0x40", "--secure", "v2", "--", "--secure"));
        assertEquals(List.of("data,a,0x40", "app,b,0x40"), extra.extraSubtypes());
        assertEquals(SecureBoot.V2, extra.secure());
        assertEquals(List.of("in.csv", "out.bin", "--", "--secure"), extra.rest());
    }

    @Test
    void badOptionValuesAreOneLineAndExit2(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("in.csv"), CSV);
        assertUsage(dir, "--secure: 'v3' is not v1 or v2 (--secure alone means v1)", "in.csv", "--secure", "v3");
        assertUsage(dir, "--secure: 'in.csv' is not v1 or v2 (--secure alone means v1)", "--secure", "in.csv");
        assertUsage(dir, "option --secure given twice", "in.csv", "--secure", "--secure", "v2");
        assertUsage(dir, "option --extra-partition-subtypes given twice", "in.csv",
                "--extra-partition-subtypes", "data,a,0x40", "--extra-partition-subtypes");
        KitRun bad = KitRun.run(dir, "partition", "in.csv", "out.bin", "--extra-partition-subtypes", "data,a");
        assertEquals(2, bad.exit());
        assertEquals("Error parsing custom subtypes: 'data,a' is not type,name,value\n", bad.stderr());
        assertFalse(Files.exists(dir.resolve("out.bin")));
    }

    @Test
    void secureV1RefusesWhatV2Accepts(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("in.csv"), CSV);
        KitRun v1 = KitRun.run(dir, "partition", "in.csv", "v1.bin", "--secure");
        assertEquals("Partition factory invalid: Size 0x11000 is not aligned to 0x10000\n", v1.stderr());
        assertEquals(2, v1.exit());
        KitRun v2 = KitRun.run(dir, "partition", "in.csv", "v2.bin", "--secure", "v2");
        assertEquals(0, v2.exit(), v2.stderr());
        assertEquals(0xC00, Files.size(dir.resolve("v2.bin")));
    }

    @Test
    void extraNamesReachTheJsonAndTheFlashDump(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("in.csv"), "nvs,data,nvs,0x9000,0x6000\nfs,data,my_fs,,64K\n");
        KitRun json = KitRun.run(dir, "partition", "in.csv", "t.bin", "--json", "--extra-partition-subtypes", "data,my_fs,0x40");
        assertEquals(0, json.exit(), json.stderr());
        var entries = com.google.gson.JsonParser.parseString(json.stdout()).getAsJsonObject().getAsJsonArray("entries");
        assertEquals("my_fs", entries.get(1).getAsJsonObject().get("subtype").getAsString());
        assertEquals(0x40, entries.get(1).getAsJsonObject().get("subtype_code").getAsInt());
        byte[] dump = new byte[0x20000];
        java.util.Arrays.fill(dump, (byte) 0xFF);
        byte[] table = Files.readAllBytes(dir.resolve("t.bin"));
        System.arraycopy(table, 0, dump, 0x8000, table.length);
        Files.write(dir.resolve("dump.bin"), dump);
        KitRun plain = KitRun.run(dir, "partition", "--flash", "dump.bin");
        assertTrue(plain.stdout().contains("\nfs,data,64,0x f000,64K,\n".replace(" ", "")), plain.stdout());
        KitRun named = KitRun.run(dir, "partition", "--flash", "dump.bin", "--extra-partition-subtypes", "data,my_fs,0x40");
        assertTrue(named.stdout().contains("\nfs,data,my_fs,0xf000,64K,\n"), named.stdout());
    }

    private static void assertUsage(Path dir, String message, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "partition";
        System.arraycopy(args, 0, argv, 1, args.length);
        KitRun run = KitRun.run(dir, argv);
        assertEquals(2, run.exit());
        assertTrue(run.stderr().contains(message) && run.stderr().strip().lines().count() == 1, run.stderr());
    }
}
