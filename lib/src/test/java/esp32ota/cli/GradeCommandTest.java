package esp32ota.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./kit grade}: the arguments it hands the notebook runner, what it prints and writes from the runner's
 * folder, and bad input. The runner here is a stand-in shell script (KIT_PYTHON=/bin/sh) that records its arguments
 * and leaves a prepared run folder; {@code ./kit test notebooks} runs the real one on real notebooks.
 */
class GradeCommandTest {
    static final String NB = "00-start-here.ipynb";
    static final String HANDED_OUT = """
            {"cells": [
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": "long x = 0;\\n// YOUR CODE HERE"},
              {"cell_type": "code", "metadata": {"tags": ["exercise:00-x"]}, "outputs": [], "source": "check(x)"}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";

    @TempDir Path dir;
    Path kit, alice, bob;

    @BeforeEach void kitWithAStandInRunner() throws IOException {
        kit = Files.createDirectories(dir.resolve("kit"));
        Files.createDirectories(kit.resolve("notebooks"));
        Files.writeString(kit.resolve("notebooks").resolve(NB), HANDED_OUT);
        Files.writeString(kit.resolve("notebooks/01-partition-tables.ipynb"), HANDED_OUT);
        Files.writeString(kit.resolve("notebooks/teacher.ipynb"), "{}");
        Path runner = Files.createDirectories(kit.resolve("kernel/src/main/python")).resolve("grade_notebooks.py");
        // $1 OUT, $2 kernel, $3 timeout, $4 teacher dir, $5 names, then id=dir…
        Files.writeString(runner, """
                out="$1"; printf '%s\\n' "$@" > "$out/args.txt"
                mkdir -p "$out/pristine" "$out/students/alice" "$out/students/bob"
                for name in $(echo "$5" | tr , ' '); do cp "$4/$name" "$out/pristine/"; done
                sed 's/"outputs": \\[\\], "source": "check(x)"/"outputs": [{"output_type": "execute_result", "data": {"text\\/plain": "not yet: more, please (00-x)"}}], "source": "check(x)"/; s/YOUR CODE HERE/x = 1;/' \
                  "$4/00-start-here.ipynb" > "$out/students/alice/00-start-here.ipynb"
                """);
        alice = Files.createDirectories(dir.resolve("class/alice"));
        bob = Files.createDirectories(dir.resolve("class/bob"));
    }

    private KitRun grade(String... argv) {
        List<String> all = new ArrayList<>(List.of("grade"));
        all.addAll(List.of(argv));
        return KitRun.run(dir, Map.of("KIT_ROOT", kit.toString(), "KIT_PYTHON", "/bin/sh"), all);
    }

    @Test void runsTheRunnerThenGradesWhatItLeft() throws IOException {
        KitRun run = grade("--class", "class", "--notebooks", "00", "--timeout", "7", "--csv", "grades.csv");
        assertEquals(0, run.exit(), run.stderr());
        Path out = kit.resolve("target/grade");
        assertEquals(List.of(out.toString(), "esp32ota-java", "7", kit.resolve("notebooks").toString(), NB,
                "alice=" + alice, "bob=" + bob), Files.readAllLines(out.resolve("args.txt")));
        assertEquals("""
                student,exercise,status,message
                alice,00-x,wrong,"more, please"
                bob,00-x,not attempted,no 00-start-here.ipynb
                """, Files.readString(dir.resolve("grades.csv")));
        assertTrue(run.stdout().contains("alice  |          wrong  |"), run.stdout());
        assertTrue(run.stderr().contains("wrote 2 grades to"), run.stderr());
    }

    @Test void jsonAndTheDefaultNotebooksWhichAreTheNumberedOnes() throws IOException {
        KitRun run = grade(alice.toString(), "--json", "--out", dir.resolve("run").toString());
        assertEquals(0, run.exit(), run.stderr());
        List<String> args = Files.readAllLines(dir.resolve("run/args.txt"));
        assertEquals("60", args.get(2));
        assertEquals("00-start-here.ipynb,01-partition-tables.ipynb", args.get(4));   // not teacher.ipynb
        assertEquals(List.of("alice=" + alice), args.subList(5, args.size()));
    }

    @Test void gradesStatusesAsJson() {
        KitRun run = grade(alice.toString(), bob.toString(), "--json", "--notebooks", NB);
        assertEquals(0, run.exit(), run.stderr());
        JsonObject o = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals("[\"alice\",\"bob\"]", o.get("students").toString());
        assertEquals("[\"00-x\"]", o.get("exercises").toString());
        JsonObject first = o.getAsJsonArray("grades").get(0).getAsJsonObject();
        assertEquals("wrong", first.get("status").getAsString());
        assertEquals("more, please", first.get("message").getAsString());
    }

    @Test void badInputIsOneLineAndExitTwo() throws IOException {
        Files.writeString(dir.resolve("class/notes.txt"), "x");
        Files.createDirectories(dir.resolve("other/alice"));
        Map<List<String>, String> cases = Map.of(
                List.of(), "no students: give their folders (./kit grade DIR…) or --class DIR",
                List.of("nobody"), "no such student folder: " + dir.resolve("nobody"),
                List.of("--class", "class/notes.txt"), "no such --class folder: " + dir.resolve("class/notes.txt"),
                List.of("class/alice", "other/alice"), "two students named 'alice' (" + alice + " and "
                        + dir.resolve("other/alice") + "): the id is the folder's name",
                List.of("class/alice", "--notebooks", "07"), "--notebooks: no notebook '07' (the kit's: 00, 01)",
                List.of("class/alice", "--timeout", "0"), "--timeout: at least 1 second",
                List.of("class/alice", "--out", "class/alice/run"), "--out " + alice.resolve("run") + " is inside the student "
                        + "folder " + alice + "; grading writes nothing there",
                List.of("class/alice", "--csv", "class/alice/00-start-here.ipynb"), "--csv "
                        + alice.resolve(NB) + " is inside the student folder " + alice
                        + "; grading writes nothing there");
        for (var c : cases.entrySet()) {
            KitRun run = grade(c.getKey().toArray(String[]::new));
            assertEquals(2, run.exit(), c.getKey() + ": " + run.stderr());
            assertEquals(c.getValue() + "\n", run.stderr(), c.getKey().toString());
        }
        assertFalse(Files.exists(kit.resolve("target")), "nothing written before the input is checked");
        KitRun noKit = KitRun.run(dir, Map.of(), List.of("grade", "class/alice"));
        assertEquals(2, noKit.exit());
        assertEquals("grade needs the kit's checkout: run it as ./kit grade (KIT_ROOT is not set)\n", noKit.stderr());
    }
}
