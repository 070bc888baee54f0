package esp32ota.cli;

/**
 * One {@code ./kit} subcommand. Implementations parse their own arguments with {@link Args}, print through {@link Console}, and
 * signal bad input by throwing {@link CliException} or {@link esp32ota.bytes.DecodeException}; {@link Main} turns
 * both into exit status 2 with a one-line message.
 */
public interface Command {
    /** The word after {@code ./kit}: {@code partition}, {@code boot}, … */
    String name();

    /** One line for {@code ./kit --help}. */
    String summary();

    /** The full usage text printed by {@code ./kit NAME --help}. */
    String usage();

    /** Runs the command on the words after its name (parse them with {@link Args#parse}); returns the exit status. */
    int run(java.util.List<String> argv, Console console) throws Exception;
}
