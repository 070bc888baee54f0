package esp32ota.sweep;

import esp32ota.boot.AppSlot;
import esp32ota.flash.FlashOp;
import esp32ota.flash.NorFlash;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a power-cut sweep found: every cut point with where the device settled, and the two ends for reference (the
 * device before the update, and after the update ran uncut).
 *
 * @param slot   the app partition the update wrote
 * @param before where the device was before the update (the old app running)
 * @param after  where it settles when nothing is cut (the new app, for an update that works)
 * @param cuts   one row per cut point, by step then tear
 */
public record SweepResult(AppSlot slot, Outcome before, Outcome after, List<CutResult> cuts) {
    public SweepResult { cuts = List.copyOf(cuts); }

    /** The cut points after which no app runs. */
    public List<CutResult> unbootable() { return cuts.stream().filter(c -> c.outcome().unbootable()).toList(); }

    /** {@code 13074 cut points, 0 unbootable}. */
    public String summary() { return "%d cut points, %d unbootable".formatted(cuts.size(), unbootable().size()); }

    /** Operations of the update that were cut (cut points / tears per operation). */
    public int operations() { return cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1).cut().step() + 1; }

    /**
     * One phase's share.
     *
     * @param phase    the phase
     * @param cuts     cut points in it
     * @param outcomes how many of them ended each way, by {@link Outcome#label()}, sorted
     */
    public record PhaseCount(Phase phase, int cuts, Map<String, Integer> outcomes) {
        public PhaseCount { outcomes = Map.copyOf(outcomes); }
    }

    /** Outcome counts per phase, in phase order; phases without operations are left out. */
    public List<PhaseCount> byPhase() {
        Map<Phase, Map<String, Integer>> m = new EnumMap<>(Phase.class);
        for (CutResult c : cuts) {
            m.computeIfAbsent(c.cut().phase(), p -> new TreeMap<>()).merge(c.outcome().label(), 1, Integer::sum);
        }
        List<PhaseCount> out = new ArrayList<>();
        m.forEach((p, o) -> out.add(new PhaseCount(p, o.values().stream().mapToInt(Integer::intValue).sum(),
                new TreeMap<>(o))));
        return out;
    }

    /**
     * A run of consecutive operations of one phase and kind whose cut points all ended the same way, tear by tear:
     * one table row instead of thousands.
     *
     * @param firstStep first operation of the run
     * @param lastStep  last operation of the run
     * @param phase     their phase
     * @param kind      {@code sector erase}, {@code block erase} or {@code page program}
     * @param first     the first operation itself
     * @param last      the last one
     * @param outcomes  the outcome for each tear swept, in {@link NorFlash.Tear} order
     */
    public record Run(int firstStep, int lastStep, Phase phase, String kind, FlashOp first, FlashOp last,
                      Map<NorFlash.Tear, Outcome> outcomes) {
        public Run { outcomes = java.util.Collections.unmodifiableMap(new EnumMap<>(outcomes)); }

        public int operations() { return lastStep - firstStep + 1; }

        /** {@code sector erase 0x150000+0x1000}, or for several {@code 9 page programs 0x150000..0x1508df}. */
        public String operation() {
            if (operations() == 1) return "%s 0x%x+0x%x".formatted(kind, first.address(), first.length());
            long lo = Math.min(first.address(), last.address());
            long hi = Math.max(first.address() + first.length(), last.address() + last.length()) - 1;
            return "%d %ss 0x%x..0x%x".formatted(operations(), kind, lo, hi);
        }

        /** {@code 0} or {@code 1-9}. */
        public String steps() { return operations() == 1 ? "" + firstStep : firstStep + "-" + lastStep; }
    }

    /** The cut points folded into {@link Run}s (what the CLI prints). */
    public List<Run> runs() {
        List<Run> out = new ArrayList<>();
        int i = 0;
        while (i < cuts.size()) {
            int step = cuts.get(i).cut().step();
            Map<NorFlash.Tear, Outcome> tears = new EnumMap<>(NorFlash.Tear.class);
            int j = i;
            while (j < cuts.size() && cuts.get(j).cut().step() == step) {
                tears.put(cuts.get(j).cut().tear(), settled(cuts.get(j).outcome()));
                j++;
            }
            CutPoint cut = cuts.get(i).cut();
            String kind = kind(cut.op());
            Run last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.lastStep() == step - 1 && last.phase() == cut.phase() && last.kind().equals(kind)
                    && last.outcomes().equals(tears)) {
                out.set(out.size() - 1, new Run(last.firstStep(), step, last.phase(), kind, last.first(), cut.op(),
                        tears));
            } else {
                out.add(new Run(step, step, cut.phase(), kind, cut.op(), cut.op(), tears));
            }
            i = j;
        }
        return out;
    }

    /** The outcome without its reset count, so that runs fold on where the device ends, not how fast. */
    private static Outcome settled(Outcome o) { return new Outcome(o.kind(), o.slot(), o.version(), 0); }

    static String kind(FlashOp op) {
        return op instanceof FlashOp.Erase e ? (e.isBlock() ? "block erase" : "sector erase") : "page program";
    }
}
