package esp32ota.testing;

import esp32ota.cli.Console;
import esp32ota.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code ./kit} command line run in-process through {@link Main#run}, with its own working directory and
 * environment, capturing exit status, stdout and stderr.
 */
public record KitRun(int exit, byte[] stdoutBytes, String stderr) {
    public static KitRun run(Path workingDirectory, Map<String, String> env, List<String> argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, workingDirectory);
        int exit = Main.run(argv, console);
        return new KitRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    public static KitRun run(Path workingDirectory, String... argv) {
        return run(workingDirectory, Map.of(), List.of(argv));
    }

    public String stdout() { return new String(stdoutBytes, StandardCharsets.UTF_8); }
}
