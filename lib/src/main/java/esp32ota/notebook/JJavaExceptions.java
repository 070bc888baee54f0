package esp32ota.notebook;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.SnippetEvent;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.Set;

/**
 * A cell's exception in JJava as the exception the cell threw, {@code esp32ota.bytes.DecodeException: Md5Row.digest
 * at 0x0080D0: bad checksum …}, not JJava's wrapper {@code java.lang.RuntimeException:
 * esp32ota.bytes.DecodeException, Md5Row.digest …} over its own frames.
 * <p>
 * JJava 1.0-a6/a7's {@code CodeEvaluator.evalSingle} (jjava-kernel, {@code org.dflib.jjava.kernel.execution}) wraps
 * the {@link EvalException} of every failed cell in a {@code RuntimeException}, so {@code JavaKernel.formatError},
 * which formats an {@code EvalException} under the name of the class the cell threw, never sees one. JShell tells its
 * snippet listeners about the failed snippet before {@code evalSingle} reads the events, so a listener that throws the
 * {@code EvalException} on hands it to {@code handleExecuteRequest} unwrapped: the notebook shows the thrown class's
 * name and message and the cell's frames. The error message's {@code ename} stays {@code EvalException}, JShell's
 * carrier of a cell's exception (JJava names the thrown object's class, and the original object does not leave
 * JShell's execution engine). JJava's own timeout and interrupt exceptions are left to JJava.
 */
final class JJavaExceptions {
    /** The class names JJava's execution control gives a timed-out or interrupted cell (JJavaExecutionControl). */
    static final Set<String> JJAVAS_OWN = Set.of("Execution Timeout", "Execution Interrupted");

    private JJavaExceptions() {}

    /**
     * Listens to the JShell of JJava's kernel ({@code JavaKernel.getJShell()}, in 1.0-a6 and 1.0-a7); false, and
     * nothing changed, for a kernel without one.
     */
    static boolean passThrough(BaseKernel kernel) {
        Object shell;
        try {
            shell = kernel.getClass().getMethod("getJShell").invoke(kernel);
        } catch (ReflectiveOperationException e) {
            return false;
        }
        if (!(shell instanceof JShell jshell)) return false;
        jshell.onSnippetEvent(JJavaExceptions::rethrow);
        return true;
    }

    /** Throws the exception of the snippet a cell ran (not of the snippets it updated), unless it is JJava's own. */
    static void rethrow(SnippetEvent event) {
        JShellException thrown = event.exception();
        if (thrown == null || event.causeSnippet() != null) return;
        if (thrown instanceof EvalException e && JJAVAS_OWN.contains(e.getExceptionClassName())) return;
        throw JJavaExceptions.<RuntimeException>unchecked(thrown);
    }

    /** A checked exception through a listener that may throw only unchecked ones (the caller declares Exception). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchecked(Throwable t) throws T { throw (T) t; }
}
