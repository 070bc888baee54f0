package esp32ota.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One JShell whose snippets run in this JVM ({@link InProcessControl}): evaluates cells snippet by snippet and answers
 * the front end's completion, inspection and "is this complete?" questions.
 */
final class JShellSession implements AutoCloseable {
    private final InProcessControl control = new InProcessControl();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;

    JShellSession() {
        shell = JShell.builder().executionEngine(new ExecutionControlProvider() {
            @Override public String name() { return "in-process"; }

            @Override public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) { return control; }
        }, Map.of()).build();
        analysis = shell.sourceCodeAnalysis();
    }

    /** Adds a jar or class folder for later snippets (compiler and class loader both). */
    void addToClasspath(String path) { shell.addToClasspath(path); }

    /**
     * Runs every snippet of {@code code} in order and stops at the first failure. Returns the value of the last
     * snippet when it is an expression with a non-null value.
     */
    Optional<Object> eval(String code) throws CellError {
        control.reset();
        boolean onPurpose = code.contains(StackTraces.ON_PURPOSE);
        boolean lastIsExpression = false;
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            boolean whole = !info.completeness().isComplete();     // incomplete or broken: let the compiler explain
            String source = whole ? rest : info.source();
            rest = whole ? "" : info.remaining();
            if (info.completeness() == Completeness.EMPTY) continue;
            lastIsExpression = evalSnippet(source, onPurpose);
            if (control.wasStopped()) throw interrupted();
        }
        return lastIsExpression ? Optional.ofNullable(control.lastValue()) : Optional.empty();
    }

    private boolean evalSnippet(String source, boolean onPurpose) throws CellError {
        boolean expression = false;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) continue;           // an update of an older snippet, not this one
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) throw compileError(snippet);
            if (event.exception() != null) {
                if (control.wasStopped()) throw interrupted();
                throw runtimeError(event.exception(), onPurpose);
            }
            expression = snippet.kind() == Snippet.Kind.EXPRESSION
                    || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        }
        return expression;
    }

    /** Stops the running snippet (Jupyter's interrupt). */
    void interrupt() { shell.stop(); }

    /**
     * Jupyter's is_complete: {@code "complete"}, {@code "invalid"} (a snippet that cannot parse), or the indent to
     * continue with when more input is needed.
     */
    String isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE: return "    ";
                case UNKNOWN: return "invalid";
                case EMPTY: return "complete";
                default:
                    if (!SyntaxCheck.parses(info.source())) return "invalid";
                    rest = info.remaining();
            }
        }
        return "complete";
    }

    /** Completions at {@code cursor}: the replacements and the range they replace. */
    Completions complete(String code, int cursor) {
        int start = snippetStart(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
        var matches = new LinkedHashSet<String>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(List.copyOf(matches), start + anchor[0], cursor);
    }

    /** Replacements for {@code code[from, to)}. */
    record Completions(List<String> matches, int from, int to) {}

    /** Signatures and Javadoc of what the cursor is on (several for overloaded methods). */
    List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        int start = snippetStart(code, cursor);
        return analysis.documentation(code.substring(start, cursor), cursor - start, true);
    }

    /** The static type of the expression ending at {@code cursor}, if it compiles. */
    Optional<String> typeAt(String code, int cursor) {
        int start = snippetStart(code, cursor);
        return Optional.ofNullable(analysis.analyzeType(code.substring(start, cursor), cursor - start));
    }

    /** Where the snippet holding {@code cursor} begins: complete snippets before it are skipped. */
    private int snippetStart(String code, int cursor) {
        int start = 0;
        while (start < cursor) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code.substring(start, cursor));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) break;
            start = cursor - info.remaining().length();
        }
        return start;
    }

    private CellError compileError(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        String first = null;
        String source = snippet.source();
        for (Diag d : (Iterable<Diag>) shell.diagnostics(snippet)::iterator) {
            String message = d.getMessage(Locale.ROOT);
            if (first == null) first = message.lines().findFirst().orElse(message);
            lines.add((d.isError() ? "error: " : "warning: ") + message);
            lines.addAll(pointAt(source, (int) d.getStartPosition(), (int) d.getEndPosition()));
        }
        if (first == null) first = "the snippet was rejected: " + source.strip();
        return new CellError("CompileError", first, lines);
    }

    /** The source line holding {@code start}, and carets under {@code start} up to {@code end} (on that line). */
    static List<String> pointAt(String source, int start, int end) {
        if (start < 0 || start > source.length()) return List.of();
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) lineEnd = source.length();
        int stop = Math.min(Math.max(end, start + 1), Math.max(lineEnd, start + 1));
        return List.of("    " + source.substring(lineStart, lineEnd), "    " + " ".repeat(start - lineStart) + "^".repeat(stop - start));
    }

    /**
     * A runtime failure as the notebook shows it. A failure on purpose (the cell says what it throws, see
     * {@link StackTraces#ON_PURPOSE}) and the library's own exceptions show their message and why they fail, no
     * frames; anything else keeps the frames down to the cell, since it is a bug to find.
     */
    private CellError runtimeError(Exception e, boolean onPurpose) {
        if (e instanceof UnresolvedReferenceException u) {
            String message = "%s uses something not declared yet".formatted(u.getSnippet().source().strip().lines().findFirst().orElse(""));
            return new CellError("UnresolvedReference", message, List.of(message));
        }
        EvalException ee = (EvalException) e;
        String name = ee.getExceptionClassName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        Optional<Throwable> thrown = control.lastFailure();
        List<String> lines = thrown.filter(t -> onPurpose || StackTraces.isLibrarys(t))
                .map(StackTraces::explained).orElseGet(() -> StackTraces.forCell(ee));
        return new CellError(simple, String.valueOf(ee.getMessage()), lines);
    }

    private static CellError interrupted() {
        return new CellError("Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was stopped"));
    }

    @Override public void close() { shell.close(); }
}
