package esp32ota.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import esp32ota.grade.ClassRun;
import esp32ota.grade.Grade;
import esp32ota.grade.Gradebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ./kit grade DIR…}: runs each student's copies of the notebooks headless ({@code grade_notebooks.py}: a
 * fresh kernel per notebook, a time limit per cell, the student's files only read) and prints the class's grades
 * ({@link esp32ota.grade.Gradebook}); {@code --csv} writes them, {@code --json} prints them as JSON.
 */
final class GradeCommand implements Command {
    static final long DEFAULT_TIMEOUT = 60;

    @Override public String name() { return "grade"; }

    @Override public String summary() { return "run students' copies of the notebooks headless; grades per exercise"; }

    @Override public String usage() {
        return """
                usage: ./kit grade DIR… [--class DIR] [--notebooks NN,…] [--csv OUT.csv] [--json]
                                   [--timeout SECONDS] [--out DIR]

                  Each DIR is one student's folder of notebooks (their copies of NN-topic.ipynb); the student's id
                  is the folder's name. --class DIR adds every sub-folder of DIR as a student. Each notebook runs
                  in a fresh kernel, cell by cell, each cell at most --timeout seconds (default %d); the executed
                  copies go to --out (default target/grade in the kit's checkout), never to the student's folder.
                  --notebooks 00,02 grades only those notebooks (default: all of the kit's).

                  Every exercise (a cell tagged exercise:ID) gets one status per student: solved; wrong (the
                  check's hint is the message); not attempted (the answer is as handed out, or the notebook is
                  missing); error (the answer or the check raised or timed out; the error line is the message).
                  Prints the class as a table; --csv OUT.csv writes student,exercise,status,message (one line per
                  grade; notebooks/teacher.ipynb reads it); --json prints the grades as JSON instead of the table.
                  Exit status 0 when grading ran, whatever the grades; 2 for bad input.
                """.formatted(DEFAULT_TIMEOUT);
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"),
                Set.of("--class", "--notebooks", "--csv", "--timeout", "--out"));
        Path kit = kitRoot(console);
        Map<String, Path> students = students(args, console);
        List<String> notebooks = notebooks(kit.resolve("notebooks"), args.option("--notebooks").orElse(""));
        long timeout = args.number("--timeout", DEFAULT_TIMEOUT, 24 * 3600);
        if (timeout < 1) throw new CliException("--timeout: at least 1 second");
        Path out = args.option("--out").map(console::path).orElse(kit.resolve("target").resolve("grade"));
        outsideStudents(out, students, "--out");
        Path csv = args.option("--csv").map(console::path).orElse(null);
        if (csv != null) {
            OutputFile.checkWritable(csv);
            outsideStudents(csv, students, "--csv");
        }
        Files.createDirectories(out);

        List<String> command = new ArrayList<>(List.of(console.env().getOrDefault("KIT_PYTHON", "/usr/bin/python3"),
                kit.resolve("kernel/src/main/python/grade_notebooks.py").toString(), out.toString(),
                console.env().getOrDefault("KIT_KERNEL_NAME", "esp32ota-java"), Long.toString(timeout),
                kit.resolve("notebooks").toString(), String.join(",", notebooks)));
        students.forEach((id, dir) -> command.add(id + "=" + dir));
        console.err().printf("grading %d students on %d notebooks (at most %d s a cell)%n", students.size(),
                notebooks.size(), timeout);
        Process runner = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int status = runner.waitFor();
        if (status != 0) {
            console.err().println("grade_notebooks.py failed (exit status " + status + "); nothing was graded");
            return 1;
        }
        Gradebook book = ClassRun.read(out, List.copyOf(students.keySet()), notebooks);
        if (csv != null) {
            OutputFile.write(csv, book.csv().getBytes(StandardCharsets.UTF_8));
            console.err().printf("wrote %d grades to %s%n", book.grades().size(), csv);
        }
        if (args.flag("--json")) {
            console.out().print(JsonOutput.print(json(book)));
        } else {
            console.out().println(book.table().print());
            if (!book.messages().isEmpty()) console.out().println(book.messages().print());
        }
        return 0;
    }

    static JsonObject json(Gradebook book) {
        JsonObject o = new JsonObject();
        JsonArray students = new JsonArray(), exercises = new JsonArray(), grades = new JsonArray();
        book.students().forEach(students::add);
        book.exercises().forEach(exercises::add);
        for (Grade g : book.grades()) {
            JsonObject x = new JsonObject();
            x.addProperty("student", g.student());
            x.addProperty("exercise", g.exercise());
            x.addProperty("status", g.status().word());
            x.addProperty("message", g.message());
            grades.add(x);
        }
        o.add("students", students);
        o.add("exercises", exercises);
        o.add("grades", grades);
        return o;
    }

    private static Path kitRoot(Console console) {
        String root = console.env().get("KIT_ROOT");
        if (root == null || !Files.isDirectory(Path.of(root, "notebooks"))) {
            throw new CliException("grade needs the kit's checkout: run it as ./kit grade (KIT_ROOT is not set)");
        }
        return Path.of(root);
    }

    /** Student id → folder: the DIR arguments, then the sub-folders of --class, in name order. */
    static Map<String, Path> students(Args args, Console console) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (String p : args.positionals()) folders.add(folder(console.path(p), "student folder"));
        if (args.option("--class").isPresent()) {
            Path dir = folder(console.path(args.option("--class").get()), "--class folder");
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().forEach(folders::add);
            }
            if (folders.isEmpty()) throw new CliException("--class " + dir + ": no student folders in it");
        }
        if (folders.isEmpty()) throw new CliException("no students: give their folders (./kit grade DIR…) or --class DIR");
        Map<String, Path> students = new LinkedHashMap<>();
        for (Path f : folders) {
            Path abs = f.toAbsolutePath().normalize();
            String id = abs.getFileName() == null ? "" : abs.getFileName().toString();
            if (id.isEmpty() || id.contains("=") || id.contains(",")) {
                throw new CliException("cannot use " + f + " as a student folder: its name is the student's id");
            }
            Path before = students.putIfAbsent(id, abs);
            if (before != null) {
                throw new CliException("two students named '%s' (%s and %s): the id is the folder's name".formatted(
                        id, before, abs));
            }
        }
        return students;
    }

    private static Path folder(Path p, String what) {
        if (!Files.isDirectory(p)) throw new CliException("no such " + what + ": " + p);
        return p;
    }

    /** The kit's notebooks to grade: all {@code NN-*.ipynb}, or those whose numbers (or names) are listed. */
    static List<String> notebooks(Path dir, String wanted) throws IOException {
        List<String> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{2}-.*\\.ipynb")).sorted().toList();
        }
        if (wanted.isBlank()) return all;
        List<String> chosen = new ArrayList<>();
        for (String w : wanted.split(",")) {
            String key = w.strip();
            List<String> match = all.stream().filter(n -> n.equals(key) || n.startsWith(key + "-")).toList();
            if (key.isEmpty() || match.size() != 1) {
                throw new CliException("--notebooks: no notebook '%s' (the kit's: %s)".formatted(key,
                        String.join(", ", all.stream().map(n -> n.substring(0, 2)).toList())));
            }
            if (!chosen.contains(match.get(0))) chosen.add(match.get(0));
        }
        return chosen;
    }

    /** Usage error when a path the run writes is inside a student's folder: grading writes nothing there. */
    private static void outsideStudents(Path p, Map<String, Path> students, String option) {
        Path abs = p.toAbsolutePath().normalize();
        for (Path s : students.values()) {
            if (abs.startsWith(s)) throw new CliException(option + " " + p + " is inside the student folder " + s
                    + "; grading writes nothing there");
        }
    }
}
