package esp32ota.grade;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A class's grades, one {@link Grade} per student and exercise, with the views a teacher reads: the class as a table
 * (students × exercises), exercises by solve rate, students by progress, and the CSV {@code ./kit grade --csv}
 * writes and {@link #readCsv} reads back:
 * <pre>
 * student,exercise,status,message
 * alice,00-free-flash,solved,
 * alice,00-smallest-partition,wrong,"the smallest is the one with the fewest bytes (your answer: ""ota_0"")"
 * </pre>
 * Students and exercises keep the order of their first grade.
 */
public record Gradebook(List<Grade> grades) {
    public static final String CSV_HEADER = "student,exercise,status,message";

    public Gradebook { grades = List.copyOf(grades); }

    public List<String> students() {
        return List.copyOf(new LinkedHashSet<>(grades.stream().map(Grade::student).toList()));
    }

    public List<String> exercises() {
        return List.copyOf(new LinkedHashSet<>(grades.stream().map(Grade::exercise).toList()));
    }

    public Optional<Grade> grade(String student, String exercise) {
        return grades.stream().filter(g -> g.student().equals(student) && g.exercise().equals(exercise)).findFirst();
    }

    /** How many of a student's exercises have a status. */
    public int countOfStudent(String student, Status status) {
        return (int) grades.stream().filter(g -> g.status() == status && g.student().equals(student)).count();
    }

    /** How many students have a status on an exercise. */
    public int countOfExercise(String exercise, Status status) {
        return (int) grades.stream().filter(g -> g.status() == status && g.exercise().equals(exercise)).count();
    }

    /** The share of students who solved an exercise, 0 to 1. */
    public double solveRate(String exercise) {
        long all = grades.stream().filter(g -> g.exercise().equals(exercise)).count();
        return all == 0 ? 0 : (double) countOfExercise(exercise, Status.SOLVED) / all;
    }

    /** The class: one row per student, one column per exercise (its status word), then how many are solved. */
    public Table table() {
        List<String> students = students();
        Table t = Table.create("grades", StringColumn.create("student", students));
        for (String e : exercises()) {
            t.addColumns(StringColumn.create(e, students.stream()
                    .map(s -> grade(s, e).map(g -> g.status().word()).orElse("")).toList()));
        }
        t.addColumns(IntColumn.create("solved", students.stream().mapToInt(s -> countOfStudent(s, Status.SOLVED)).toArray()));
        return t;
    }

    /** Exercises, best solved first: how many students solved, got wrong, did not attempt, hit an error. */
    public Table solveRates() {
        List<String> exercises = exercises().stream()
                .sorted(Comparator.comparingDouble(this::solveRate).reversed()).toList();
        Table t = Table.create("exercises by solve rate", StringColumn.create("exercise", exercises));
        for (Status s : Status.values()) {
            t.addColumns(IntColumn.create(s.word(), exercises.stream().mapToInt(e -> countOfExercise(e, s)).toArray()));
        }
        t.addColumns(DoubleColumn.create("solve rate %", exercises.stream()
                .mapToDouble(e -> Math.round(solveRate(e) * 1000) / 10.0).toArray()));
        return t;
    }

    /** Students, most solved first: how many exercises each solved, got wrong, did not attempt, hit an error. */
    public Table progress() {
        List<String> students = students().stream()
                .sorted(Comparator.comparingInt((String s) -> countOfStudent(s, Status.SOLVED)).reversed()).toList();
        Table t = Table.create("students by progress", StringColumn.create("student", students));
        for (Status s : Status.values()) {
            t.addColumns(IntColumn.create(s.word(), students.stream().mapToInt(x -> countOfStudent(x, s)).toArray()));
        }
        return t;
    }

    /** Every grade with a message that says more (wrong: the hint; error: the error line), by student. */
    public Table messages() {
        List<Grade> said = grades.stream().filter(g -> !g.message().isEmpty()).toList();
        return Table.create("messages", StringColumn.create("student", said.stream().map(Grade::student).toList()),
                StringColumn.create("exercise", said.stream().map(Grade::exercise).toList()),
                StringColumn.create("status", said.stream().map(g -> g.status().word()).toList()),
                StringColumn.create("message", said.stream().map(Grade::message).toList()));
    }

    /** The grades as CSV (RFC 4180: a field with a comma, quote or line break is quoted), header first. */
    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Grade g : grades) {
            sb.append(field(g.student())).append(',').append(field(g.exercise())).append(',')
                    .append(field(g.status().word())).append(',').append(field(g.message())).append('\n');
        }
        return sb.toString();
    }

    public static Gradebook readCsv(Path file) throws IOException {
        return parseCsv(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The grades in CSV text as {@link #csv()} writes it; IllegalArgumentException naming the line for anything else. */
    public static Gradebook parseCsv(String text) {
        List<List<String>> rows = records(text);
        if (rows.isEmpty() || !String.join(",", rows.get(0)).equals(CSV_HEADER)) {
            throw new IllegalArgumentException("not a grades CSV: the first line must be " + CSV_HEADER);
        }
        List<Grade> grades = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() != 4) throw new IllegalArgumentException("grades CSV record %d: %d fields, not 4".formatted(i + 1, r.size()));
            try {
                grades.add(new Grade(r.get(0), r.get(1), Status.ofWord(r.get(2)), r.get(3)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("grades CSV record %d: %s".formatted(i + 1, e.getMessage()));
            }
        }
        return new Gradebook(grades);
    }

    /** The grades by student, for tests and JSON: student → exercise → status word. */
    public Map<String, Map<String, String>> statusWords() {
        Map<String, Map<String, String>> m = new TreeMap<>();
        for (Grade g : grades) m.computeIfAbsent(g.student(), k -> new TreeMap<>()).put(g.exercise(), g.status().word());
        return m;
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** RFC 4180 records; blank lines are skipped. */
    private static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') quoted = false;
                else f.append(c);
            } else if (c == '"') { quoted = true; any = true; }
            else if (c == ',') { row.add(f.toString()); f.setLength(0); any = true; }
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (any || f.length() > 0) { row.add(f.toString()); rows.add(row); }
                row = new ArrayList<>();
                f.setLength(0);
                any = false;
            } else { f.append(c); any = true; }
        }
        if (quoted) throw new IllegalArgumentException("grades CSV: a quoted field is not closed");
        if (any || f.length() > 0) { row.add(f.toString()); rows.add(row); }
        return rows;
    }
}
