package esp32ota.kernel;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran (Jupyter's history_request), kept in memory for one kernel run, which is session 1.
 * Lookups by tail, by range of execution counts, and by glob pattern ({@code *} any text, {@code ?} one character),
 * as IPython answers them.
 */
final class CellHistory implements HistoryManager {
    static final int SESSION = 1;

    private final List<HistoryEntry> entries = new ArrayList<>();

    /** Records a stored cell; {@code output} is its result as text, or "" when it had none. */
    synchronized void add(int count, String input, String output) {
        entries.add(new HistoryEntry(SESSION, count, input, output));
    }

    @Override public synchronized List<HistoryEntry> lookupTail(int n, Set<ResultFlag> flags) {
        return shape(entries.subList(Math.max(0, entries.size() - n), entries.size()), flags);
    }

    /** Cells with {@code start ≤ count < stop} of the given session (0 or negative: this one). */
    @Override public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session > 0 && session != SESSION) return List.of();
        return shape(entries.stream().filter(e -> e.getCellNumber() >= start && e.getCellNumber() < stop).toList(), flags);
    }

    /** The last {@code n} cells (all when n ≤ 0) whose input matches the glob, newest last. */
    @Override public synchronized List<HistoryEntry> search(String glob, int n, Set<ResultFlag> flags) {
        Pattern p = globToRegex(glob);
        List<HistoryEntry> found = new ArrayList<>(entries.stream().filter(e -> p.matcher(e.getInput()).matches()).toList());
        if (flags.contains(ResultFlag.UNIQUE)) {
            Set<String> seen = new LinkedHashSet<>();
            Collections.reverse(found);
            found.removeIf(e -> !seen.add(e.getInput()));
            Collections.reverse(found);
        }
        if (n > 0 && found.size() > n) found = found.subList(found.size() - n, found.size());
        return shape(found, flags);
    }

    static Pattern globToRegex(String glob) {
        var sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    private static List<HistoryEntry> shape(List<HistoryEntry> list, Set<ResultFlag> flags) {
        if (flags.contains(ResultFlag.INCLUDE_OUTPUT)) return List.copyOf(list);
        return list.stream().map(e -> new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput())).toList();
    }
}
