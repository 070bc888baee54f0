package esp32ota.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments split into positionals, boolean flags and options with values
 * ({@code --offset 0x8000} or {@code --offset=0x8000}). A command declares which names it knows; anything else is a
 * usage error (exit 2) rather than being silently ignored.
 */
public final class Args {
    private final List<String> positionals;
    private final Set<String> flags;
    private final Map<String, String> options;

    private Args(List<String> positionals, Set<String> flags, Map<String, String> options) {
        this.positionals = positionals;
        this.flags = flags;
        this.options = options;
    }

    /**
     * Parses {@code argv}. {@code knownFlags} take no value; {@code knownOptions} take exactly one. Short aliases are
     * not supported, except {@code -o} which callers may list as an option. A lone {@code --} ends option parsing.
     */
    public static Args parse(List<String> argv, Set<String> knownFlags, Set<String> knownOptions) {
        List<String> positionals = new ArrayList<>();
        Set<String> flags = new java.util.LinkedHashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean onlyPositionals = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (onlyPositionals || !a.startsWith("-") || a.equals("-")) {
                positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (knownFlags.contains(name)) {
                if (value != null) throw new CliException("option " + name + " takes no value");
                flags.add(name);
            } else if (knownOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.size()) throw new CliException("option " + name + " needs a value");
                    value = argv.get(++i);
                }
                if (options.containsKey(name)) throw new CliException("option " + name + " given twice");
                options.put(name, value);
            } else {
                throw new CliException("unknown option " + name + " (see --help)");
            }
        }
        return new Args(List.copyOf(positionals), Set.copyOf(flags), Map.copyOf(options));
    }

    public List<String> positionals() { return positionals; }

    public boolean flag(String name) { return flags.contains(name); }

    public Optional<String> option(String name) { return Optional.ofNullable(options.get(name)); }

    /** The positional at {@code index}, or a usage error naming what is missing. */
    public String positional(int index, String what) {
        if (index >= positionals.size()) throw new CliException("missing " + what + " (see --help)");
        return positionals.get(index);
    }

    /** Fails when there are more than {@code max} positionals. */
    public Args atMostPositionals(int max) {
        if (positionals.size() > max) {
            throw new CliException("unexpected argument '" + positionals.get(max) + "' (see --help)");
        }
        return this;
    }
}
