package esp32ota.cli;

import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Exit statuses and messages that every command shares. */
class MainTest {
    @TempDir Path dir;

    @Test void unknownCommandIsAUsageError() {
        KitRun run = KitRun.run(dir, "no-such-command");
        assertEquals(2, run.exit());
        assertEquals("unknown command 'no-such-command'; try ./kit --help\n", run.stderr());
    }

    @Test void helpListsEveryCommand() {
        KitRun run = KitRun.run(dir, "--help");
        assertEquals(0, run.exit());
        for (Command c : Main.commands()) assertTrue(run.stdout().contains("  " + c.name() + " "), c.name());
    }

    @Test void everyNameMakesTheCommandOfThatName() {
        assertEquals(Main.NAMES.size(), Main.commands().size());
        for (String name : Main.NAMES) assertEquals(name, Main.command(name).name());
        assertNull(Main.command("no-such-command"));
    }

    @Test void anUnwritableOutputFolderIsBadInputNotABug() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        KitRun run = KitRun.run(dir, "samples", "--out", file.resolve("sub").toString());
        assertEquals(2, run.exit(), run.stderr());
        assertTrue(run.stderr().startsWith("cannot use " + file), run.stderr());
        assertFalse(run.stderr().contains("internal error"), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace");
    }

    @Test void ioMessagesNameTheFileAndTheReason() {
        assertEquals("cannot use /x/y: no such file or folder",
                Main.ioMessage(new java.nio.file.NoSuchFileException("/x/y")));
        assertEquals("cannot use /root/z: permission denied",
                Main.ioMessage(new java.nio.file.AccessDeniedException("/root/z")));
        assertEquals("cannot use /a: Not a directory",
                Main.ioMessage(new java.nio.file.FileSystemException("/a", null, "Not a directory")));
    }
}
