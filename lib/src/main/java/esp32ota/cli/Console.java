package esp32ota.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch besides its arguments: output streams, the environment (for {@code $VAR} expansion in
 * partition CSVs) and the working directory. Tests pass their own.
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory) {
    public static Console system() {
        return new Console(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** Resolves a path argument against the working directory. */
    public Path path(String argument) {
        try {
            return workingDirectory.resolve(argument);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException("cannot use the file name '" + argument + "': " + e.getReason()
                    + " (with a non-ASCII name, run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8)");
        }
    }
}
