package esp32ota.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * JShell's execution engine, run inside the kernel's own JVM (JShell's default is a second JVM driven over JDI, from
 * where {@code display(...)} could not reach the kernel). Each snippet runs on a thread of its own, started for it and
 * ended with it, so that {@link #stop()} can interrupt it, and the snippet's real value is kept: JShell itself only
 * reports a string.
 *
 * <p>A stop first interrupts the snippet's thread (a sleeping or waiting cell ends at once). A cell that ignores
 * interrupts, such as {@code while (true) {}}, is stopped with {@link Thread#stop()} half a second later, as JShell's
 * own LocalExecutionControl does: crude, but a runaway loop would otherwise spin until the kernel restarts. Since that
 * thread never runs anything but the stopped snippet, and {@link #invoke} returns only once it has ended (or has been
 * given up on after the stop), a late {@code Thread.stop} can never reach the next cell.
 */
final class InProcessControl extends DirectExecutionControl {
    static final long GRACE_MILLIS = 500;

    private volatile FutureTask<Object> running;
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
        var task = new FutureTask<Object>(() -> doitMethod.invoke(null));
        var thread = new Thread(task, "cell");
        thread.setDaemon(true);
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        running = task;
        thread.start();
        try {
            Object value = task.get();
            lastValue = value;
            return valueString(value);
        } catch (CancellationException e) {
            endStopped(thread);
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

    /** After a stop: the grace period for the interrupt, then Thread.stop, then a last wait for the thread to end. */
    private static void endStopped(Thread thread) throws InterruptedException {
        thread.join(GRACE_MILLIS);
        if (!thread.isAlive()) return;
        forceStop(thread);
        thread.join(GRACE_MILLIS);
    }

    @Override public void stop() {
        FutureTask<Object> task = running;
        if (task == null || task.isDone()) return;
        stopped = true;
        task.cancel(true);   // interrupts the snippet's thread; invoke() then ends it
    }

    @SuppressWarnings({"deprecation", "removal"})   // Thread.stop: still works on Java 17, and nothing else can
    private static void forceStop(Thread thread) { thread.stop(); }
}
