package esp32ota.view;

import esp32ota.boot.BootDecision;
import esp32ota.boot.LogLine;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** A {@link BootDecision} in words: the rules that fired, in order, and the bootloader's own log lines. */
final class BootTrailView {
    private BootTrailView() {}

    /** {@code "boots ota_1"}, or {@code "boots nothing"} when every candidate failed or the selection did. */
    static String verdict(BootDecision d) { return d.booted().map(s -> "boots " + s).orElse("boots nothing"); }

    static Table trail(BootDecision d) {
        return Table.create("the bootloader's decision: " + verdict(d),
                IntColumn.create("step", IntStream.rangeClosed(1, d.trail().size()).toArray()),
                StringColumn.create("rule", d.trail()));
    }

    static Table log(BootDecision d) {
        List<String> phase = new ArrayList<>();
        List<LogLine> lines = new ArrayList<>(d.selectionLogs());
        lines.addAll(d.loadLogs());
        d.selectionLogs().forEach(l -> phase.add("selection"));
        d.loadLogs().forEach(l -> phase.add("load"));
        return Table.create("bootloader log (%d lines)".formatted(lines.size()),
                StringColumn.create("phase", phase),
                StringColumn.create("level", lines.stream().map(l -> String.valueOf(l.level())).toList()),
                StringColumn.create("tag", lines.stream().map(LogLine::tag).toList()),
                StringColumn.create("message", lines.stream().map(LogLine::message).toList()));
    }
}
