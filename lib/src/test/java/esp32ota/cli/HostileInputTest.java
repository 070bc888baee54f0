package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's promise under hostile input: every command ({@link Main#commands()}) given a table of bad inputs
 * (special files as input or output, a symlink or "/" as output, a missing output folder, an option where a value
 * belongs, numbers the one parser refuses, sizes that do not match the table) ends with exit 2 and one line on
 * stderr, and leaves the file system exactly as it was.
 */
class HostileInputTest {
    @TempDir Path dir;

    static final String TABLE = """
            nvs,      data, nvs,   0x9000,  0x4000
            otadata,  data, ota,   0xd000,  0x2000
            phy_init, data, phy,   0xf000,  0x1000
            ota_0,    app,  ota_0, 0x10000, 0x100000
            ota_1,    app,  ota_1, 0x110000, 0x100000
            """;

    @Test
    void everyCommandRefusesBadInputWithExit2AndTouchesNothing() throws Exception {
        Files.writeString(dir.resolve("table.csv"), TABLE);
        Files.write(dir.resolve("otadata.bin"), Bytes.filled(0x2000, 0xFF).toByteArray());
        Files.write(dir.resolve("otadata16k.bin"), Bytes.filled(0x4000, 0xFF).toByteArray());
        Files.write(dir.resolve("image.bin"), ImageBuilder.app(Chip.ESP32, AppDescriptor.of("1.0", "hostile", 0,
                "12:00:00", "Jan  1 2025", "v5.4.1", Bytes.filled(32, 0), 0, 99, 0), 1).build().toByteArray());
        Files.createDirectory(dir.resolve("folder"));
        Files.write(dir.resolve("folder/keep.bin"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("target.bin"), new byte[] {9});
        Files.createSymbolicLink(dir.resolve("link.bin"), dir.resolve("target.bin"));
        try (var big = new java.io.RandomAccessFile(dir.resolve("huge.bin").toFile(), "rw")) {
            big.setLength(3L << 30);                                    // sparse: 3 GiB that take no disk space
        }
        Path fifo = dir.resolve("fifo");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;

        List<String> badInputs = new ArrayList<>(List.of("/dev/zero", "missing.bin", "folder", "huge.bin"));
        if (haveFifo) badInputs.add("fifo");
        List<String> badOutputs = new ArrayList<>(List.of("/dev/null", "link.bin", "/", "no-such-folder/out.bin", "folder"));
        if (haveFifo) badOutputs.add("fifo");

        List<List<String>> cases = new ArrayList<>();
        for (Command c : Main.commands()) cases.add(List.of(c.name(), "--no-such-option"));
        for (String in : badInputs) {
            cases.add(List.of("partition", in, "out.bin"));
            cases.add(List.of("otadata", in));
            cases.add(List.of("otadata", "--flash", in));
            cases.add(List.of("boot", "--flash", in));
            cases.add(List.of("boot", "--table", in, "--otadata", "otadata.bin"));
            cases.add(List.of("boot", "--table", "table.csv", "--otadata", in));
            cases.add(List.of("image-info", in));
            cases.add(List.of("image-info", in, "--format", "esptool"));
            cases.add(List.of("diff", in, "image.bin"));
            cases.add(List.of("diff", "image.bin", in));
            cases.add(List.of("device", "run", "--flash", in));
            cases.add(List.of("device", "run", "--table", "table.csv", "--otadata", "otadata.bin", "--app", "ota_0=" + in));
            cases.add(List.of("ota", "run", "--from", in, "--to", "image.bin"));
            cases.add(List.of("ota", "serve", in));
            cases.add(List.of("ota", "sweep", in));
            if (!in.equals("folder") && !in.equals("huge.bin")) cases.add(List.of("scan", in));   // scan lists big files
        }
        for (String out : badOutputs) {
            cases.add(List.of("partition", "table.csv", out));
            cases.add(List.of("otadata", "set-boot", "ota_1", "--table", "table.csv", "--otadata", "otadata.bin", "-o", out));
            cases.add(List.of("boot", "--table", "table.csv", "--otadata", "otadata.bin", "-o", out));
            cases.add(List.of("scan", "image.bin", "--csv", out));
            cases.add(List.of("device", "run", "--table", "table.csv", "--otadata", "otadata.bin", "--app",
                    "ota_0=image.bin", "--save", out));
        }
        cases.add(List.of("otadata", "set-boot", "ota_1", "--table", "table.csv", "--otadata", "otadata.bin", "-o", "--legacy"));
        cases.add(List.of("boot", "--table", "table.csv", "--otadata", "otadata.bin", "-o", "--json"));
        cases.add(List.of("otadata", "set-boot", "ota_1", "--table", "table.csv", "--otadata", "otadata16k.bin", "-o", "new.bin"));
        cases.add(List.of("boot", "--table", "table.csv", "--otadata", "otadata16k.bin"));
        for (String n : List.of("9223372036854775000", "0x7fffffffffffff00", "010", "#1f", "0x8_000", "-1", "8000.0", "", "0x")) {
            cases.add(List.of("boot", "--flash", "image.bin", "--table-offset", n));
            cases.add(List.of("otadata", "--flash", "image.bin", "--table-offset", n));
            cases.add(List.of("image-info", "image.bin", "--partition-size", n));
            cases.add(List.of("samples", "--corpus", "corpus", "--count", n));
            cases.add(List.of("ota", "serve", "image.bin", "--port", n));
        }
        for (String s : List.of("abc", "NaN", "-1", "0", "Infinity", "1e400", "")) {
            cases.add(List.of("bench", "images", "folder", "--seconds", s));
            cases.add(List.of("ota", "serve", "image.bin", "--rate", s));
        }
        cases.add(List.of("image-info", "caf\u00e9-missing.bin"));

        Map<String, String> before = snapshot(dir);
        Set<String> commandsSeen = cases.stream().map(c -> c.get(0)).collect(Collectors.toSet());
        assertEquals(Main.commands().stream().map(Command::name).collect(Collectors.toSet()), commandsSeen);
        List<String> wrong = new ArrayList<>();
        for (List<String> argv : cases) {
            KitRun run = KitRun.run(dir, Map.of(), argv);
            String err = run.stderr();
            if (run.exit() != 2 || err.isEmpty() || err.indexOf('\n') != err.length() - 1 || err.contains("internal error")) {
                wrong.add(argv + " -> exit " + run.exit() + ": " + err.strip());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, snapshot(dir));
        assertTrue(Files.isSymbolicLink(dir.resolve("link.bin")));
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
        if (haveFifo) assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
    }

    @Test
    void numbersHaveOneSyntax() {
        assertEquals(0x8000, Args.number("--x", "0x8000", Long.MAX_VALUE, false));
        assertEquals(32768, Args.number("--x", "32768", Long.MAX_VALUE, false));
        assertEquals(0x8000, Args.number("--x", "32K", Long.MAX_VALUE, true));
        assertEquals(0x100000, Args.number("--x", "1m", Long.MAX_VALUE, true));
        assertEquals(0, Args.number("--x", "0", Long.MAX_VALUE, false));
        for (String bad : List.of("010", "#1f", "0x8_000", "-1", "+1", "1K", "0x", "", " ", "1e3", "0b101", "٣")) {
            CliException e = assertThrows(CliException.class, () -> Args.number("--x", bad, Long.MAX_VALUE, false), bad);
            assertTrue(e.getMessage().startsWith("--x: '" + bad + "' is not a number (decimal or 0x-hex"), e.getMessage());
        }
        CliException big = assertThrows(CliException.class, () -> Args.number("--x", "0x100000000", 0xFFFF_FFFFL, false));
        assertEquals("--x: 0x100000000 is out of range (at most 0xffffffff)", big.getMessage());
        assertThrows(CliException.class, () -> Args.number("--x", "0xffffffffffffffff", Long.MAX_VALUE, false));
        assertEquals(0.5, Args.decimal("--s", "0.5", 0.01, 10));
        for (String bad : List.of("NaN", "-1", "Infinity", "abc", "1e3", "0x10")) {
            assertThrows(CliException.class, () -> Args.decimal("--s", bad, 0.01, 10), bad);
        }
        assertThrows(CliException.class, () -> Args.decimal("--s", "0", 0.01, 10));
    }

    @Test
    void anOptionIsNotAValue() {
        CliException e = assertThrows(CliException.class,
                () -> Args.parse(List.of("-o", "--rollback"), Set.of("--rollback"), Set.of("-o")));
        assertEquals("option -o needs a value, not the option --rollback", e.getMessage());
        assertEquals("-1", Args.parse(List.of("--n", "-1"), Set.of(), Set.of("--n")).option("--n").orElseThrow());
    }

    /** A label cut inside a UTF-8 character is written (as gen_esp32part does) and boots; only `partition` refuses it. */
    @Test
    void aLabelCutInsideAUtf8CharacterBootsButGenEsp32partCannotReadIt() throws IOException {
        Files.writeString(dir.resolve("cut.csv"), TABLE + "abcdefghijklmno\u00e9, data, nvs, 0x210000, 0x4000\n");
        Files.write(dir.resolve("otadata.bin"), Bytes.filled(0x2000, 0xFF).toByteArray());
        assertEquals(0, KitRun.run(dir, "partition", "cut.csv", "cut.bin").exit());
        Bytes bin = Bytes.of(Files.readAllBytes(dir.resolve("cut.bin")));
        assertEquals(0xC3, bin.u8(5 * 32 + 12 + 15));                        // the first byte of é, then the flags
        KitRun boot = KitRun.run(dir, "boot", "--table", "cut.bin", "--otadata", "otadata.bin");
        assertEquals(0, boot.exit(), boot.stderr());
        KitRun back = KitRun.run(dir, "partition", "cut.bin");
        assertEquals(2, back.exit());
        assertEquals("PartitionEntry.label at 0x0080AC: bad value (expected UTF-8 text, got "
                + "[hex=6162636465666768696a6b6c6d6e6fc3])\n", back.stderr());
    }

    @Test
    void aByteOrderMarkIsKeptAsGenEsp32partDoesWithAWarning() throws IOException {
        Files.write(dir.resolve("bom.csv"), Bytes.of(0xEF, 0xBB, 0xBF).concat(Bytes.utf8(TABLE)).toByteArray());
        KitRun run = KitRun.run(dir, "partition", "bom.csv", "bom.bin");
        assertEquals(0, run.exit());
        assertEquals("", run.stderr());                                      // exactly gen_esp32part: it says nothing
        Files.write(dir.resolve("otadata.bin"), Bytes.filled(0x2000, 0xFF).toByteArray());
        run = KitRun.run(dir, "boot", "--table", "bom.csv", "--otadata", "otadata.bin");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stderr().startsWith("warning: " + dir.resolve("bom.csv") + " starts with a UTF-8 byte-order mark"),
                run.stderr());
        assertEquals("\ufeffnvs", firstName(dir.resolve("bom.bin")));
    }

    private static String firstName(Path bin) throws IOException {
        return esp32ota.partition.PartitionTable.decode(Bytes.of(Files.readAllBytes(bin)), 0x8000).entries().get(0).name();
    }

    /** Every path under {@code root}: its kind, and content (size and time above 1 MiB) for files (links not followed). */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String kind = Files.isSymbolicLink(p) ? "link->" + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) > (1 << 20)
                                ? "file %d bytes, modified %s".formatted(Files.size(p), Files.getLastModifiedTime(p))
                                : "file " + Bytes.of(Files.readAllBytes(p)).sha256().hex()
                        : "special";
                m.put(root.relativize(p).toString(), kind);
            }
        }
        return m;
    }
}
