package esp32ota.kernel;

import io.github.spencerpark.jupyter.channels.JupyterOutputStream;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code execute_request}, in the order the message spec wants: busy, execute_input, the cell's streams and
 * displays, then execute_result or error, the reply, idle. While the cell runs, {@code System.out} and
 * {@code System.err} are Jupyter streams and {@code System.in} is empty (cells cannot ask for input).
 * <p>
 * A cell that is only a name and a question mark ({@code PartitionTable?}, {@code Bytes.of?}) pages that name's
 * signatures and Javadoc instead, as IPython does.
 */
final class CellRun {
    private static final Pattern HELP = Pattern.compile("\\s*([\\w$.]+)\\?\\s*");

    private final KitKernel kernel;

    CellRun(KitKernel kernel) { this.kernel = kernel; }

    synchronized void handle(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        String code = request.getCode();
        boolean store = request.shouldStoreHistory() && !request.isSilent();
        int count = kernel.nextExecutionCount(store);
        kernel.getCommManager().setMessageContext(message);
        env.setBusyDeferIdle();
        if (!request.isSilent()) env.publish(new PublishExecuteInput(code, count));
        kernel.attachOutput(env);

        var out = new JupyterOutputStream(env, ShellReplyEnvironment::writeToStdOut);
        var err = new JupyterOutputStream(env, ShellReplyEnvironment::writeToStdErr);
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        try {
            var help = HELP.matcher(code);
            List<Map<String, Object>> payload = List.of();
            String resultText = "";
            if (help.matches()) {
                payload = List.of(page(help.group(1)));
            } else {
                Optional<Object> value = kernel.run(code);
                System.out.flush();
                System.err.flush();
                if (value.isPresent() && !request.isSilent()) {
                    DisplayData shown = RichDisplay.of(value.get());
                    env.publish(new PublishExecuteResult(count, shown));
                    resultText = String.valueOf(value.get());
                }
            }
            if (store) kernel.cellHistory().add(count, code, resultText);
            env.defer().reply(new StatusReplies.ExecuteReplyWithPayload(count, payload));
        } catch (CellError e) {
            System.out.flush();
            System.err.flush();
            if (store) kernel.cellHistory().add(count, code, "");
            env.publish(new PublishError(e.name(), e.value(), e.traceback()));
            ErrorReply reply = new ErrorReply(e.name(), e.value(), e.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
            out.retractEnv(env);
            err.retractEnv(env);
        }
    }

    /** The pager payload for {@code name?}. */
    private Map<String, Object> page(String name) {
        String text = kernel.describe(name, name.length());
        if (text.isEmpty()) text = "nothing is known about " + name;
        return Map.of("source", "page", "data", Map.of("text/plain", text), "start", 0);
    }
}
