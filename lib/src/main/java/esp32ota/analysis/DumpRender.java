package esp32ota.analysis;

import esp32ota.boot.LogLine;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.image.Chip;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A {@link DumpReport} as text for the terminal and as a tablesaw table for notebooks (its JSON:
 * {@link esp32ota.describe.DumpJson}).
 */
public final class DumpRender {
    private DumpRender() {}

    /** The report for people: where the file sits, each part, and what boots next. */
    public static String text(DumpReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Flash dump: %d bytes, first byte at flash 0x%X (%s)%n".formatted(r.fileSize(), r.base(), r.baseReason()));
        sb.append("Chip: %s%n".formatted(r.chip().map(Chip::esptoolName).orElse("unknown (no bootloader found)")));
        r.bootloader().ifPresent(b -> sb.append("Bootloader at 0x%X: %s%n".formatted(b.address(),
                b.facts().map(DumpRender::describe).orElse("cannot be read: " + b.error()))));
        sb.append("Partition table %s%n".formatted(r.tableReason()));
        sb.append("%n  %-16s %-14s %10s %10s  %-12s %6s  %s%n".formatted("name", "type", "offset", "size", "content",
                "used", "image"));
        for (DumpReport.PartitionPart p : r.partitions()) {
            sb.append("  %-16s %-14s %10s %10s  %-12s %5.1f%%  %s%n".formatted(p.entry().name(), p.typeName(),
                    "0x%X".formatted(p.entry().offset()), "0x%X".formatted(p.entry().size()), p.content(),
                    100 * p.fill().usedShare(), p.image().map(DumpRender::describe)
                            .orElse(p.error() == null ? "" : "cannot be framed: " + p.error())));
        }
        r.otadata().ifPresent(o -> {
            sb.append("%nOtadata at 0x%X:%n".formatted(o.address()));
            for (int i = 0; i < 2; i++) sb.append("  copy %d: %s%n".formatted(i, OtaSelectEntryDescriber.summary(o.copy(i))));
        });
        sb.append("%nNext boot: %s%n".formatted(r.nextBoot()));
        for (String a : r.assumptions()) sb.append("  assuming %s%n".formatted(a));
        sb.append("Why:\n");
        for (String t : r.decision().trail()) sb.append("  - ").append(t).append('\n');
        sb.append("Bootloader log:\n");
        for (LogLine l : r.decision().selectionLogs()) sb.append("  ").append(l).append('\n');
        for (LogLine l : r.decision().loadLogs()) sb.append("  ").append(l).append('\n');
        return sb.toString();
    }

    /** {@code hello_world v1.0 (ESP32, IDF v5.2.2): bootable}. */
    static String describe(ImageFacts f) {
        String what = f.project() != null ? (f.project().isEmpty() ? "(no project name)" : f.project())
                + (f.version().isEmpty() ? "" : " " + f.version())
                : f.kind() == FileKind.BOOTLOADER ? "bootloader" + (f.version() != null ? " v" + f.version() : "")
                : "image without app descriptor";
        String idf = f.idfVer() != null ? ", IDF " + f.idfVer() : "";
        return "%s (%s%s): %s".formatted(what, f.chip() == null ? "unknown chip" : f.chip(), idf, f.verdict());
    }

    /** One row per partition: name, type, offset, size, content, used/erased/absent bytes, image and verdict. */
    public static Table partitions(DumpReport r) {
        StringColumn name = StringColumn.create("name"), type = StringColumn.create("type"),
                offset = StringColumn.create("offset"), content = StringColumn.create("content"),
                image = StringColumn.create("image"), verdict = StringColumn.create("verdict");
        LongColumn size = LongColumn.create("size"), used = LongColumn.create("used"),
                erased = LongColumn.create("erased"), absent = LongColumn.create("absent");
        DoubleColumn share = DoubleColumn.create("used %");
        for (DumpReport.PartitionPart p : r.partitions()) {
            name.append(p.entry().name());
            type.append(p.typeName());
            offset.append("0x%X".formatted(p.entry().offset()));
            size.append(p.entry().size());
            content.append(p.content());
            used.append(p.fill().used());
            erased.append(p.fill().erased());
            absent.append(p.fill().absent());
            share.append(Math.round(1000 * p.fill().usedShare()) / 10.0);
            image.append(p.image().map(f -> f.project() == null ? "" : f.project() + " " + f.version()).orElse(""));
            verdict.append(p.image().map(ImageFacts::verdict).orElse(p.error() == null ? "" : p.error()));
        }
        return Table.create("partitions", name, type, offset, size, content, used, erased, absent, share, image, verdict);
    }
}
