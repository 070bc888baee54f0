package esp32ota.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.bytes.Bytes;
import esp32ota.testing.KitRun;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./kit partition}: file handling, options, usage errors and --json. Tool wording is pinned elsewhere. */
class PartitionCommandTest {
    private static final String TWO_OTA = "partition_tables/idf_two_ota";

    @Test void helpShowsTheUsage(@TempDir Path dir) {
        KitRun run = KitRun.run(dir, "partition", "--help");
        assertEquals(0, run.exit());
        assertTrue(run.stdout().startsWith("usage: ./kit partition IN [OUT] [--offset 0x8000] [--flash-size 4MB]"));
        assertTrue(KitRun.run(dir, "--help").stdout().contains("\n  partition           partition table CSV <-> binary"));
    }

    @Test void defaultOutputReplacesTheExtension() {
        assertEquals(Path.of("/t/a.b.bin"), PartitionCommand.defaultOutput(Path.of("/t/a.b.csv")));
        assertEquals(Path.of("/t/table.bin"), PartitionCommand.defaultOutput(Path.of("/t/table")));
        assertEquals(Path.of("/t/.hidden.bin"), PartitionCommand.defaultOutput(Path.of("/t/.hidden")));
    }

    @Test void aCsvNamedDotBinIsNotOverwritten(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("table.bin");
        Files.writeString(in, "nvs,data,nvs,0x9000,0x6000\n");
        KitRun run = KitRun.run(dir, "partition", "table.bin");
        assertEquals(2, run.exit());
        assertEquals("refusing to overwrite the input file " + in + "; choose another output\n", run.stderr());
        assertEquals("nvs,data,nvs,0x9000,0x6000\n", Files.readString(in));
        assertEquals(2, KitRun.run(dir, "partition", "table.bin", "./table.bin").exit());
    }

    @Test void binaryInWithAnOutputFileNamedLikeTheInputIsRefused(@TempDir Path dir) throws IOException {
        Files.copy(Vectors.path(TWO_OTA + ".bin"), dir.resolve("t.bin"));
        assertEquals(2, KitRun.run(dir, "partition", "t.bin", "t.bin").exit());
        assertArrayEquals(Vectors.bytes(TWO_OTA + ".bin").toByteArray(), Files.readAllBytes(dir.resolve("t.bin")));
    }

    @Test void dashWritesTheBinaryToStdout(@TempDir Path dir) throws IOException {
        Files.copy(Vectors.path(TWO_OTA + ".csv"), dir.resolve("t.csv"));
        KitRun run = KitRun.run(dir, "partition", "t.csv", "-");
        assertEquals(0, run.exit());
        assertArrayEquals(Vectors.bytes(TWO_OTA + ".bin").toByteArray(), run.stdoutBytes());
        assertFalse(Files.exists(dir.resolve("t.bin")));
    }

    @Test void jsonDescribesTheTableInAStableKeyOrder(@TempDir Path dir) throws IOException {
        Files.copy(Vectors.path(TWO_OTA + ".csv"), dir.resolve("t.csv"));
        KitRun run = KitRun.run(dir, "partition", "t.csv", "--json");
        assertEquals(0, run.exit(), run.stderr());
        assertArrayEquals(Vectors.bytes(TWO_OTA + ".bin").toByteArray(), Files.readAllBytes(dir.resolve("t.bin")));
        JsonObject json = JsonParser.parseString(run.stdout()).getAsJsonObject();
        JsonObject vector = Vectors.json(TWO_OTA + ".json").getAsJsonObject();
        assertEquals(List.of("table_offset", "entries", "md5", "messages"), List.copyOf(json.keySet()));
        assertEquals(vector.get("entry_count").getAsInt(), json.getAsJsonArray("entries").size());
        JsonObject md5 = json.getAsJsonObject("md5");
        assertEquals(Long.decode(vector.get("md5_entry_offset").getAsString()), md5.get("offset").getAsLong());
        assertEquals(0x8000 + 0xC0, md5.get("address").getAsLong());
        assertEquals(vector.get("md5_of_entries").getAsString(), md5.get("digest").getAsString());
        JsonObject otadata = json.getAsJsonArray("entries").get(1).getAsJsonObject();
        assertEquals(List.of("name", "type", "type_code", "subtype", "subtype_code", "offset", "size", "flags",
                "encrypted", "readonly"), List.copyOf(otadata.keySet()));
        assertEquals("otadata", otadata.get("name").getAsString());
        assertEquals("data", otadata.get("type").getAsString());
        assertEquals(1, otadata.get("type_code").getAsInt());
        assertEquals("ota", otadata.get("subtype").getAsString());
        assertEquals(0, otadata.get("subtype_code").getAsInt());
        assertEquals(0xD000, otadata.get("offset").getAsLong());
        assertEquals(0x2000, otadata.get("size").getAsLong());
        assertFalse(otadata.get("encrypted").getAsBoolean());
        assertEquals(0, json.getAsJsonArray("messages").size());
    }

    @Test void jsonOfABinaryWithUnknownCodesAndFlagsKeepsNumbersAndWarnings(@TempDir Path dir) throws IOException {
        Bytes rows = Vectors.bytes(TWO_OTA + ".bin").slice(0, 0xC0).concat(Bytes.filled(0x20, 0xFF))
                .with(0x42, Bytes.fromHex("4099"))                                   // phy_init: type 0x40, subtype 0x99
                .with(0x5C, Bytes.fromHex("05"));                                    // phy_init: flags encrypted + bit 2
        Files.write(dir.resolve("t.bin"), rows.toByteArray());
        KitRun run = KitRun.run(dir, "partition", "t.bin", "--json", "--no-md5");
        assertEquals(0, run.exit(), run.stderr());
        String warning = "WARNING: Partition definition had unknown flag(s) 0x00000004. Newer binary format?";
        assertEquals(warning + "\n", run.stderr());
        JsonObject json = JsonParser.parseString(run.stdout()).getAsJsonObject();
        JsonObject phy = json.getAsJsonArray("entries").get(2).getAsJsonObject();
        assertTrue(phy.get("type").isJsonNull());
        assertEquals(0x40, phy.get("type_code").getAsInt());
        assertTrue(phy.get("subtype").isJsonNull());
        assertEquals(0x99, phy.get("subtype_code").getAsInt());
        assertEquals(5, phy.get("flags").getAsInt());
        assertTrue(phy.get("encrypted").getAsBoolean());
        assertTrue(json.get("md5").isJsonNull());
        JsonObject message = json.getAsJsonArray("messages").get(0).getAsJsonObject();
        assertEquals("warning", message.get("severity").getAsString());
        assertEquals(warning, message.get("message").getAsString());
    }

    @Test void usageErrorsExitTwoWithOneLine(@TempDir Path dir) throws IOException {
        Files.copy(Vectors.path(TWO_OTA + ".csv"), dir.resolve("t.csv"));
        assertUsageError(dir, "cannot read " + dir.resolve("nope.csv") + ": no such file", "partition", "nope.csv");
        assertUsageError(dir, "missing input file IN (CSV or binary) (see --help)", "partition");
        assertUsageError(dir, "--offset: '0x8000k' is not a usable number (e.g. 0x8000)",
                "partition", "t.csv", "--offset", "0x8000k");
        assertUsageError(dir, "--flash-size: '3MB' is not one of 1MB, 2MB, 4MB, 8MB, 16MB, 32MB, 64MB, 128MB",
                "partition", "t.csv", "--flash-size", "3MB");
        assertUsageError(dir, "unknown option --disable-md5sum (see --help)", "partition", "t.csv", "--disable-md5sum");
        assertUsageError(dir, "unexpected argument 'c' (see --help)", "partition", "t.csv", "b", "c");
        assertUsageError(dir, "--json prints to stdout: give an OUT file for the binary",
                "partition", "t.csv", "-", "--json");
        assertFalse(Files.exists(dir.resolve("t.bin")));
    }

    @Test void inputThatIsNeitherBinaryNorUtf8NamesTheByte(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("x.csv"), new byte[] {'n', 'v', 's', ',', (byte) 0xC3, 0x28});
        assertUsageError(dir, "x.csv is not a binary partition table (it does not start with AA 50) and not UTF-8 "
                + "text: byte 0xc3 at offset 4 is not valid UTF-8", "partition", "x.csv");
        Files.write(dir.resolve("erased.bin"), Bytes.filled(0xC00, 0xFF).toByteArray());
        assertUsageError(dir, "erased.bin is not a binary partition table (it does not start with AA 50) and not "
                + "UTF-8 text: byte 0xff at offset 0 is not valid UTF-8", "partition", "erased.bin", "out.csv");
    }

    @Test void aLabelThatIsNotUtf8NamesItsAddress(@TempDir Path dir) throws IOException {
        Bytes bad = Vectors.bytes(TWO_OTA + ".bin").slice(0, 0xC0).concat(Bytes.filled(0x20, 0xFF))
                .with(0x2C, Bytes.fromHex("c328"));                                 // otadata label: invalid UTF-8
        Files.write(dir.resolve("t.bin"), bad.toByteArray());
        assertUsageError(dir, "PartitionEntry.label at 0x00802C: bad value (expected UTF-8 text, got "
                + "[hex=c3286164617461])", "partition", "t.bin");
    }

    @Test void anOffsetOptionMovesTheTableAndItsFirstFreeAddress(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.csv"), "nvs,data,nvs,,0x6000\n");
        KitRun run = KitRun.run(dir, "partition", "t.csv", "--offset", "0o200000", "--json");
        assertEquals(0, run.exit(), run.stderr());
        JsonObject json = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals(0x10000, json.get("table_offset").getAsLong());
        assertEquals(0x11000, json.getAsJsonArray("entries").get(0).getAsJsonObject().get("offset").getAsLong());
    }

    private static void assertUsageError(Path dir, String message, String... argv) {
        KitRun run = KitRun.run(dir, argv);
        assertEquals(message + "\n", run.stderr());
        assertEquals(2, run.exit());
        assertEquals("", run.stdout());
    }

    /** A flash dump round-trips: the table inside it prints as the table's own binary does. */
    @Test void flashPrintsTheTableInsideADump(@TempDir Path dir) throws IOException {
        var sample = esp32ota.samples.PartitionTableSamples.ALL.stream()
                .filter(x -> x.name().equals("no_factory_two_ota")).findFirst().orElseThrow();
        var table = esp32ota.samples.PartitionTableSamples.binary(sample);
        byte[] dump = new byte[4 << 20];
        java.util.Arrays.fill(dump, (byte) 0xFF);
        java.nio.file.Files.write(dir.resolve("blank.bin"), dump);
        table.copyTo(dump, 0x8000);
        java.nio.file.Files.write(dir.resolve("dump.bin"), dump);
        java.nio.file.Files.write(dir.resolve("t.bin"), table.toByteArray());
        KitRun fromDump = KitRun.run(dir, "partition", "--flash", "dump.bin");
        assertEquals(0, fromDump.exit(), fromDump.stderr());
        assertEquals(KitRun.run(dir, "partition", "t.bin").stdout(), fromDump.stdout());
        assertTrue(fromDump.stdout().contains("\nota_1,app,ota_1,0x150000,1280K,\n"), fromDump.stdout());
        KitRun blank = KitRun.run(dir, "partition", "--flash", "blank.bin");    // erased: no rows, as gen_esp32part
        assertEquals(0, blank.exit(), blank.stderr());
        assertEquals("# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n", blank.stdout());
        KitRun tooShort = KitRun.run(dir, "partition", "--flash", "t.bin");
        assertEquals(dir.resolve("t.bin") + ": 3072 bytes, too short for a partition table at 0x8000\n",
                tooShort.stderr());
        assertEquals(2, tooShort.exit());
        assertEquals(2, KitRun.run(dir, "partition", "--flash", "dump.bin", "out.csv").exit());
        assertFalse(java.nio.file.Files.exists(dir.resolve("out.csv")));
    }
}
