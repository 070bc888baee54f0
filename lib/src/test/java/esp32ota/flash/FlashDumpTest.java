package esp32ota.flash;

import esp32ota.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Loading and saving flash dump files with {@link FlashDump}. */
class FlashDumpTest {
    private static final int MiB = 1 << 20;

    @TempDir Path dir;

    private static byte[] content(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        for (int i = size / 2; i < size; i++) b[i] = (byte) 0xFF;   // the top half erased, like most real dumps
        return b;
    }

    @Test
    void loadGivesTheFileAsAFlashOfItsSize() throws Exception {
        Path file = dir.resolve("dump.bin");
        byte[] bytes = content(4 * MiB, 1);
        Files.write(file, bytes);
        VirtualClock clock = new VirtualClock(77);
        NorFlash f = FlashDump.load(file, clock, FlashTiming.WORST_CASE);
        assertEquals(4L * MiB, f.size());
        assertArrayEquals(bytes, f.dump().toByteArray());
        assertEquals(file, f.source().orElseThrow());
        assertEquals(0, f.opCount());
        assertEquals(77, clock.nowMicros(), "loading costs no virtual time");
        assertSame(clock, f.clock());
        assertSame(FlashTiming.WORST_CASE, f.timing());
        assertSame(FlashTiming.TYPICAL, FlashDump.load(file).timing());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MiB, 3 * MiB, 2 * MiB - 1, 2 * MiB + 1, 6 * MiB})
    void loadRefusesAFileWhoseSizeNoFlashHas(int size) throws IOException {
        Path file = dir.resolve("odd.bin");
        Files.write(file, new byte[size]);
        FlashDumpException e = assertThrows(FlashDumpException.class, () -> FlashDump.load(file));
        assertEquals(file + ": " + size + " bytes is not a flash dump (a dump is exactly 2, 4, 8 or 16 MiB)",
                e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void loadAcceptsEachFlashSize() throws Exception {
        for (int mib : new int[] {2, 4, 8, 16}) {
            Path file = dir.resolve(mib + "mb.bin");
            Files.write(file, content(mib * MiB, mib));
            assertEquals((long) mib * MiB, FlashDump.load(file).size());
        }
    }

    @Test
    void loadSaysWhenTheFileIsMissingOrADirectory() {
        Path missing = dir.resolve("missing.bin");
        FlashDumpException m = assertThrows(FlashDumpException.class, () -> FlashDump.load(missing));
        assertEquals("cannot read " + missing + ": no such file", m.getMessage());
        FlashDumpException d = assertThrows(FlashDumpException.class, () -> FlashDump.load(dir));
        assertEquals("cannot read " + dir + ": a folder, not a file", d.getMessage());
    }

    @Test
    void readTakesADumpOfAnySizeAsItIs() throws Exception {
        Path file = dir.resolve("short.bin");
        byte[] bytes = content(3 * MiB + 5, 9);               // no chip has this size: only load refuses it
        Files.write(file, bytes);
        assertEquals(Bytes.of(bytes), FlashDump.read(file));
        Files.write(file, new byte[0]);
        assertEquals(0, FlashDump.read(file).size());
    }

    @Test
    void readRefusesAFolderAndASpecialFileBeforeReading() {
        FlashDumpException d = assertThrows(FlashDumpException.class, () -> FlashDump.read(dir));
        assertEquals("cannot read " + dir + ": a folder, not a file", d.getMessage());
        assertEquals(dir, d.file());
        Path zero = Path.of("/dev/zero");                      // would never end
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        FlashDumpException z = assertThrows(FlashDumpException.class, () -> FlashDump.read(zero));
        assertEquals("cannot read /dev/zero: a device, FIFO or other special file, not a file", z.getMessage());
    }

    @Test
    void saveWritesTheWholeChipAndLoadReadsItBack() throws Exception {
        NorFlash f = NorFlash.erased(2L * MiB, FlashTiming.TYPICAL);
        f.program(0x1000, Bytes.of(0xE9, 0x03, 0x02, 0x20));
        f.eraseSector(0x1000);
        f.program(0x10000, Bytes.filled(300, 0x5A));
        long time = f.clock().nowMicros();
        Path out = dir.resolve("out").resolve("saved.bin");   // the directory is made
        FlashDump.save(f, out);
        assertEquals(time, f.clock().nowMicros(), "saving costs no virtual time");
        assertEquals(2L * MiB, Files.size(out));
        assertArrayEquals(f.dump().toByteArray(), Files.readAllBytes(out));
        NorFlash back = FlashDump.load(out);
        assertTrue(back.sameContent(f, 0, 2L * MiB));
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left beside the dump");
        }
    }

    @Test
    void saveReplacesAnotherFile() throws Exception {
        Path other = dir.resolve("other.bin");
        Files.write(other, new byte[] {1, 2, 3});
        NorFlash f = NorFlash.erased(2L * MiB, FlashTiming.INSTANT);
        FlashDump.save(f, other);
        assertEquals(2L * MiB, Files.size(other));
    }

    @Test
    void saveNeverOverwritesTheDumpTheFlashCameFrom() throws Exception {
        Path in = dir.resolve("in.bin");
        byte[] original = content(2 * MiB, 3);
        Files.write(in, original);
        NorFlash f = FlashDump.load(in);
        f.eraseRegion(0, 0x10000);
        String expected = "refusing to overwrite %s, the dump this flash was loaded from; choose another file";

        FlashDumpException e = assertThrows(FlashDumpException.class, () -> FlashDump.save(f, in));
        assertEquals(expected.formatted(in), e.getMessage());
        Path spelledOtherwise = dir.resolve(".").resolve("in.bin");
        assertThrows(FlashDumpException.class, () -> FlashDump.save(f, spelledOtherwise));
        NorFlash copy = f.copy();
        assertEquals(in, copy.source().orElseThrow(), "a copy remembers where its bytes came from");
        assertThrows(FlashDumpException.class, () -> FlashDump.save(copy, in));
        assertArrayEquals(original, Files.readAllBytes(in), "the input is untouched");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "and nothing else was written");
        }
    }

    @Test
    void saveRecognisesTheInputThroughALink() throws Exception {
        Path in = dir.resolve("in.bin");
        Files.write(in, content(2 * MiB, 4));
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.bin"), in);
        } catch (UnsupportedOperationException | IOException e) {
            return;   // no symbolic links on this file system: nothing to check
        }
        NorFlash f = FlashDump.load(in);
        assertThrows(FlashDumpException.class, () -> FlashDump.save(f, link));
    }

    @Test
    void replaceSourceIsTheOneWayToOverwriteTheInput() throws Exception {
        Path in = dir.resolve("in.bin");
        Files.write(in, content(2 * MiB, 5));
        NorFlash f = FlashDump.load(in);
        f.eraseRegion(0, 0x20000);
        FlashDump.replaceSource(f);
        byte[] now = Files.readAllBytes(in);
        assertArrayEquals(f.dump().toByteArray(), now);
        assertTrue(Bytes.of(now).slice(0, 0x20000).allEqual(0xFF));

        NorFlash fresh = NorFlash.erased(2L * MiB, FlashTiming.INSTANT);
        var e = assertThrows(IllegalStateException.class, () -> FlashDump.replaceSource(fresh));
        assertEquals("this flash was not loaded from a dump file", e.getMessage());
        assertTrue(fresh.source().isEmpty());
    }

    @Test
    void saveOntoADirectoryFailsCleanly() throws Exception {
        Path target = Files.createDirectory(dir.resolve("adir"));
        NorFlash f = NorFlash.erased(2L * MiB, FlashTiming.INSTANT);
        FlashDumpException e = assertThrows(FlashDumpException.class, () -> FlashDump.save(f, target));
        assertEquals("cannot write " + target + ": it is a directory", e.getMessage());
        assertEquals(target, e.file());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left");
        }
    }
}
