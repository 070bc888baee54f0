package esp32ota.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.Method;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * JShell's execution engine, run inside the kernel's own JVM (JShell's default is a second JVM driven over JDI, from
 * where {@code display(...)} could not reach the kernel). Each snippet runs on a worker thread so that
 * {@link #stop()} can interrupt it, and the snippet's real value is kept: JShell itself only reports a string.
 *
 * <p>A loop that never checks its interrupt flag cannot be stopped by Java: its cell is reported as interrupted and
 * the next cell runs, but the old worker thread keeps spinning (it is a daemon, so it ends with the kernel).
 */
final class InProcessControl extends DirectExecutionControl {
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cell");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<Object> running;
    private volatile Object lastValue;
    private volatile boolean stopped;

    /** Forgets the previous cell's value and interrupt, before a new cell runs. */
    void reset() {
        lastValue = null;
        stopped = false;
    }

    /** The object the most recent snippet returned (null for statements and declarations). */
    Object lastValue() { return lastValue; }

    /** True when {@link #stop()} cut the current cell short. */
    boolean wasStopped() { return stopped; }

    @Override protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        ClassLoader snippetLoader = doitMethod.getDeclaringClass().getClassLoader();
        Future<Object> task = workers.submit(() -> {
            Thread.currentThread().setContextClassLoader(snippetLoader);
            return doitMethod.invoke(null);
        });
        running = task;
        try {
            Object value = task.get();
            lastValue = value;
            return valueString(value);
        } catch (CancellationException e) {
            throw new StoppedException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;  // InvocationTargetException: JShell unwraps it
            throw e;
        } finally {
            running = null;
        }
    }

    @Override public void stop() {
        Future<Object> task = running;
        if (task != null) {
            stopped = true;
            task.cancel(true);
        }
    }

    @Override public void close() {
        workers.shutdownNow();
        super.close();
    }
}
