package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.describe.AppDescriptorDescriber;
import esp32ota.describe.ExplainedField;
import esp32ota.describe.ImageHeaderDescriber;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.SegmentHeader;
import esp32ota.image.Target;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two app images side by side, as an update from {@code a} to {@code b} would see them:
 * <ul>
 * <li>header and descriptor fields whose value changed (by the names {@link ExplainedField} gives them)</li>
 * <li>segments matched by load address (the n-th segment at an address in one with the n-th in the other): size
 *     and SHA-256 of the data, {@code same}, {@code changed}, {@code added} or {@code removed}</li>
 * <li>4 KiB flash blocks that differ: what a block-wise delta update would have to send</li>
 * </ul>
 *
 * @param a        facts of the first image
 * @param b        facts of the second
 * @param fields   fields that differ, header first, then the descriptor
 * @param segments every segment of either image, in the order of {@code a} then the ones only {@code b} has
 * @param blocks   4 KiB blocks in the larger file
 * @param changed  blocks that differ (or exist in one file only)
 */
public record ImageDiff(ImageFacts a, ImageFacts b, List<FieldChange> fields, List<SegmentChange> segments,
                        int blocks, int changed) {
    public static final int BLOCK = 0x1000;

    /** One field: its name and both values. */
    public record FieldChange(String field, String before, String after) {}

    /**
     * One segment address.
     *
     * @param loadAddr  the load address both share
     * @param sizeA     data length in {@code a}, or -1 when {@code a} has no segment there
     * @param sizeB     data length in {@code b}, or -1
     * @param shaA      SHA-256 of the data in {@code a} (first 16 hex digits), or ""
     * @param shaB      the same in {@code b}
     * @param change    {@code same}, {@code changed}, {@code added}, {@code removed}
     */
    public record SegmentChange(long loadAddr, long sizeA, long sizeB, String shaA, String shaB, String change) {}

    public ImageDiff {
        fields = List.copyOf(fields);
        segments = List.copyOf(segments);
    }

    /** Diffs two images; either one that cannot be framed is a {@link esp32ota.bytes.DecodeException}. */
    public static ImageDiff of(Bytes a, Bytes b) {
        AppImage ia = AppImage.decode(a), ib = AppImage.decode(b);
        List<FieldChange> fields = new ArrayList<>();
        compare(fields, named(ImageHeaderDescriber.fields(ia.header())), named(ImageHeaderDescriber.fields(ib.header())));
        compare(fields, named(ImageHeaderDescriber.extendedFields(ia.header())),
                named(ImageHeaderDescriber.extendedFields(ib.header())));
        Map<String, String> da = ia.appDescriptor().map(d -> named(AppDescriptorDescriber.fields(d))).orElse(Map.of());
        Map<String, String> db = ib.appDescriptor().map(d -> named(AppDescriptorDescriber.fields(d))).orElse(Map.of());
        compare(fields, da, db);
        int blocks = (Math.max(a.size(), b.size()) + BLOCK - 1) / BLOCK, changed = 0;
        for (int i = 0; i < blocks; i++) if (!sameBlock(a, b, i * BLOCK)) changed++;
        return new ImageDiff(ImageFacts.of(ia, Target.any()), ImageFacts.of(ib, Target.any()), fields,
                segments(ia, ib), blocks, changed);
    }

    /** Share of blocks that differ, 0.0 to 1.0. */
    public double changedShare() { return blocks == 0 ? 0 : (double) changed / blocks; }

    /** Bytes a block-wise delta update sends: the differing blocks. */
    public long deltaBytes() { return (long) changed * BLOCK; }

    private static Map<String, String> named(List<ExplainedField> fields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ExplainedField f : fields) m.put(f.field(), f.value());
        return m;
    }

    private static void compare(List<FieldChange> out, Map<String, String> a, Map<String, String> b) {
        for (var e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (!e.getValue().equals(other)) out.add(new FieldChange(e.getKey(), e.getValue(), other == null ? "" : other));
        }
        for (var e : b.entrySet()) if (!a.containsKey(e.getKey())) out.add(new FieldChange(e.getKey(), "", e.getValue()));
    }

    private static List<SegmentChange> segments(AppImage a, AppImage b) {
        List<SegmentHeader> rest = new ArrayList<>(b.segmentHeaders());
        List<SegmentChange> out = new ArrayList<>();
        for (SegmentHeader s : a.segmentHeaders()) {
            SegmentHeader t = rest.stream().filter(x -> x.loadAddr() == s.loadAddr()).findFirst().orElse(null);
            String shaA = sha(a, s);
            if (t == null) {
                out.add(new SegmentChange(s.loadAddr(), s.dataLength(), -1, shaA, "", "removed"));
                continue;
            }
            rest.remove(t);
            String shaB = sha(b, t);
            out.add(new SegmentChange(s.loadAddr(), s.dataLength(), t.dataLength(), shaA, shaB,
                    shaA.equals(shaB) && s.dataLength() == t.dataLength() ? "same" : "changed"));
        }
        for (SegmentHeader t : rest) out.add(new SegmentChange(t.loadAddr(), -1, t.dataLength(), "", sha(b, t), "added"));
        return out;
    }

    private static String sha(AppImage image, SegmentHeader s) {
        var md = Corpus.sha256();
        image.file().updateDigest(md, (int) s.dataOffset(), (int) s.dataLength());
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static boolean sameBlock(Bytes a, Bytes b, int at) {
        int endA = Math.min(a.size(), at + BLOCK), endB = Math.min(b.size(), at + BLOCK);
        if (endA - at != endB - at) return false;
        for (int i = at; i < endA; i++) if (a.u8(i) != b.u8(i)) return false;
        return true;
    }

    /** The diff for people. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("A: %s%nB: %s%n".formatted(DumpRender.describe(a), DumpRender.describe(b)));
        sb.append("%nFields that changed (%d):%n".formatted(fields.size()));
        for (FieldChange f : fields) sb.append("  %-22s %s → %s%n".formatted(f.field(), f.before(), f.after()));
        sb.append("%nSegments by load address:%n");
        sb.append("  %-10s %10s %10s  %s%n".formatted("load addr", "size A", "size B", "change"));
        for (SegmentChange s : segments) {
            sb.append("  0x%08X %10s %10s  %s%n".formatted(s.loadAddr(), s.sizeA() < 0 ? "-" : "0x" + Long.toHexString(s.sizeA()),
                    s.sizeB() < 0 ? "-" : "0x" + Long.toHexString(s.sizeB()), s.change()));
        }
        sb.append("%n4 KiB blocks that differ: %d of %d (%.1f %%): a delta update sends %d bytes%n".formatted(changed,
                blocks, 100 * changedShare(), deltaBytes()));
        return sb.toString();
    }

    /** The fields that changed as a table. */
    public Table fieldTable() {
        return Table.create("fields that changed", StringColumn.create("field", fields.stream().map(FieldChange::field).toList()),
                StringColumn.create("A", fields.stream().map(FieldChange::before).toList()),
                StringColumn.create("B", fields.stream().map(FieldChange::after).toList()));
    }

    /** The segments as a table (sizes missing where a side has no segment). */
    public Table segmentTable() {
        StringColumn addr = StringColumn.create("load addr"), change = StringColumn.create("change");
        LongColumn sa = LongColumn.create("size A"), sb = LongColumn.create("size B");
        for (SegmentChange s : segments) {
            addr.append("0x%08X".formatted(s.loadAddr()));
            if (s.sizeA() < 0) sa.appendMissing(); else sa.append(s.sizeA());
            if (s.sizeB() < 0) sb.appendMissing(); else sb.append(s.sizeB());
            change.append(s.change());
        }
        return Table.create("segments by load address", addr, sa, sb, change);
    }
}
