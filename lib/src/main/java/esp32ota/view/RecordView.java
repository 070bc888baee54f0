package esp32ota.view;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.BootOutcome;
import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.Bytes;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.ota.OtaCall;
import esp32ota.ota.UpdateSession;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.Md5Row;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionType;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Records as a learner reads them, in one place (STYLE 2.12): named fields with names instead of codes, bytes as a
 * short hex with their length, nested records as one line, never a runaway dump. The records the notebooks show have
 * their own words ({@link OtaSelectEntry}, {@link OtaData}, {@link PartitionEntry}, {@link Md5Row}, {@link AppSlot},
 * {@link BootDecision}, {@link UpdateSession} and its steps, …); any other record is read field by field.
 * <pre>
 * OtaSelectEntry at 0xD000
 *   ota_seq    1
 *   seq_label  20 bytes, all ff
 *   ota_state  VALID (2)
 *   crc        0x4743989A, right
 *   meaning    seq 1, state VALID, CRC ok → valid
 * </pre>
 * The kernel shows one record as this table and a list of records of one type as one row each ({@link #columns}).
 */
public final class RecordView {
    /** One line of a record's view: the field's name and its value in words. */
    public record Row(String field, String value) {}

    /** A value longer than this many characters is cut with "…": nothing runs off the page. */
    public static final int MAX_VALUE = 100;

    private RecordView() {}

    /** The heading of a record's view: its type, and where it lies when it has an address. */
    public static String title(Record r) {
        String name = r.getClass().getSimpleName();
        if (r instanceof OtaSelectEntry e) return name + " at " + hex(e.address());
        if (r instanceof OtaData d) return "otadata at " + hex(d.address());
        if (r instanceof PartitionEntry p) return "partition " + p.name() + " (entry at " + hex(p.address()) + ")";
        if (r instanceof Md5Row m) return name + " at " + hex(m.address());
        if (r instanceof PartitionTable t) return "partition table at " + hex(t.address());
        if (r instanceof BootDecision) return "the bootloader's decision";
        if (r instanceof UpdateSession s) return "update session, " + s.steps().size() + " steps";
        return name;
    }

    /** The rows of a record's view, in reading order. */
    public static List<Row> rows(Record r) {
        return words(r).stream().map(row -> new Row(row.field(), cut(row.value()))).toList();
    }

    private static List<Row> words(Record r) {
        if (r instanceof OtaSelectEntry e) {
            return List.of(
                    new Row("ota_seq", e.isBlankSeq() ? "0xFFFFFFFF (blank)" : Long.toString(e.otaSeq())),
                    new Row("seq_label", shortHex(e.seqLabel())),
                    new Row("ota_state", OtaSelectEntryDescriber.stateName(e) + " (" + e.stateCode() + ")"),
                    new Row("crc", "0x%08X, %s".formatted(e.crc(), e.crcOk() ? "right"
                            : "wrong (0x%08X expected)".formatted(e.expectedCrc()))),
                    new Row("meaning", OtaSelectEntryDescriber.summary(e)));
        }
        if (r instanceof OtaData d) {
            return List.of(
                    new Row("size", ByteSize.format(d.size())),
                    new Row("copy 0", OtaSelectEntryDescriber.summary(d.copy(0))),
                    new Row("copy 1", OtaSelectEntryDescriber.summary(d.copy(1))),
                    new Row("active", d.activeCopy().map(i -> "copy " + i).orElse("none")));
        }
        if (r instanceof PartitionEntry p) {
            return List.of(
                    new Row("name", p.name()),
                    new Row("type", p.knownType().map(PartitionType::keyword).orElse("unknown") + " (" + hex(p.type()) + ")"),
                    new Row("subtype", p.knownSubtype().map(PartitionSubtype::keyword).orElse("unknown")
                            + " (" + hex(p.subtype()) + ")"),
                    new Row("offset", hex(p.offset())),
                    new Row("size", ByteSize.format(p.size()) + " (" + hex(p.size()) + ")"),
                    new Row("end", hex(p.end())),
                    new Row("flags", flags(p)));
        }
        if (r instanceof Md5Row m) return List.of(new Row("digest", shortHex(m.digest())));
        if (r instanceof AppSlot s) return List.of(new Row("slot", s.name()), new Row("index", Integer.toString(s.index())));
        if (r instanceof PartitionTable t) {
            return List.of(
                    new Row("partitions", String.join(", ", t.labels())),
                    new Row("MD5 row", t.md5Row().map(m -> shortHex(m.digest())).orElse("none")),
                    new Row("ends at", hex(t.flashEnd())));
        }
        if (r instanceof BootDecision d) {
            return List.of(
                    new Row("outcome", line(d.outcome())),
                    new Row("active otadata", d.activeOtadata().copy().map(i -> "copy " + i)
                            .orElse(d.activeOtadata().name().toLowerCase().replace('_', ' '))),
                    new Row("starts at", d.startPartition().map(AppSlot::name).orElse("no slot")),
                    new Row("try order", d.tryOrder().stream().map(AppSlot::name).collect(Collectors.joining(" → "))),
                    new Row("otadata writes", writes(d.writes())),
                    new Row("copy 0 after", OtaSelectEntryDescriber.summary(d.otadataAfter().copy(0))),
                    new Row("copy 1 after", OtaSelectEntryDescriber.summary(d.otadataAfter().copy(1))),
                    new Row("anti-rollback", d.antiRollbackAfter().map(RecordView::line).orElse("off")),
                    new Row("log", d.selectionLogs().size() + d.loadLogs().size() + " lines (Views.bootLog)"),
                    new Row("trail", d.trail().size() + " rules (Views.bootTrail)"));
        }
        if (r instanceof UpdateSession s) {
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("table", line(s.table())));
            rows.add(new Row("config", line(s.config())));
            for (int i = 0; i < s.steps().size(); i++) rows.add(new Row("step " + i, line(s.steps().get(i))));
            rows.add(new Row("running", s.running().map(AppSlot::name).orElse("nothing")));
            rows.add(new Row("copy 0", OtaSelectEntryDescriber.summary(s.otadata().copy(0))));
            rows.add(new Row("copy 1", OtaSelectEntryDescriber.summary(s.otadata().copy(1))));
            return List.copyOf(rows);
        }
        return generic(r);
    }

    /** A value on one line: a record in its own words, bytes as a short hex, at most {@link #MAX_VALUE} characters. */
    public static String line(Object v) { return cut(words(v)); }

    private static String words(Object v) {
        if (v == null) return "null";
        if (v instanceof OtaSelectEntry e) return OtaSelectEntryDescriber.summary(e);
        if (v instanceof OtaData d) return copies(d);
        if (v instanceof PartitionEntry p) {
            return "%s %s/%s at %s, %s".formatted(p.name(),
                    p.knownType().map(PartitionType::keyword).orElse(hex(p.type())),
                    p.knownSubtype().map(PartitionSubtype::keyword).orElse(hex(p.subtype())),
                    hex(p.offset()), ByteSize.format(p.size()));
        }
        if (v instanceof Md5Row m) return "MD5 " + shortHex(m.digest());
        if (v instanceof PartitionTable t) {
            return t.entries().size() + " partitions at " + hex(t.address()) + ": " + String.join(", ", t.labels());
        }
        if (v instanceof AppSlot s) return s.name();
        if (v instanceof BootOutcome.Booted b) return "boots " + b.slot().name();
        if (v instanceof BootOutcome.NothingBootable) return "nothing bootable: reset";
        if (v instanceof BootOutcome.SelectionFailed f) return "selection failed: " + f.reason();
        if (v instanceof BootDecision d) return line(d.outcome()) + (d.writes().isEmpty() ? "" : "; " + writes(d.writes()));
        if (v instanceof BootConfig c) {
            return "rollback " + (c.rollback() ? "on" : "off") + c.antiRollback().map(a -> ", " + line(a)).orElse("")
                    + (c.unbootable().isEmpty() ? "" : ", broken: " + c.unbootable().stream().map(AppSlot::name)
                    .sorted().collect(Collectors.joining(", ")));
        }
        if (v instanceof AntiRollback a) return "anti-rollback, eFuse secure version " + a.efuseSecureVersion();
        if (v instanceof OtadataWrite w) {
            return "copy %d := seq %d %s (%s)".formatted(w.sector(), w.entry().otaSeq(), OtaSelectEntryDescriber.stateName(w.entry()), w.reason());
        }
        if (v instanceof UpdateSession.Start s) return "start: " + (s.erased() ? "otadata erased" : copies(s.otadata()));
        if (v instanceof UpdateSession.Boot b) return "boot: " + line(b.decision());
        if (v instanceof UpdateSession.ApiCall c) return line(c.call());
        if (v instanceof OtaCall<?> c) {
            return c.function() + " → " + c.result().name() + (c.writes().isEmpty() ? "" : "; " + writes(c.writes()));
        }
        if (v instanceof UpdateSession s) {
            return s.steps().size() + " steps, running " + s.running().map(AppSlot::name).orElse("nothing");
        }
        if (v instanceof Bytes b) return shortHex(b);
        if (v instanceof Optional<?> o) return o.map(RecordView::line).orElse("none");
        if (v instanceof OptionalLong o) return o.isPresent() ? number(o.getAsLong()) : "none";
        if (v instanceof OptionalInt o) return o.isPresent() ? number(o.getAsInt()) : "none";
        if (v instanceof Long || v instanceof Integer) return number(((Number) v).longValue());
        if (v instanceof Collection<?> c) {
            return c.size() <= 4 ? c.stream().map(RecordView::line).collect(Collectors.joining(", ", "[", "]"))
                    : c.size() + " items";
        }
        if (v instanceof Map<?, ?> m) {
            return m.size() <= 4 ? m.entrySet().stream().map(e -> line(e.getKey()) + "=" + line(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}")) : m.size() + " entries";
        }
        if (v instanceof Record r) {
            if (hasOwnWords(r)) return r.toString();
            return title(r) + ": " + rows(r).stream().map(row -> row.field() + " " + row.value())
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }

    /** Bytes as a learner reads them: {@code 01 00 00 00 (4 bytes)}, {@code 20 bytes, all ff}, or the ends with "…". */
    public static String shortHex(Bytes b) {
        int n = b.size();
        if (n == 0) return "0 bytes";
        boolean same = true;
        for (int i = 1; i < n && same; i++) same = b.u8(i) == b.u8(0);
        if (same && n > 1) return "%d bytes, all %02x".formatted(n, b.u8(0));
        if (n <= 8) return spaced(b) + " (" + n + (n == 1 ? " byte)" : " bytes)");
        return spaced(b.slice(0, 4)) + " … " + spaced(b.slice(n - 2, n)) + " (" + n + " bytes)";
    }

    /** The column names of a list of records of one type: the fields of the first one's view. */
    public static List<String> columns(List<? extends Record> records) {
        return records.isEmpty() ? List.of() : rows(records.get(0)).stream().map(Row::field).toList();
    }

    /** A record's view as plain text: the title, then one indented "field  value" line per row. */
    public static String text(Record r) {
        List<Row> rows = rows(r);
        int width = rows.stream().mapToInt(row -> row.field().length()).max().orElse(0);
        var sb = new StringBuilder(title(r));
        for (Row row : rows) sb.append("\n  ").append(("%-" + width + "s  %s").formatted(row.field(), row.value()));
        return sb.toString();
    }

    /**
     * True when a record's class words it in its own {@code toString} ({@link AppSlot}: {@code ota_1}), not in the
     * implicit {@code Name[field=value, …]} every record has: its author chose the words it reads as on one line, in a
     * list or as another record's field. Read by comparing the two, so a record declared in a cell counts too.
     */
    public static boolean hasOwnWords(Record r) {
        var implicit = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object value = read(r, c);
            if (value == UNREADABLE) return false;
            implicit.add(c.getName() + "=" + value);
        }
        return !implicit.toString().equals(r.toString());
    }

    private static List<Row> generic(Record r) {
        List<Row> rows = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object value = read(r, c);
            rows.add(new Row(c.getName(), value == UNREADABLE ? "(unreadable)" : line(value)));
        }
        return List.copyOf(rows);
    }

    private static final Object UNREADABLE = new Object();

    /** A field's value, or {@link #UNREADABLE}. */
    private static Object read(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.trySetAccessible();                     // records declared in a cell or a test are not public
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            return UNREADABLE;
        }
    }

    private static String copies(OtaData d) {
        return "copy 0: %s; copy 1: %s".formatted(OtaSelectEntryDescriber.summary(d.copy(0)), OtaSelectEntryDescriber.summary(d.copy(1)));
    }

    private static String writes(List<OtadataWrite> writes) {
        return writes.isEmpty() ? "none" : writes.stream().map(RecordView::line).collect(Collectors.joining("; "));
    }

    private static String flags(PartitionEntry p) {
        List<String> names = new ArrayList<>();
        if (p.encrypted()) names.add("encrypted");
        if (p.readonly()) names.add("readonly");
        if (p.unknownFlags() != 0) names.add("unknown " + hex(p.unknownFlags()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String number(long n) { return n >= 16 ? "%s = %d".formatted(hex(n), n) : Long.toString(n); }

    private static String hex(long n) { return "0x%X".formatted(n); }

    private static String spaced(Bytes b) {
        var sb = new StringBuilder();
        for (int i = 0; i < b.size(); i++) sb.append(i == 0 ? "" : " ").append("%02x".formatted(b.u8(i)));
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 1) + "…";
    }
}
