package esp32ota.partition;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.GenEsp32PartWords;
import esp32ota.testing.KitRun;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Whatever text or bytes come in, the parser gives a table or a {@link PartitionTableException}, and the CLI exits
 * 0 or 2 with a message: never another exception, never the "internal error" of exit 1.
 */
class PartitionCsvRobustnessTest {
    private static final PartitionCsv.Options OPTIONS = PartitionCsv.Options.defaults().withEnv(Map.of("OFF", "0x9000"));

    @Property(tries = 300)
    void anyTextParsesOrFailsWithTheKitsError(@ForAll("csvLike") String text) {
        try {
            PartitionTable t = PartitionCsv.parse(text, OPTIONS);
            List<Violation> violations = PartitionRules.validate(t);
            for (Violation v : violations) {
                assertEquals(v.rule() == Violation.Rule.FLASH_SIZE, v.partitions().isEmpty(), "names its partitions: " + v);
                assertFalse(GenEsp32PartWords.message(v).isBlank(), "gen_esp32part has words for it: " + v);
            }
            if (violations.stream().noneMatch(Violation::isError) && t.entries().size() < 94) assertRoundTrip(t);
        } catch (PartitionTableException expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }

    @Property(tries = 60)
    void anyBytesGiveExitZeroOrTwo(@ForAll @Size(max = 200) byte[] data) throws IOException {
        assertExitZeroOrTwo(data);
    }

    /** Bytes that start AA 50 take the binary path: rows, MD5 rows, end marker and labels of any content. */
    @Property(tries = 60)
    void anyBinaryGivesExitZeroOrTwo(@ForAll @Size(max = 300) byte[] tail) throws IOException {
        byte[] data = new byte[tail.length + 2];
        data[0] = (byte) 0xAA;
        data[1] = 0x50;
        System.arraycopy(tail, 0, data, 2, tail.length);
        assertExitZeroOrTwo(data);
    }

    private static void assertExitZeroOrTwo(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("robust");
        try {
            Files.write(dir.resolve("in"), data);
            KitRun run = KitRun.run(dir, "partition", "in", "out");
            assertTrue(run.exit() == 0 || run.exit() == 2, run.stderr());
            assertFalse(run.stderr().contains("internal error"), run.stderr());
            if (run.exit() == 2) {
                assertFalse(run.stderr().isBlank());
                assertFalse(Files.exists(dir.resolve("out")));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    /** Lines built from the pieces a partition CSV is made of, in any order, plus arbitrary characters. */
    @Provide
    Arbitrary<String> csvLike() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("nvs", "otadata", "factory", "ota_0", "app", "data", "phy", "fat", "0x40", "bootloader",
                        "partition_table", "primary", "nvsk", "nvram", "ota", "test", "spiffs", "undefined"),
                Arbitraries.of("0x9000", "0xd000", "0x10000", "", "4K", "8K", "1M", "1kk", "-0x200000", "0x1001",
                        "010", "0x_9000", "1__0", "$OFF", "${OFF}", "$UNSET", "k", "\uff11", "0x100000000"),
                Arbitraries.of(",", ",", ",", ":", "encrypted", "readonly", " ", "\t", "#", "\n", "\r\n", "\r", "\u000c",
                        "\u0085", "\u2028", "\u00a0"),
                Arbitraries.strings().ofMaxLength(3));
        return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    /** Encode then decode keeps every field; the name comes back cut to 16 bytes (and at a NUL). */
    private static void assertRoundTrip(PartitionTable t) {
        PartitionTable back;
        try {
            back = PartitionTable.decode(t.encode(true), 0x8000);
        } catch (DecodeException e) {                   // a multi-byte character cut at byte 16: not UTF-8 any more
            assertEquals(DecodeException.Kind.BAD_VALUE, e.kind());
            assertEquals("label", e.field());
            return;
        }
        for (int i = 0; i < t.entries().size(); i++) {
            PartitionEntry e = t.entries().get(i);
            String label = ByteReader.textUpToNul(Bytes.of(e.labelBytes()));
            assertEquals(new PartitionEntry(e.address(), e.type(), e.subtype(), e.offset(), e.size(), label, e.flags()),
                    back.entries().get(i));
        }
    }
}
