package esp32ota.cli;

import esp32ota.bytes.DecodeException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code ./kit <command>}. Exit status: 0 success, 2 bad input or usage (one clear line on stderr,
 * never a stack trace), 1 an internal error (a bug: the message asks for a report; {@code KIT_DEBUG=1} adds the
 * stack trace).
 */
public final class Main {
    private Main() {}

    /** Every command, in the order {@code --help} lists them. */
    static List<Command> commands() {
        return List.of(new PartitionCommand(), new OtadataCommand(), new BootCommand(), new ImageInfoCommand(),
                new SamplesCommand(), new BenchCommand(), new OtaCommand(), new DeviceCommand(), new ScanCommand(),
                new DiffCommand(), new BootlogCommand(), new GradeCommand());
    }

    public static void main(String[] argv) {
        var out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        var err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        var console = new Console(out, err, System.getenv(), java.nio.file.Path.of("").toAbsolutePath());
        int status = run(Arrays.asList(argv), console);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status; used by tests as well as {@link #main}. */
    public static int run(List<String> argv, Console console) {
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("help") || argv.get(0).equals("-h")) {
            console.out().print(help());
            return argv.isEmpty() ? 2 : 0;
        }
        Command command = commands().stream().filter(c -> c.name().equals(argv.get(0))).findFirst().orElse(null);
        if (command == null) {
            console.err().println("unknown command '" + argv.get(0) + "'; try ./kit --help");
            return 2;
        }
        List<String> rest = argv.subList(1, argv.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            console.out().print(command.usage().endsWith("\n") ? command.usage() : command.usage() + "\n");
            return 0;
        }
        try {
            return command.run(rest, console);
        } catch (CliException e) {
            console.err().println(e.getMessage());
            return 2;
        } catch (DecodeException e) {
            console.err().println(e.toolMessage());
            return 2;
        } catch (java.nio.file.InvalidPathException e) {
            console.err().println("cannot use the file name '" + e.getInput() + "': " + e.getReason());
            return 2;
        } catch (java.io.IOException e) {
            console.err().println(ioMessage(e));             // a missing folder or a full disk is not a kit bug
            return 2;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            console.err().println("internal error in '" + command.name() + "': " + e
                    + " (this is a bug in the kit; please report it with the input that caused it)");
            if ("1".equals(console.env().get("KIT_DEBUG"))) e.printStackTrace(console.err());
            return 1;
        }
    }

    /** One line for a file-system failure: what, where, why ({@code cannot write /x: no such file or folder}). */
    static String ioMessage(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return "cannot use " + f.getFile() + (f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : "")
                    + ": " + why;
        }
        return "input/output error: " + e.getMessage();
    }

    static String help() {
        var sb = new StringBuilder("""
                ESP32 OTA Kit: partition tables, otadata, app images and OTA, exact to the byte.

                usage: ./kit <command> [arguments]   (./kit <command> --help for details)

                Lab and checks:
                  lab                 install what is missing, build, start Jupyter with the notebooks
                  test                everything: unit tests, kernel conformance, every notebook headless
                  notebooks           re-run the notebooks in place (outputs kept) before committing them
                  bench …             benchmarks (ratios measured side by side)

                Library commands:
                """);
        for (Command c : commands()) sb.append("  %-19s %s%n".formatted(c.name(), c.summary()));
        return sb.toString();
    }
}
