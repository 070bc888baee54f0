package esp32ota.kernel;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import jdk.jshell.SourceCodeAnalysis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

/**
 * The kit's Jupyter kernel: JShell in this JVM, the library on the class path and imported, rich display.
 * <p>
 * jupyter-jvm-basekernel does the wire protocol. This class answers completion, inspection, is_complete, history
 * and interrupt through BaseKernel's hooks, and replaces three of its handlers: {@code execute_request}
 * ({@link CellRun}: streams, display ids, clear_output, pager payloads), {@code kernel_info_request} and
 * {@code history_request} ({@link StatusReplies}: basekernel 2.3.0 leaves out the required {@code status}).
 * <p>
 * Started by Jupyter as {@code java -Djava.awt.headless=true -cp … esp32ota.kernel.KitKernel CONNECTION_FILE}.
 */
public final class KitKernel extends BaseKernel implements LineMagics.Target {
    static final String VERSION = "0.1.0";

    /** Built on a background thread at start, so that the kernel answers kernel_info while JShell warms up. */
    private final CompletableFuture<JShellSession> session;
    private final CellHistory history = new CellHistory();
    private final SourceJavadoc kitJavadoc = SourceJavadoc.fromSystemProperty();
    private final LineMagics magics = new LineMagics(this, Path.of("").toAbsolutePath());
    private volatile ShellReplyEnvironment output;

    KitKernel() {
        session = CompletableFuture.supplyAsync(() -> {
            JShellSession s = new JShellSession();
            try {
                s.eval(String.join("\n", StartupImports.lines()));
            } catch (CellError e) {
                throw new IllegalStateException("the startup imports do not compile: " + e.traceback());
            }
            return s;
        });
        Notebook.attach(this);
        esp32ota.view.LiveDisplay.use(new NotebookLiveDisplay(this::display, this::update));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // basekernel logs each message and each channel loop's start and stop at INFO (java.util.logging, to stderr).
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        if (args.length == 1 && args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: KitKernel CONNECTION_FILE (Jupyter passes it; see kernel.json) | --warm-up");
            System.exit(2);
        }
        var properties = KernelConnectionProperties.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        var connection = ReplyOrder.connection(properties);
        var kernel = new KitKernel();
        kernel.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.EXECUTE_REQUEST, new CellRun(kernel)::handle);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, m) -> StatusReplies.kernelInfo(kernel, env));
        connection.setHandler(MessageType.HISTORY_REQUEST, (env, m) -> StatusReplies.history(kernel.history, env, m));
        connection.connect();
        exitWithParent();
        connection.waitUntilClose();
    }

    /**
     * Runs what a first notebook does (start JShell, the imports, a cell, a rendered chart) and exits. {@code ./kit}
     * runs it once per build with {@code -XX:ArchiveClassesAtExit}, so that kernels start from a class-data archive
     * holding javac's and AWT's classes already parsed.
     */
    static void warmUp() throws CellError {
        var kernel = new KitKernel();
        Object chart = kernel.run("Views.flashMap(PartitionTable.of(0x8000, List.of()))").orElseThrow();
        System.out.println("warm-up: rendered " + RichDisplay.of(chart).getData(
                io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG).toString().length() + " base64 characters");
        kernel.session().close();
    }

    /**
     * Ends this JVM when the process that started it is gone (jupyter_client passes its id in JPY_PARENT_PID, as
     * ipykernel uses it), so that a killed notebook server or test run leaves no kernel behind.
     */
    private static void exitWithParent() {
        String parent = System.getenv("JPY_PARENT_PID");
        if (parent == null || !parent.matches("\\d+")) return;
        ProcessHandle.of(Long.parseLong(parent)).ifPresent(p -> p.onExit().thenRun(() -> System.exit(0)));
    }

    JShellSession session() { return session.join(); }

    CellHistory cellHistory() { return history; }

    /** The execution count of the next cell; stored cells advance it. */
    int nextExecutionCount(boolean store) { return store ? executionCount.getAndIncrement() : executionCount.get(); }

    /** Runs a cell: Java snippets and magic lines in order; the value of the last snippet, if it has one. */
    Optional<Object> run(String code) throws CellError {
        var chunk = new StringBuilder();
        Optional<Object> value = Optional.empty();
        for (String line : code.split("\n", -1)) {
            Optional<Magic> magic = Magic.parse(line);
            if (magic.isEmpty()) {
                chunk.append(line).append('\n');
                continue;
            }
            session().eval(chunk.toString());
            chunk.setLength(0);
            magics.run(magic.get());
        }
        if (!chunk.toString().isBlank()) value = session().eval(chunk.toString());
        return value;
    }

    @Override public void runCell(String code) throws CellError { run(code); }

    @Override public void addToClasspath(Path path) { session().addToClasspath(path.toString()); }

    /** Where display calls go while (and after) a cell runs: the environment of the latest execute request. */
    void attachOutput(ShellReplyEnvironment env) { output = env; }

    void display(DisplayData data, String displayId) {
        if (displayId != null) data.setDisplayId(displayId);
        env().publish(new PublishDisplayData(data));
    }

    void update(DisplayData data, String displayId) {
        data.setDisplayId(displayId);
        env().publish(new PublishUpdateDisplayData(data));
    }

    void clear() { env().publish(PublishClearOutput.NOW); }

    private ShellReplyEnvironment env() {
        ShellReplyEnvironment env = output;
        if (env == null) throw new IllegalStateException("no cell has run yet, so there is nowhere to display");
        return env;
    }

    @Override public DisplayData eval(String code) throws Exception {
        return run(code).map(RichDisplay::of).orElse(null);        // CellRun calls run() directly; kept for BaseKernel
    }

    @Override public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java").version(Runtime.version().toString()).mimetype("text/x-java-source")
                .fileExtension(".jshell").pygments("java").codemirror("text/x-java").build();
    }

    @Override public String getBanner() {
        return "ESP32 OTA Kit kernel %s: Java %s (JShell in process)".formatted(VERSION, Runtime.version());
    }

    @Override public String isComplete(String code) {
        return session().isComplete(Magic.withoutMagicLines(code));
    }

    @Override public ReplacementOptions complete(String code, int at) {
        var c = session().complete(Magic.withoutMagicLines(code), at);
        return new ReplacementOptions(c.matches(), c.from(), c.to());
    }

    @Override public DisplayData inspect(String code, int at, boolean extraDetail) {
        String text = describe(Magic.withoutMagicLines(code), at);
        return text.isEmpty() ? null : new DisplayData(text);
    }

    /** Signature and first Javadoc sentence of what ends at {@code at}; its static type as a fallback; or "". */
    String describe(String code, int at) {
        int stop = at;
        while (stop < code.length() && Character.isJavaIdentifierPart(code.charAt(stop))) stop++;  // the whole name
        int end = stop;
        var sb = new StringBuilder();
        var docs = session().documentation(code, end);
        if (docs.isEmpty()) docs = session().documentation(code.substring(0, end) + "(", end + 1);  // a method's name
        for (SourceCodeAnalysis.Documentation d : docs) {
            sb.append(d.signature()).append('\n');
            String first = Javadoc.firstSentence(d.javadoc() != null ? d.javadoc() : kitJavadoc.find(d.signature()));
            if (!first.isEmpty()) sb.append("    ").append(first).append('\n');
        }
        if (sb.length() == 0) session().typeAt(code, end).ifPresent(t -> sb.append(code.substring(0, end).strip()).append(" : ").append(t));
        return sb.toString().strip();
    }

    @Override public void interrupt() { session().interrupt(); }

    @Override public void onShutdown(boolean isRestarting) { session().close(); }

    @Override public List<String> formatError(Exception e) { return List.of(e.toString()); }
}
