package esp32ota.notebook;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.FieldSpan;
import esp32ota.bytes.HexDump;
import esp32ota.bytes.DecodeException;
import esp32ota.partition.PartitionTable;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The extension against jjava-jupyter's API: a kernel built on JJava's {@link BaseKernel} whose cells run in an
 * in-process JShell, as JJava's do, finds the extension through {@code ServiceLoader} at start ({@code onStartup}).
 */
class JJavaExtensionTest {
    static JShellKernel kernel;

    @BeforeAll static void start() {
        kernel = new JShellKernel();
        // As JJava's own start-up extension does; then the cells' assertions off, whatever -ea the tests run with.
        kernel.evalRaw("import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;\n"
                + "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");
        kernel.evalRaw("new Object() {}.getClass().getClassLoader().clearAssertionStatus();");
        kernel.evalRaw("assert false;");                                    // no error: assertions are off …
        kernel.onStartup();                                                 // … until the extension is installed
    }

    @AfterAll static void stop() {
        kernel.onShutdown(false);
        kernel.shell.close();
    }

    @Test void theExtensionRanTheKitsSetupAsNotebookCode() {
        assertTrue(kernel.evaluated.contains(String.join("\n", JJavaExtension.SETUP)), kernel.evaluated.toString());
        assertTrue(JJavaExtension.SETUP.containsAll(StartupImports.lines()));
    }

    @Test void cellsSeeTheKitsImports() {
        assertEquals("42064", kernel.evalRaw("Bytes.fromHex(\"50a4\").u16le(0)"));  // esp32ota.bytes
        assertEquals("\"esp32ota.partition.PartitionTable\"", kernel.evalRaw("PartitionTable.class.getName()"));
        assertEquals("true", kernel.evalRaw("Files.exists(Path.of(\"/\"))"));         // java.nio.file
    }

    @Test void assertionsAreOnForLaterCells() {
        var e = assertThrows(EvalException.class, () -> kernel.evalRaw("assert 1 + 1 == 3 : \"sum\";"));
        assertEquals("java.lang.AssertionError", e.getExceptionClassName());
        assertEquals("sum", e.getMessage());
    }

    @Test void aFailingCellHandsJJavaTheExceptionItThrewNotJJavasWrapper() {
        var thrown = assertThrows(DecodeException.class, () -> PartitionTable.decode(Bytes.of(0xAA, 0x00), 0x8000));
        var e = assertThrows(EvalException.class, () -> kernel.evalRaw("PartitionTable.decode(Bytes.of(0xAA, 0x00), 0x8000)"));
        assertEquals(DecodeException.class.getName(), e.getExceptionClassName());
        assertEquals(thrown.getMessage(), e.getMessage());
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().equals(PartitionTable.class.getName())),
                Arrays.toString(e.getStackTrace()));                     // the cell's frames, not the kernel's
        assertEquals("2", kernel.evalRaw("1 + 1"));                         // and the next cell runs as before
    }

    @Test void aKernelWithoutJShellIsLeftAsItIs() {
        assertFalse(JJavaExceptions.passThrough(new NoShellKernel()));
    }

    @Test void displayIsTheKitsNotJJavas() {
        // JJava's display(x) returns its display id (printed when a cell ends with it); the kit's returns nothing.
        assertEquals("String", kernel.typeOf("BaseNotebookStatics.display(1)"));
        var e = assertThrows(IllegalStateException.class, () -> kernel.evalRaw("String id = display(1);"));
        assertTrue(e.getMessage().contains("void cannot be converted to java.lang.String"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> kernel.evalRaw("String id = display(1, \"progress\");"));
        assertTrue(e.getMessage().contains("void cannot be converted to java.lang.String"), e.getMessage());
    }

    @Test void chartsTablesHexDumpsAndRecordsRenderAsInTheKitsKernel() {
        var chart = new XYChartBuilder().width(200).height(100).title("t").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        var table = Table.create("parts", IntColumn.create("n", 1, 2));
        var dump = HexDump.of(Bytes.of(0xAA, 0x50), 0x8000);
        var span = new FieldSpan("PartitionEntry", "offset", 0x8004, 4);
        for (Object value : List.of(chart, table, dump, span, List.of(span, span))) {
            DisplayData shown = kernel.getRenderer().render(value);
            var expected = MimeBundle.of(value);
            for (String type : expected.keySet()) {
                assertEquals(expected.get(type), shown.getData(MIMEType.parse(type)), value.getClass() + " " + type);
            }
        }
        assertNotNull(MimeBundle.of(chart).get(MimeBundle.PNG));
        assertNotNull(MimeBundle.of(List.of(span, span)).get(MimeBundle.HTML));
    }

    @Test void aDisplayIdIsTheOneJJavasUpdateDisplayReplaces() {
        DisplayData shown = JJavaNotebook.render(kernel.getRenderer(), List.of(1, 2), "scan");
        assertEquals("scan", shown.getDisplayId());
        assertEquals("[1, 2]", shown.getData(MIMEType.TEXT_PLAIN));
        assertThrows(IllegalArgumentException.class, () -> JJavaNotebook.render(kernel.getRenderer(), 1, " "));
    }

    @Test void otherListsKeepTheirText() {
        DisplayData shown = kernel.getRenderer().render(List.of(1, 2));
        assertEquals("[1, 2]", shown.getData(MIMEType.TEXT_PLAIN));
        assertNull(shown.getData(MIMEType.TEXT_HTML));
        shown = kernel.getRenderer().render(List.of(AppSlot.ota(0), AppSlot.ota(1)));      // a record's own words
        assertEquals("[ota_0, ota_1]", shown.getData(MIMEType.TEXT_PLAIN));
        assertNull(shown.getData(MIMEType.TEXT_HTML));
    }

    /** A BaseKernel without a JShell, as IJava-like kernels other than JJava's. */
    static final class NoShellKernel extends BaseKernel {
        NoShellKernel() {
            super("none", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                    new Renderer(), null, new MagicsRegistry(), true, new StringStyler("", "", "", i -> ""));
        }

        @Override public Object evalRaw(String code) { throw new UnsupportedOperationException(code); }

        @Override public DisplayData inspect(String code, int at, boolean extraDetail) { return null; }

        @Override public ReplacementOptions complete(String code, int at) { return null; }

        @Override public String isComplete(String code) { return IS_COMPLETE_YES; }
    }

    /**
     * JJava's BaseKernel (1.0-a6's constructor) with an in-process JShell, as JJava's JavaKernel; evalRaw gives the
     * last value as text and fails as JJava's CodeEvaluator does.
     */
    static final class JShellKernel extends BaseKernel {
        final JShell shell = JShell.builder().executionEngine("local").build();
        final List<String> evaluated = new ArrayList<>();

        JShellKernel() {
            super("test", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                    new Renderer(), null, new MagicsRegistry(), true, new StringStyler("", "", "", i -> ""));
            shell.addToClasspath(System.getProperty("java.class.path"));
        }

        @Override public Object evalRaw(String code) {
            evaluated.add(code);
            String value = null;
            String rest = code;
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                rest = info.remaining();
                for (SnippetEvent e : shell.eval(info.source())) {     // JShell's listeners have seen the events
                    if (e.causeSnippet() != null) continue;
                    // As JJava 1.0-a6/a7's CodeEvaluator.evalSingle: every exception wrapped.
                    if (e.exception() instanceof EvalException ee) {
                        throw new RuntimeException(ee.getExceptionClassName() + ", " + ee.getMessage(), ee);
                    }
                    if (e.exception() != null) throw new RuntimeException(e.exception());
                    if (e.status() == Snippet.Status.REJECTED) {
                        throw new IllegalStateException("rejected: " + e.snippet().source() + shell.diagnostics(e.snippet())
                                .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ", " (", ")")));
                    }
                    value = e.value();
                }
            }
            return value;
        }

        /** As JJava's JavaKernel. */
        public JShell getJShell() { return shell; }

        String typeOf(String expression) { return shell.sourceCodeAnalysis().analyzeType(expression, expression.length()); }

        @Override public DisplayData inspect(String code, int at, boolean extraDetail) { return null; }

        @Override public ReplacementOptions complete(String code, int at) { return null; }

        @Override public String isComplete(String code) { return IS_COMPLETE_YES; }
    }
}
