package esp32ota.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.channels.StdinChannel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;

import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The reply environment every request gets, fixing two races in basekernel 2.3.0's own:
 * <ul>
 * <li><b>Displays from other threads.</b> basekernel's {@code defer()} is one unguarded flag that the next
 *     {@code publish} or {@code reply} consumes, whichever thread calls it. A cell runs on its own thread and a live
 *     view ({@code LiveDisplay}, an OTA's progress) may publish from a thread of its own, so a display landing between
 *     the shell thread's {@code defer()} and its {@code reply(…)} was deferred in the reply's place and the reply went out
 *     early. Here a deferral belongs to the thread that asked for it, and every method is synchronized.</li>
 * <li><b>Idle after the reply.</b> basekernel sends a request's reply and only then its {@code idle} status. A client
 *     that has the reply goes on to its next request, and under load the previous request's late {@code idle} reaches
 *     it first, read as the new request's status ({@code 'idle' != 'busy'} in jupyter_kernel_test's
 *     {@code test_display_data}, right after {@code test_completion}). Here deferred IOPub messages (the idle
 *     status) go out before deferred replies, so a request's idle is already on its way when the client gets the
 *     reply.</li>
 * </ul>
 */
final class ReplyOrder extends ShellReplyEnvironment {
    /** Where messages go; the test records them instead. */
    interface Wire {
        void send(boolean isReply, Message<?> message);
    }

    private final Wire wire;
    private final Deque<Runnable> deferredPublishes = new ArrayDeque<>();
    private final Deque<Runnable> deferredOthers = new ArrayDeque<>();
    private Thread deferring;

    ReplyOrder(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext context, Wire wire) {
        super(shell, stdin, iopub, context);
        this.wire = wire;
    }

    /** A connection whose requests get a {@link ReplyOrder}. */
    static JupyterConnection connection(KernelConnectionProperties properties) throws GeneralSecurityException {
        return new JupyterConnection(properties) {
            @Override public ShellReplyEnvironment prepareReplyEnv(ShellChannel channel, MessageContext context) {
                return new ReplyOrder(channel, stdin, iopub, context,
                        (isReply, m) -> (isReply ? (JupyterSocket) channel : iopub).sendMessage(m));
            }
        };
    }

    @Override public synchronized void publish(Message<?> message) {
        if (takeDeferral()) deferredPublishes.push(() -> wire.send(false, message));
        else wire.send(false, message);
    }

    @Override public synchronized void reply(Message<?> message) {
        if (takeDeferral()) deferredOthers.push(() -> wire.send(true, message));
        else wire.send(true, message);
    }

    @Override public synchronized ShellReplyEnvironment defer() {
        deferring = Thread.currentThread();
        return this;
    }

    @Override public synchronized void defer(Runnable action) { deferredOthers.push(action); }

    @Override public synchronized void setBusyDeferIdle() {
        setStatusBusy();
        defer();
        setStatusIdle();
    }

    /**
     * Deferred publishes first (last deferred first, as basekernel does), then replies and other actions. A deferral
     * asked for and not used (a handler that failed half-way) is dropped rather than thrown, so the idle still goes out.
     */
    @Override public synchronized void resolveDeferrals() {
        deferring = null;
        while (!deferredPublishes.isEmpty()) deferredPublishes.pop().run();
        while (!deferredOthers.isEmpty()) deferredOthers.pop().run();
    }

    /** True, once, when the calling thread asked for the next message to be deferred. */
    private boolean takeDeferral() {
        if (deferring != Thread.currentThread()) return false;
        deferring = null;
        return true;
    }
}
