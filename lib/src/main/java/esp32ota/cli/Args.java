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
                    if (value.startsWith("--") || knownFlags.contains(value) || knownOptions.contains(value)) {
                        throw new CliException("option " + name + " needs a value, not the option " + value);
                    }
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

    /**
     * The one number syntax of every command: decimal ({@code 32768}) or {@code 0x} hex ({@code 0x8000}), with an
     * optional {@code K} or {@code M} suffix (×1024, ×1024²) when {@code units} is true; no sign, no leading zero
     * (is {@code 010} 8 or 10?), no {@code #}, no underscores. Values above {@code max} are a usage error naming the
     * option.
     */
    public static long number(String option, String text, long max, boolean units) {
        String s = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (units && (s.endsWith("K") || s.endsWith("M"))) {
            unit = s.endsWith("K") ? 1024 : 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        boolean hex = s.startsWith("0X");
        String digits = hex ? s.substring(2) : s;
        String valid = hex ? "[0-9A-F]{1,16}" : "0|[1-9][0-9]{0,18}";
        String syntax = units ? "decimal or 0x-hex, optionally with K or M: 32768, 0x8000, 32K" : "decimal or 0x-hex: 32768, 0x8000";
        if (!digits.matches(valid)) {
            throw new CliException("%s: '%s' is not a number (%s)".formatted(option, text, syntax));
        }
        try {
            long v = Math.multiplyExact(hex ? Long.parseUnsignedLong(digits, 16) : Long.parseLong(digits), unit);
            if (v < 0 || v > max) throw new ArithmeticException();
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CliException("%s: %s is out of range (at most %s)".formatted(option, text,
                    max == Long.MAX_VALUE ? "0x7fffffffffffffff" : "0x" + Long.toHexString(max)));
        }
    }

    /** A number of seconds or a rate: a finite decimal in [{@code min}, {@code max}]. */
    public static double decimal(String option, String text, double min, double max) {
        String s = text.trim();
        if (!s.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
            throw new CliException("%s: '%s' is not a decimal number (like 3 or 0.5)".formatted(option, text));
        }
        double v = Double.parseDouble(s);
        if (!(v >= min && v <= max)) {
            throw new CliException("%s: %s is out of range (%s to %s)".formatted(option, text, strip(min), strip(max)));
        }
        return v;
    }

    private static String strip(double d) { return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d); }

    /** The option as a number ({@link #number}), or {@code otherwise} when it is absent. */
    public long number(String option, long otherwise, long max) {
        return option(option).map(v -> number(option, v, max, false)).orElse(otherwise);
    }

    /** Fails when there are more than {@code max} positionals. */
    public Args atMostPositionals(int max) {
        if (positionals.size() > max) {
            throw new CliException("unexpected argument '" + positionals.get(max) + "' (see --help)");
        }
        return this;
    }
}
