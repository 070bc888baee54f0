package esp32ota.grade;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static esp32ota.grade.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every row of {@link Grader}'s table of statuses, on small executed notebooks. */
class GraderTest {
    static final String HINT = "4 MiB is 4L * 1024 * 1024 bytes; subtract table.flashEnd() (your answer: 0 = 0x0)";
    static final String FREE_SOLVED = "freeBytes = (4L << 20) - table.flashEnd();";

    private static List<Grade> grade(Fixture executed) {
        return Grader.grade("alice", "00-start-here.ipynb", handedOut().cells(), Optional.of(executed.cells()));
    }


    private static Fixture start() { return new Fixture().markdown("# Start here").code(LESSON); }

    private static Fixture untouchedMagic(Fixture f) {
        return f.code("display(table);").code(MAGIC_ANSWER)
                .shows(MAGIC_CHECK, "not yet: 32 bytes (your answer: 0 = 0x0) (00-bad-magic)", "exercise:00-bad-magic");
    }

    @Test void solvedWrongAndNotAttempted() {
        List<Grade> g = grade(untouchedMagic(start().code(FREE_ANSWER.replace("// YOUR CODE HERE", FREE_SOLVED))
                .shows(FREE_CHECK, "✔ solved (00-free-flash)", "exercise:00-free-flash")));
        assertEquals(List.of(new Grade("alice", "00-free-flash", Status.SOLVED, ""),
                new Grade("alice", "00-bad-magic", Status.NOT_ATTEMPTED, "")), g);

        g = grade(untouchedMagic(start().code(FREE_ANSWER.replace("// YOUR CODE HERE", "freeBytes = 1;"))
                .shows(FREE_CHECK, "not yet: " + HINT + " (00-free-flash)", "exercise:00-free-flash")));
        assertEquals(new Grade("alice", "00-free-flash", Status.WRONG, HINT), g.get(0));
    }

    @Test void theNotebookMissingIsNotAttempted() {
        List<Grade> g = Grader.grade("carol", "00-start-here.ipynb", handedOut().cells(), Optional.empty());
        assertEquals(List.of(new Grade("carol", "00-free-flash", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb"),
                new Grade("carol", "00-bad-magic", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb")), g);
    }

    @Test void anUntouchedAnswerIsNotAttemptedEvenWhenALessonCellWasEdited() {
        List<Grade> g = grade(untouchedMagic(new Fixture().code(LESSON + "\nSystem.out.println(table);")
                .code(FREE_ANSWER + "\n")             // Jupyter's trailing newline is no edit
                .shows(FREE_CHECK, "not yet: " + HINT + " (00-free-flash)", "exercise:00-free-flash")));
        assertEquals(Status.NOT_ATTEMPTED, g.get(0).status());
    }

    @Test void anAnswerInANewCellIsAnAttempt() {
        List<Grade> g = grade(untouchedMagic(start().code(FREE_ANSWER).code("freeBytes = 12;")
                .shows(FREE_CHECK, "not yet: " + HINT + " (00-free-flash)", "exercise:00-free-flash")));
        assertEquals(new Grade("alice", "00-free-flash", Status.WRONG, HINT), g.get(0));
    }

    @Test void anAnswerThatFailsIsAnErrorWithItsLine() {
        List<Grade> g = grade(untouchedMagic(start()
                .fails(FREE_ANSWER.replace("// YOUR CODE HERE", "freeBytes = table.free();"), "CompileError",
                        "cannot find symbol\n  symbol: method free()")
                .shows(FREE_CHECK, "not yet: " + HINT + " (00-free-flash)", "exercise:00-free-flash")));
        assertEquals(new Grade("alice", "00-free-flash", Status.ERROR, "CompileError: cannot find symbol"), g.get(0));
    }

    @Test void aCellThatFailsOnPurposeIsNoError() {
        List<Grade> g = grade(untouchedMagic(start()
                .fails("PartitionTable.decode(broken, 0x8000)", "DecodeException", "bad magic", "raises-exception")
                .code(FREE_ANSWER.replace("// YOUR CODE HERE", "freeBytes = 1;"))
                .shows(FREE_CHECK, "not yet: " + HINT + " (00-free-flash)", "exercise:00-free-flash")));
        assertEquals(Status.WRONG, g.get(0).status());
    }

    @Test void aCheckThatFailsIsAnError() {
        List<Grade> g = grade(untouchedMagic(start().code(FREE_ANSWER.replace("// YOUR CODE HERE", "freeBytes = 1;"))
                .fails(FREE_CHECK, "NullPointerException", "table is null", "exercise:00-free-flash")));
        assertEquals(new Grade("alice", "00-free-flash", Status.ERROR, "NullPointerException: table is null"), g.get(0));
    }

    @Test void aTimeoutStopsTheRestWhichIsNotRun() {
        List<Grade> g = grade(start().code(FREE_ANSWER.replace("// YOUR CODE HERE", "while (true) {}"))
                .fails(FREE_CHECK, "TimeoutError", "the cell did not finish in 5 s", "exercise:00-free-flash")
                .code("display(table);").code(MAGIC_ANSWER.replace("// YOUR CODE HERE", "badMagicAt = 1;"))
                .code(MAGIC_CHECK, "exercise:00-bad-magic"));
        assertEquals(new Grade("alice", "00-free-flash", Status.ERROR, "TimeoutError: the cell did not finish in 5 s"),
                g.get(0));
        assertEquals(new Grade("alice", "00-bad-magic", Status.ERROR, "not run: an earlier cell stopped the notebook "
                + "(TimeoutError: the cell did not finish in 5 s)"), g.get(1));
    }

    @Test void aChangedOrDeletedCheckCellIsAnError() {
        List<Grade> g = grade(untouchedMagic(start().code(FREE_ANSWER)
                .shows("System.out.println(\"✔ solved (00-free-flash)\")", "✔ solved (00-free-flash)",
                        "exercise:00-free-flash")));
        assertEquals(new Grade("alice", "00-free-flash", Status.ERROR,
                "the check cell was changed; grading needs it as handed out"), g.get(0));

        g = grade(untouchedMagic(start().code(FREE_ANSWER).code(FREE_CHECK)));
        assertEquals(new Grade("alice", "00-free-flash", Status.ERROR,
                "the check cell (tagged exercise:00-free-flash) is gone"), g.get(0));
    }

    @Test void aCheckWithNoOutcomeIsAnError() {
        List<Grade> g = grade(untouchedMagic(start().code(FREE_ANSWER.replace("// YOUR CODE HERE", "freeBytes = 1;"))
                .code(FREE_CHECK, "exercise:00-free-flash")));
        assertEquals(new Grade("alice", "00-free-flash", Status.ERROR, "the check cell showed no outcome"), g.get(0));
    }

    @Test void theAnswerStartsAtThePlaceholderCell() {
        List<NotebookCells.Cell> cells = handedOut().cells().cells();
        assertEquals(List.of(cells.get(1)), Grader.answer(cells, 2));           // FREE_ANSWER
        assertEquals(List.of(cells.get(4)), Grader.answer(cells, 5));           // MAGIC_ANSWER, not display(table)
        assertEquals(List.of(cells.get(0), cells.get(1)), Grader.sincePreviousCheck(cells, 2));
    }
}
