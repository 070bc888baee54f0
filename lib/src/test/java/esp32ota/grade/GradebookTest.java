package esp32ota.grade;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The class as a table, exercises by solve rate, students by progress, and the CSV both ways. */
class GradebookTest {
    static final Gradebook CLASS = new Gradebook(List.of(
            new Grade("alice", "00-free-flash", Status.SOLVED, ""),
            new Grade("alice", "00-smallest-partition", Status.WRONG, "the one with the fewest bytes, \"nvs\"?"),
            new Grade("alice", "00-bad-magic", Status.NOT_ATTEMPTED, ""),
            new Grade("bob", "00-free-flash", Status.SOLVED, ""),
            new Grade("bob", "00-smallest-partition", Status.SOLVED, ""),
            new Grade("bob", "00-bad-magic", Status.ERROR, "CompileError: cannot find symbol\n  symbol: x"),
            new Grade("carol", "00-free-flash", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb"),
            new Grade("carol", "00-smallest-partition", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb"),
            new Grade("carol", "00-bad-magic", Status.NOT_ATTEMPTED, "no 00-start-here.ipynb")));

    @Test void theClassAsATable() {
        Table t = CLASS.table();
        assertEquals(List.of("student", "00-free-flash", "00-smallest-partition", "00-bad-magic", "solved"),
                t.columnNames());
        assertEquals(List.of("alice", "bob", "carol"), t.stringColumn("student").asList());
        assertEquals(List.of("solved", "wrong", "not attempted"), t.row(0).columnNames().subList(1, 4).stream()
                .map(c -> t.stringColumn(c).get(0)).toList());
        assertEquals(List.of("solved", "solved", "error"), List.of(t.stringColumn(1).get(1), t.stringColumn(2).get(1),
                t.stringColumn(3).get(1)));
        assertEquals(List.of(1, 2, 0), t.intColumn("solved").asList());
        assertEquals(Map.of("00-free-flash", "not attempted", "00-smallest-partition", "not attempted",
                "00-bad-magic", "not attempted"), CLASS.statusWords().get("carol"));
    }

    @Test void exercisesBySolveRate() {
        Table t = CLASS.solveRates();
        assertEquals(List.of("00-free-flash", "00-smallest-partition", "00-bad-magic"),
                t.stringColumn("exercise").asList());
        assertEquals(List.of(2, 1, 0), t.intColumn("solved").asList());
        assertEquals(List.of(0, 1, 0), t.intColumn("wrong").asList());
        assertEquals(List.of(1, 1, 2), t.intColumn("not attempted").asList());
        assertEquals(List.of(0, 0, 1), t.intColumn("error").asList());
        assertEquals(List.of(66.7, 33.3, 0.0), t.doubleColumn("solve rate %").asList());
        assertEquals(2.0 / 3, CLASS.solveRate("00-free-flash"), 1e-12);
        assertEquals(0, CLASS.solveRate("no-such-exercise"));
    }

    @Test void studentsByProgress() {
        Table t = CLASS.progress();
        assertEquals(List.of("bob", "alice", "carol"), t.stringColumn("student").asList());
        assertEquals(List.of(2, 1, 0), t.intColumn("solved").asList());
        assertEquals(List.of(0, 1, 3), t.intColumn("not attempted").asList());
        assertEquals(3, CLASS.countOfStudent("carol", Status.NOT_ATTEMPTED));
        assertEquals(2, CLASS.countOfExercise("00-bad-magic", Status.NOT_ATTEMPTED));
    }

    @Test void messagesAreTheGradesThatSaySomething() {
        Table t = CLASS.messages();
        assertEquals(5, t.rowCount());
        assertEquals("CompileError: cannot find symbol symbol: x", t.stringColumn("message").get(1));
    }

    @Test void csvRoundTripsQuotesCommasAndLineBreaks() {
        String csv = CLASS.csv();
        assertTrue(csv.startsWith("student,exercise,status,message\nalice,00-free-flash,solved,\n"
                + "alice,00-smallest-partition,wrong,\"the one with the fewest bytes, \"\"nvs\"\"?\"\n"), csv);
        assertEquals(10, csv.lines().count());
        assertEquals(CLASS, Gradebook.parseCsv(csv));
        assertEquals(CLASS, Gradebook.parseCsv(csv.replace("\n", "\r\n")));
        assertEquals(new Grade("a", "b", Status.WRONG, "x y"),
                Gradebook.parseCsv(Gradebook.CSV_HEADER + "\na,b,wrong,\"x\ny\"\n").grades().get(0));
    }

    @Test void csvErrorsNameTheRecord() {
        var e = assertThrows(IllegalArgumentException.class, () -> Gradebook.parseCsv("a,b\n"));
        assertEquals("not a grades CSV: the first line must be student,exercise,status,message", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gradebook.parseCsv(Gradebook.CSV_HEADER + "\na,b,done,\n"));
        assertEquals("grades CSV record 2: unknown status 'done' (solved, wrong, not attempted, error)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gradebook.parseCsv(Gradebook.CSV_HEADER + "\na,b\n"));
        assertEquals("grades CSV record 2: 2 fields, not 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gradebook.parseCsv(Gradebook.CSV_HEADER + "\na,\"b\n"));
        assertEquals("grades CSV: a quoted field is not closed", e.getMessage());
    }
}
