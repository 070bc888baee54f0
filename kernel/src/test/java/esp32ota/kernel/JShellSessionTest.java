package esp32ota.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** One in-process JShell for the class: evaluation, errors, completeness, completion and documentation. */
class JShellSessionTest {
    static JShellSession shell;

    @BeforeAll static void start() throws CellError {
        shell = new JShellSession();
        shell.eval(String.join("\n", StartupImports.lines()));
    }

    @AfterAll static void stop() { shell.close(); }

    @Test void lastExpressionGivesTheRealObject() throws CellError {
        Optional<Object> v = shell.eval("int a = 40;\nList.of(a, a + 2)");
        assertEquals(List.of(40, 42), v.orElseThrow());
    }

    @Test void statementsAndDeclarationsGiveNoValue() throws CellError {
        assertEquals(Optional.empty(), shell.eval("int b = 1;"));
        assertEquals(Optional.empty(), shell.eval("System.out.print(\"\");"));
        assertEquals(Optional.empty(), shell.eval("String nothing = null;\nnothing"));
    }

    @Test void libraryIsImported() throws CellError {
        assertEquals(0x50AA, shell.eval("Bytes.fromHex(\"aa50\").u16le(0)").orElseThrow());
    }

    @Test void compileErrorNamesTheProblemAndPointsAtIt() {
        var e = assertThrows(CellError.class, () -> shell.eval("int ok = 1;\nint x = \"text\";"));
        assertEquals("CompileError", e.name());
        assertEquals("incompatible types: java.lang.String cannot be converted to int", e.value());
        assertEquals(List.of("error: incompatible types: java.lang.String cannot be converted to int",
                "    int x = \"text\";", "            ^^^^^^"), e.traceback());
    }

    @Test void runtimeErrorKeepsTheExceptionsSimpleNameAndMessage() {
        var e = assertThrows(CellError.class, () -> shell.eval("PartitionTable.decode(Bytes.filled(32, 0), 0x8000)"));
        assertEquals("DecodeException", e.name());
        assertTrue(e.value().startsWith("PartitionEntry.magic at 0x008000: bad magic"), e.value());
        assertEquals(2, e.traceback().size(), e.traceback().toString());       // the library's own error: no frames
        assertTrue(e.traceback().get(0).startsWith("DecodeException: PartitionEntry.magic at 0x008000: bad magic"));
        assertTrue(e.traceback().get(1).startsWith("    why it fails: every PartitionEntry starts with a fixed magic"),
                e.traceback().get(1));
    }

    @Test void aBugKeepsItsFramesDownToTheCell() {
        var e = assertThrows(CellError.class, () -> shell.eval("int n = Integer.parseInt(\"x\");"));
        assertEquals("NumberFormatException", e.name());
        assertTrue(e.traceback().get(0).startsWith("java.lang.NumberFormatException: For input string"));
        assertTrue(e.traceback().get(e.traceback().size() - 1).matches("    at \\(#\\d+:1\\)"), e.traceback().toString());
    }

    @Test void aCellThatSaysWhatItThrowsShowsNoFrames() {
        var e = assertThrows(CellError.class,
                () -> shell.eval("int n = Integer.parseInt(\"x\");    // throws: NumberFormatException"));
        assertEquals(List.of("NumberFormatException: For input string: \"x\"",
                "    why it fails: a method was given a value it does not accept in NumberFormatException.forInputString"),
                e.traceback());
    }

    @Test void completenessOfCells() {
        assertEquals("complete", shell.isComplete("int a = 1;\nint b = 2"));
        assertEquals("    ", shell.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", shell.isComplete("int e = 1 +* 2;"));
        assertEquals("invalid", shell.isComplete("}"));
    }

    @Test void completionInTheSnippetUnderTheCursor() {
        String code = "int q = 1;\nSystem.out.printl";
        var c = shell.complete(code, code.length());
        assertEquals(List.of("println("), c.matches());
        assertEquals(code.length() - "printl".length(), c.from());
        assertEquals(code.length(), c.to());
    }

    @Test void anInterruptedSleepEndsTheCellAndItsStopNeverReachesTheNextCell() throws Exception {
        assertEquals("Interrupted", interrupted("Thread.sleep(60_000);").name());
        // Longer than the grace period before Thread.stop: a stop meant for the cell above must not end this one.
        assertEquals("done", shell.eval("Thread.sleep(" + 3 * InProcessControl.GRACE_MILLIS + ");\n\"done\"").orElseThrow());
    }

    @Test void aLoopThatIgnoresInterruptsIsStoppedBeforeTheNextCellRuns() throws Exception {
        assertEquals("Interrupted", interrupted("long spins = 0;\nwhile (true) { spins++; }").name());
        long others = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cell") && t.isAlive()).count();
        assertEquals(0, others, "the stopped cell's thread has ended");
        assertEquals(3, shell.eval("1 + 2").orElseThrow());
    }

    /** Runs {@code code} on another thread and interrupts it until it ends; the error it ended with. */
    private static CellError interrupted(String code) throws Exception {
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                shell.eval(code);
                return null;
            } catch (CellError e) {
                return e;
            }
        });
        while (!run.isDone()) {
            Thread.sleep(100);
            shell.interrupt();
        }
        return java.util.Objects.requireNonNull(run.get(), "the cell ended without an error");
    }

    @Test void documentationOfAJdkMethodHasItsSignature() {
        String code = "Math.abs(";
        var docs = shell.documentation(code, code.length());
        assertTrue(docs.stream().anyMatch(d -> d.signature().equals("int Math.abs(int a)")), docs.toString());
    }

    @Test void typeOfAnExpression() {
        assertEquals(Optional.of("PrintStream"), shell.typeAt("System.out", "System.out".length()));
    }

    @Test void syntaxCheckAcceptsEachKindOfSnippet() {
        for (String ok : List.of("import java.util.*;", "int x = 1;", "void f() {}", "class C {}", "x++;", "6 * 7",
                "for (int i = 0; i < 2; i++) {}")) {
            assertTrue(SyntaxCheck.parses(ok), ok);
        }
        assertFalse(SyntaxCheck.parses("int e = 1 +* 2;"));
        assertFalse(SyntaxCheck.parses("int 1x = 2;"));
    }
}
