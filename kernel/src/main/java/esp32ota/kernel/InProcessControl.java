package esp32ota.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
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
 * <p>A stop first interrupts the worker (a sleeping or waiting cell ends at once). A cell that ignores interrupts, such
 * as {@code while (true) {}}, is stopped with {@link Thread#stop()} half a second later, as JShell's own
 * LocalExecutionControl does: crude, but a runaway loop would otherwise spin until the kernel restarts.
 */
final class InProcessControl extends DirectExecutionControl {
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cell");
        t.setDaemon(true);
        return t;
    });
    static final long GRACE_MILLIS = 500;

    private volatile Future<Object> running;
    private volatile Thread worker;
    private volatile Object lastValue;
    private volatile Throwable lastFailure;
    private volatile boolean stopped;

    /** Forgets the previous cell's value and interrupt, before a new cell runs. */
    void reset() {
        lastValue = null;
        lastFailure = null;
        stopped = false;
    }

    /** The object the most recent snippet returned (null for statements and declarations). */
    Object lastValue() { return lastValue; }

    /** What the most recent snippet threw (JShell itself only reports its name, message and frames). */
    Optional<Throwable> lastFailure() { return Optional.ofNullable(lastFailure); }

    /** True when {@link #stop()} cut the current cell short. */
    boolean wasStopped() { return stopped; }

    @Override protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        ClassLoader snippetLoader = doitMethod.getDeclaringClass().getClassLoader();
        Future<Object> task = workers.submit(() -> {
            worker = Thread.currentThread();
            worker.setContextClassLoader(snippetLoader);
            try {
                return doitMethod.invoke(null);
            } finally {
                worker = null;
            }
        });
        running = task;
        try {
            Object value = task.get();
            lastValue = value;
            return valueString(value);
        } catch (CancellationException e) {
            throw new StoppedException();
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            lastFailure = thrown;
            if (e.getCause() instanceof Exception cause) throw cause;  // InvocationTargetException: JShell unwraps it
            throw e;
        } finally {
            running = null;
        }
    }

    @Override public void stop() {
        Future<Object> task = running;
        Thread thread = worker;
        if (task == null) return;
        stopped = true;
        task.cancel(true);
        if (thread == null) return;
        var enforcer = new Thread(() -> {
            try {
                thread.join(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (thread.isAlive() && worker == thread) forceStop(thread);
        }, "cell-stop");
        enforcer.setDaemon(true);
        enforcer.start();
    }

    @SuppressWarnings({"deprecation", "removal"})   // Thread.stop: still works on Java 17, and nothing else can
    private static void forceStop(Thread thread) { thread.stop(); }

    @Override public void close() {
        workers.shutdownNow();
        super.close();
    }
}
