package esp32ota.grade;

import esp32ota.grade.NotebookCells.Cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grades one student's executed copy of one notebook against the notebook as handed out (the student version,
 * {@code student_notebook.py}). Every exercise of the handed-out notebook gets one {@link Grade}:
 * <table>
 * <caption>How a status is decided, first match wins</caption>
 * <tr><th>status</th><th>when</th></tr>
 * <tr><td>not attempted</td><td>the notebook is missing</td></tr>
 * <tr><td>error</td><td>the check cell (tagged {@code exercise:ID}) was deleted or changed</td></tr>
 * <tr><td>solved</td><td>the check cell showed {@code ✔ solved (ID)}</td></tr>
 * <tr><td>not attempted</td><td>the answer is as handed out: the code cells just before the check cell, from the
 *     one with the {@code // YOUR CODE HERE} placeholder on, are the handed-out ones, unchanged (a cell added there
 *     counts as an attempt)</td></tr>
 * <tr><td>error</td><td>a code cell since the previous check cell, or the check cell, raised (not counting cells
 *     tagged {@code raises-exception}), or timed out</td></tr>
 * <tr><td>wrong</td><td>the check cell showed {@code not yet: HINT (ID)}; the hint is the message</td></tr>
 * <tr><td>error</td><td>the check cell showed nothing: not run, because an earlier cell timed out or the kernel
 *     died</td></tr>
 * </table>
 */
public final class Grader {
    /** What student_notebook.py leaves where the solution was. */
    static final String PLACEHOLDER = "// YOUR CODE HERE";

    private Grader() {}

    /**
     * The grades of one notebook: {@code handedOut} is its student version, {@code executed} the student's copy after
     * running it (empty: the student has no such notebook), {@code notebook} its file name for messages.
     */
    public static List<Grade> grade(String student, String notebook, NotebookCells handedOut,
                                    Optional<NotebookCells> executed) {
        List<Grade> grades = new ArrayList<>();
        List<Cell> given = handedOut.cells();
        for (int i = 0; i < given.size(); i++) {
            Optional<String> id = given.get(i).exercise();
            if (id.isEmpty()) continue;
            if (executed.isEmpty()) {
                grades.add(new Grade(student, id.get(), Status.NOT_ATTEMPTED, "no " + notebook));
                continue;
            }
            grades.add(grade(student, id.get(), answer(given, i), given.get(i), executed.get().cells()));
        }
        return grades;
    }

    private static Grade grade(String student, String id, List<Cell> givenAnswer, Cell givenCheck, List<Cell> cells) {
        int check = -1;
        for (int j = 0; j < cells.size() && check < 0; j++) {
            if (cells.get(j).exercise().filter(id::equals).isPresent()) check = j;
        }
        if (check < 0) return new Grade(student, id, Status.ERROR, "the check cell (tagged exercise:" + id + ") is gone");
        Cell checkCell = cells.get(check);
        if (!same(checkCell.source(), givenCheck.source())) {
            return new Grade(student, id, Status.ERROR, "the check cell was changed; grading needs it as handed out");
        }
        Optional<NotebookCells.ExerciseLine> outcome = checkCell.outcome(id);
        if (outcome.filter(NotebookCells.ExerciseLine::solved).isPresent()) {
            return new Grade(student, id, Status.SOLVED, "");
        }
        List<Cell> since = sincePreviousCheck(cells, check);
        if (endsWith(since, givenAnswer)) return new Grade(student, id, Status.NOT_ATTEMPTED, "");
        for (Cell c : since) {
            if (!c.failsOnPurpose() && c.error().isPresent()) return new Grade(student, id, Status.ERROR, c.error().get());
        }
        if (checkCell.error().isPresent()) return new Grade(student, id, Status.ERROR, checkCell.error().get());
        if (outcome.isPresent()) return new Grade(student, id, Status.WRONG, outcome.get().hint());
        String why = cells.subList(0, check).stream().flatMap(c -> c.error().stream())
                .filter(e -> e.startsWith("TimeoutError") || e.startsWith("DeadKernelError")).findFirst()
                .map(e -> "not run: an earlier cell stopped the notebook (" + e + ")")
                .orElse("the check cell showed no outcome");
        return new Grade(student, id, Status.ERROR, why);
    }

    /** The code cells after the previous check cell (or the notebook's start) up to the check cell at {@code check}. */
    static List<Cell> sincePreviousCheck(List<Cell> cells, int check) {
        int from = check;
        while (from > 0 && cells.get(from - 1).exercise().isEmpty()) from--;
        return cells.subList(from, check);
    }

    /**
     * The answer cells of a handed-out notebook's check cell at {@code check}: from the last cell since the previous
     * check that holds the placeholder, else the one cell before the check.
     */
    static List<Cell> answer(List<Cell> handedOut, int check) {
        List<Cell> since = sincePreviousCheck(handedOut, check);
        for (int i = since.size() - 1; i >= 0; i--) {
            if (since.get(i).source().contains(PLACEHOLDER)) return since.subList(i, since.size());
        }
        return since.isEmpty() ? since : since.subList(since.size() - 1, since.size());
    }

    private static boolean endsWith(List<Cell> cells, List<Cell> tail) {
        if (cells.size() < tail.size()) return false;
        List<Cell> end = cells.subList(cells.size() - tail.size(), cells.size());
        for (int i = 0; i < tail.size(); i++) if (!same(end.get(i).source(), tail.get(i).source())) return false;
        return true;
    }

    /** Equal but for trailing spaces and blank lines at the ends, which Jupyter may add or strip on save. */
    private static boolean same(String a, String b) {
        return a.strip().replaceAll("[ \\t]+\\R", "\n").equals(b.strip().replaceAll("[ \\t]+\\R", "\n"));
    }
}
