package esp32ota.cli;

import java.util.List;

/**
 * {@code ./kit ota SUBCOMMAND …}: {@code serve} ({@link OtaServeCommand}, an image server for a real board) and
 * {@code run} ({@link OtaRunCommand}, a whole OTA on a virtual ESP32) and {@code sweep} ({@link OtaSweepCommand}, a power
 * cut at every flash operation of an update).
 */
final class OtaCommand implements Command {
    private final OtaServeCommand serve = new OtaServeCommand();
    private final OtaRunCommand run = new OtaRunCommand();

    @Override public String name() { return "ota"; }

    @Override public String summary() {
        return "ota run: a whole OTA on a virtual ESP32; ota sweep IMG: power cuts; ota serve IMG: serve an image to a real board";
    }

    @Override public String usage() { return serve.usage() + "\n" + run.usage() + "\n" + OtaSweepCommand.USAGE; }

    @Override public int run(List<String> argv, Console console) throws Exception {
        String sub = argv.isEmpty() ? "" : argv.get(0);
        return switch (sub) {
            case "serve" -> serve.run(argv, console);
            case "run" -> run.run(argv.subList(1, argv.size()), console);
            case "sweep" -> new OtaSweepCommand().run(argv.subList(1, argv.size()), console);
            case "" -> throw new CliException("usage: ./kit ota run|sweep|serve … (see ./kit ota --help)");
            default -> throw new CliException("unknown subcommand 'ota " + sub + "' (expected run, sweep or serve; see ./kit ota --help)");
        };
    }
}
