package esp32ota.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class OutputFileTest {
    @TempDir Path dir;

    @Test void writesTheBytesAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("table.bin");
        OutputFile.write(out, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
        OutputFile.write(out, new byte[] {9});
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(out), "an existing output is replaced");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test void theOutputIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path reference = Files.createFile(dir.resolve("made-by-createFile"));        // permissions from the umask
        Path out = dir.resolve("table.bin");
        OutputFile.write(out, new byte[] {1});
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(out));
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ));
    }

    @Test void refusesToOverwriteTheInput() throws IOException {
        Path in = Files.writeString(dir.resolve("otadata.bin"), "x");
        var e = assertThrows(CliException.class, () -> OutputFile.refuseToOverwrite(in, dir.resolve("./otadata.bin")));
        assertTrue(e.getMessage().startsWith("refusing to overwrite the input file"), e.getMessage());
        OutputFile.refuseToOverwrite(in, dir.resolve("other.bin"));                  // a different file is fine
    }
}
