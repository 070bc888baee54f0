package esp32ota.kernel;

import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.reply.CompleteReply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order a request's messages leave in, and displays from other threads while the shell thread defers. */
class ReplyOrderTest {
    private final List<String> sent = new ArrayList<>();
    private final MessageContext request = new Message<>(new Header<>(MessageType.COMPLETE_REQUEST), null);
    private final ReplyOrder env = new ReplyOrder(null, null, null, request, (isReply, m) -> sent.add(describe(isReply, m)));

    private static String describe(boolean isReply, Message<?> m) {
        Object c = m.getContent();
        if (c instanceof PublishStatus) return "iopub " + (c == PublishStatus.BUSY ? "busy" : c == PublishStatus.IDLE ? "idle" : "?");
        if (c instanceof PublishStream s) return "iopub stream " + s.getText();
        return (isReply ? "shell " : "iopub ") + m.getHeader().getType().getName();
    }

    private static CompleteReply completion() { return new CompleteReply(List.of("x"), 0, 1, null); }

    @Test void theIdleStatusLeavesBeforeTheReply() {
        env.setBusyDeferIdle();
        env.defer().reply(completion());
        assertEquals(List.of("iopub busy"), sent);
        env.resolveDeferrals();
        assertEquals(List.of("iopub busy", "iopub idle", "shell complete_reply"), sent);
    }

    @Test void aDisplayFromAnotherThreadIsNotDeferredInTheReplysPlace() throws InterruptedException {
        env.setBusyDeferIdle();
        env.defer();                                               // the shell thread is about to defer its reply …
        var other = new Thread(() -> env.writeToStdOut("from a live view"));
        other.start();
        other.join();                                              // … when another thread publishes
        env.reply(completion());
        assertEquals(List.of("iopub busy", "iopub stream from a live view"), sent);
        env.resolveDeferrals();
        assertEquals(List.of("iopub busy", "iopub stream from a live view", "iopub idle", "shell complete_reply"), sent);
    }

    @Test void anUnusedDeferralDoesNotHoldBackTheIdle() {
        env.setBusyDeferIdle();
        env.defer();                                               // a handler that failed before its reply
        env.resolveDeferrals();
        env.writeToStdOut("later");
        assertEquals(List.of("iopub busy", "iopub idle", "iopub stream later"), sent);
    }
}
