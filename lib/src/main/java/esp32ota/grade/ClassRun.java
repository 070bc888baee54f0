package esp32ota.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folder a grading run leaves ({@code grade_notebooks.py}, run by {@code ./kit grade}), read back into a
 * {@link Gradebook}:
 * <pre>
 * RUN/pristine/NB.ipynb                  each notebook as handed out (its student version)
 * RUN/students/STUDENT/NB.ipynb          the student's copy, executed
 * RUN/students/STUDENT/NB.ipynb.error    instead: why the student's file could not be run (not a notebook)
 * </pre>
 * A student with neither file for a notebook does not have it: its exercises are not attempted.
 */
public final class ClassRun {
    private ClassRun() {}

    /** The grades of the students (folder names under RUN/students) on the notebooks (file names), in that order. */
    public static Gradebook read(Path run, List<String> students, List<String> notebooks) throws IOException {
        List<Grade> grades = new ArrayList<>();
        for (String student : students) {
            for (String notebook : notebooks) {
                NotebookCells handedOut = NotebookCells.read(run.resolve("pristine").resolve(notebook));
                Path executed = run.resolve("students").resolve(student).resolve(notebook);
                Path error = executed.resolveSibling(notebook + ".error");
                if (Files.isRegularFile(error)) {
                    String why = Files.readString(error, StandardCharsets.UTF_8).strip();
                    for (Grade g : Grader.grade(student, notebook, handedOut, Optional.empty())) {
                        grades.add(new Grade(student, g.exercise(), Status.ERROR, why));
                    }
                } else if (Files.isRegularFile(executed)) {
                    NotebookCells cells;
                    try {
                        cells = NotebookCells.read(executed);
                    } catch (IllegalArgumentException e) {
                        cells = new NotebookCells(List.of());       // every check cell is then "gone": an error each
                    }
                    grades.addAll(Grader.grade(student, notebook, handedOut, Optional.of(cells)));
                } else {
                    grades.addAll(Grader.grade(student, notebook, handedOut, Optional.empty()));
                }
            }
        }
        return new Gradebook(grades);
    }
}
