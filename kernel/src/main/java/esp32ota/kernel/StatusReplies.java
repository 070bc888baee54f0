package esp32ota.kernel;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replies basekernel 2.3.0 sends without a field that Jupyter's message spec (v5.3) requires: kernel_info and
 * history replies lack {@code status}, and execute replies cannot carry a pager {@code payload}. Each subclass adds
 * the field; Gson serialises it with the rest.
 */
final class StatusReplies {
    private StatusReplies() {}

    static void kernelInfo(KitKernel kernel, ShellReplyEnvironment env) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfoWithStatus(kernel.getLanguageInfo(), kernel.getBanner()));
    }

    static void history(CellHistory history, ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest r = message.getContent();
        Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
        if (r.includeOutput()) flags.add(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> found;
        if (r instanceof HistoryRequest.Tail t) {
            found = history.lookupTail(t.getMaxReturnLength(), flags);
        } else if (r instanceof HistoryRequest.Range g) {
            found = history.lookupRange(g.getSessionIndex(), g.getStart(), g.getStop(), flags);
        } else if (r instanceof HistoryRequest.Search s) {
            if (s.filterUnique()) flags.add(ResultFlag.UNIQUE);
            found = history.search(s.getPattern(), s.getMaxReturnLength(), flags);
        } else {
            found = List.of();
        }
        env.reply(new HistoryWithStatus(found));
    }

    static final class KernelInfoWithStatus extends KernelInfoReply {
        @SuppressWarnings("unused") private final String status = "ok";

        KernelInfoWithStatus(LanguageInfo language, String banner) {
            super("5.3", "esp32ota-kernel", KitKernel.VERSION, language, banner, List.of());
        }
    }

    /**
     * A history reply written out by hand: the spec wants {@code [session, line, input]} triples (or
     * {@code [session, line, [input, output]]}), and basekernel's adapter for them is not applied to replies.
     */
    static final class HistoryWithStatus implements ContentType<HistoryWithStatus> {
        @SuppressWarnings("unused") private final String status = "ok";
        @SuppressWarnings("unused") private final List<List<Object>> history;

        HistoryWithStatus(List<HistoryEntry> entries) {
            history = entries.stream().map(e -> List.<Object>of(e.getSession(), e.getCellNumber(),
                    e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput())).toList();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        @Override public MessageType<HistoryWithStatus> getType() { return (MessageType) HistoryReply.MESSAGE_TYPE; }
    }

    static final class ExecuteReplyWithPayload extends ExecuteReply {
        @SuppressWarnings("unused") private final List<Map<String, Object>> payload;

        ExecuteReplyWithPayload(int count, List<Map<String, Object>> payload) {
            super(count, Map.of());
            this.payload = payload;
        }
    }
}
