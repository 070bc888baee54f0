package esp32ota.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference tool that made the frozen answers of {@link PartitionOracleCasesTest} and
 * {@link PartitionOracleCorpusTest}: ESP-IDF's {@code gen_esp32part.py} version 1.5 (as shipped in arduino-esp32's
 * {@code tools/} folder; not part of this repository), run with python3, {@code -q}, the kit's options translated
 * ({@code --no-md5} is the tool's {@code --disable-md5sum}) and an environment of only the case's variables. Their
 * test mode re-asks it and compares with what is frozen; it is skipped unless the tool is named:
 * <pre>
 * mvn -o -pl lib test -Dtest='PartitionOracle*Test' -Dgen_esp32part=/path/to/gen_esp32part.py
 * </pre>
 */
final class GenEsp32Part {
    static final String PROPERTY = "gen_esp32part";

    /** One run: exit status, stdout, stderr. */
    record Run(int exit, String stdout, String stderr) {
        /** What the tool printed before a Python traceback (all of stderr when there is none). */
        String stderrBeforeTraceback() {
            int at = stderr.indexOf("Traceback (most recent call last):");
            return at < 0 ? stderr : stderr.substring(0, at);
        }
    }

    private GenEsp32Part() {}

    /** The tool {@code -Dgen_esp32part} names; the calling test is skipped when it names none. */
    static Path require() {
        String p = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(p != null && !p.isBlank(), "-D" + PROPERTY + "=PATH names gen_esp32part.py v1.5");
        return Path.of(p).toAbsolutePath();
    }

    /** The tool's options for the kit's {@code partition} options. */
    static List<String> toolArgs(List<String> kitArgs) {
        return kitArgs.stream().map(a -> a.equals("--no-md5") ? "--disable-md5sum" : a).toList();
    }

    /** Runs the tool in {@code dir} on {@code args} (after {@code -q}) with only {@code env} in its environment. */
    static Run run(Path tool, Path dir, Map<String, String> env, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python3(), tool.toString(), "-q"));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "tool", ".stdout"), err = Files.createTempFile(dir, "tool", ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("gen_esp32part.py did not finish in 60 s: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /**
     * The frozen exit status and stderr are the tool's; where the tool crashes (exit 1, a traceback) the frozen
     * answer is exit 2 and a stderr that starts with what the tool printed before the traceback.
     */
    static void assertFrozen(int frozenExit, String frozenStderr, Run tool) {
        if (tool.exit() == 1) {
            assertEquals(2, frozenExit, "the tool crashed: the kit's answer is exit 2");
            assertTrue(frozenStderr.startsWith(tool.stderrBeforeTraceback()), tool.stderr());
        } else {
            assertEquals(frozenStderr, tool.stderr());
            assertEquals(frozenExit, tool.exit());
        }
    }

    private static String python3() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, "python3");
            if (Files.isExecutable(p)) return p.toString();
        }
        return "python3";
    }
}
