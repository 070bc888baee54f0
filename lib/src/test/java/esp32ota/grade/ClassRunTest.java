package esp32ota.grade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A grading run's folder read back: an executed copy, a file that could not be run, a missing notebook. */
class ClassRunTest {
    @TempDir Path run;

    @Test void readsEachStudentsCopyOrWhyThereIsNone() throws IOException {
        String nb = "00-start-here.ipynb";
        Files.createDirectories(run.resolve("pristine"));
        Files.writeString(run.resolve("pristine").resolve(nb), Fixture.handedOut().json());
        Path alice = Files.createDirectories(run.resolve("students/alice"));
        Files.writeString(alice.resolve(nb), new Fixture().code(Fixture.LESSON)
                .code(Fixture.FREE_ANSWER.replace("// YOUR CODE HERE", "freeBytes = 0x2F0000;"))
                .shows(Fixture.FREE_CHECK, "✔ solved (00-free-flash)", "exercise:00-free-flash")
                .code(Fixture.MAGIC_ANSWER).shows(Fixture.MAGIC_CHECK, "not yet: 32 bytes (00-bad-magic)",
                        "exercise:00-bad-magic").json());
        Path bob = Files.createDirectories(run.resolve("students/bob"));
        Files.writeString(bob.resolve(nb + ".error"), "could not run 00-start-here.ipynb: Notebook does not appear to be JSON\n");
        Files.createDirectories(run.resolve("students/carol"));

        Gradebook book = ClassRun.read(run, List.of("alice", "bob", "carol"), List.of(nb));
        assertEquals(List.of(
                new Grade("alice", "00-free-flash", Status.SOLVED, ""),
                new Grade("alice", "00-bad-magic", Status.NOT_ATTEMPTED, ""),
                new Grade("bob", "00-free-flash", Status.ERROR, "could not run 00-start-here.ipynb: Notebook does not appear to be JSON"),
                new Grade("bob", "00-bad-magic", Status.ERROR, "could not run 00-start-here.ipynb: Notebook does not appear to be JSON"),
                new Grade("carol", "00-free-flash", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb"),
                new Grade("carol", "00-bad-magic", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb")), book.grades());
    }
}
