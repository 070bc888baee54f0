package esp32ota.grade;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Reading an executed notebook: code cells only, sources joined, tags, outcome lines and the first error. */
class NotebookCellsTest {
    @Test void readsCodeCellsWithTheirOutcomesAndErrors() {
        NotebookCells nb = new Fixture().markdown("# title").code("int a = 1;\nint b = 2;")
                .shows("check()", "✔ solved (00-free-flash)", "exercise:00-free-flash")
                .shows("check2()", "not yet: a hint (with parentheses) (your answer: 0) (00-bad-magic)",
                        "exercise:00-bad-magic", "other")
                .fails("boom()", "IllegalStateException", "\n  first line\nsecond line", "raises-exception")
                .cells();
        assertEquals(4, nb.cells().size());
        assertEquals("int a = 1;\nint b = 2;", nb.cells().get(0).source());
        assertEquals(Optional.empty(), nb.cells().get(0).exercise());
        assertEquals(Optional.of("00-free-flash"), nb.cells().get(1).exercise());
        assertEquals(List.of(new NotebookCells.ExerciseLine("00-free-flash", true, "")), nb.cells().get(1).outcomes());
        assertEquals(Optional.of(new NotebookCells.ExerciseLine("00-bad-magic", false,
                "a hint (with parentheses) (your answer: 0)")), nb.cells().get(2).outcome("00-bad-magic"));
        assertEquals(List.of("exercise:00-bad-magic", "other"), nb.cells().get(2).tags());
        assertEquals(Optional.of("IllegalStateException: first line"), nb.cells().get(3).error());
        assertTrue(nb.cells().get(3).failsOnPurpose());
        assertFalse(nb.cells().get(2).failsOnPurpose());
    }

    @Test void anOutcomeLineMustBeTheWholeLine() {
        NotebookCells nb = new Fixture().shows("x", "he said ✔ solved (00-a)\nnot yet: try (00-b)").cells();
        assertEquals(List.of(new NotebookCells.ExerciseLine("00-b", false, "try")), nb.cells().get(0).outcomes());
    }

    @Test void errorLinesAreOneShortLine() {
        assertEquals("TimeoutError", NotebookCells.errorLine("TimeoutError", ""));
        assertEquals("just a message", NotebookCells.errorLine("", "just a message"));
        String longLine = NotebookCells.errorLine("E", "x".repeat(1000));
        assertEquals(300, longLine.length());
        assertTrue(longLine.endsWith("…"));
    }

    @Test void somethingElseIsNotANotebook() {
        var e = assertThrows(IllegalArgumentException.class, () -> NotebookCells.parse("{\"cells\": 3}"));
        assertEquals("not a notebook (no list of cells)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NotebookCells.parse("{not json"));
        assertEquals("not a notebook (not JSON)", e.getMessage());
        assertEquals(0, NotebookCells.parse("{\"cells\": []}").cells().size());
    }
}
