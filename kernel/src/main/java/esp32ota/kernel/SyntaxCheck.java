package esp32ota.kernel;

import com.sun.source.util.JavacTask;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Does one snippet parse as Java? JShell's own completeness check only balances brackets ({@code 1 +* 2;} passes),
 * so is_complete asks javac's parser too. A snippet may be an import, a declaration, a statement or an expression,
 * so it is tried in each of those places inside a throw-away class; it parses if any of them does.
 */
final class SyntaxCheck {
    private static final List<String> WRAPPERS = List.of(
            "%s\nclass Wrapper$ {}",
            "class Wrapper$ {\n%s\n}",
            "class Wrapper$ { void run$() throws Throwable {\n%s\n} }",
            "class Wrapper$ { Object value$ = (\n%s\n); }");

    private SyntaxCheck() {}

    static boolean parses(String snippet) {
        String body = snippet.strip();
        String expression = body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
        for (String wrapper : WRAPPERS) {
            String source = wrapper.formatted(wrapper.contains("value$") ? expression : body);
            if (parsesWithoutErrors(source)) return true;
        }
        return false;
    }

    private static boolean parsesWithoutErrors(String source) {
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var file = new SimpleJavaFileObject(URI.create("string:///Wrapper$.java"), JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignoreEncodingErrors) { return source; }
        };
        var task = (JavacTask) ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
        try {
            task.parse();
        } catch (IOException e) {
            return false;
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
    }
}
