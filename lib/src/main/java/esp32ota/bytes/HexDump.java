package esp32ota.bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * A classic 16-bytes-per-row hex dump with absolute addresses, optionally annotated with the fields a decoder read:
 * <pre>
 * 008000  aa 50 01 02 00 90 00 00 00 40 00 00 6e 76 73 00  .P.......@..nvs.  PartitionEntry.magic, type, subtype, …
 * </pre>
 */
public final class HexDump {
    /**
     * One row: its address, its 16 (or fewer) bytes, and the names of the fields whose bytes it holds; a field that
     * began in an earlier row is marked "(cont.)", so a row of label bytes is never tagged only with the next field.
     */
    public record Row(long address, Bytes bytes, List<String> fields) {
        public String hex() {
            var sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i > 0) sb.append(' ');
                sb.append(i < bytes.size() ? "%02x".formatted(bytes.u8(i)) : "  ");
            }
            return sb.toString();
        }

        public String ascii() {
            var sb = new StringBuilder();
            for (int i = 0; i < bytes.size(); i++) {
                int c = bytes.u8(i);
                sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            return sb.toString();
        }

        @Override public String toString() {
            String line = "%06X  %s  %-16s".formatted(address, hex(), ascii());
            return fields.isEmpty() ? line.stripTrailing() : line + "  " + String.join(", ", fields);
        }
    }

    private final Bytes bytes;
    private final long baseAddress;
    private final List<FieldSpan> spans;

    private HexDump(Bytes bytes, long baseAddress, List<FieldSpan> spans) {
        this.bytes = bytes;
        this.baseAddress = baseAddress;
        this.spans = spans;
    }

    public static HexDump of(Bytes bytes, long baseAddress) { return new HexDump(bytes, baseAddress, List.of()); }

    /** The same dump, labelling each row with the fields whose bytes it holds. */
    public HexDump annotate(List<FieldSpan> fieldSpans) { return new HexDump(bytes, baseAddress, List.copyOf(fieldSpans)); }

    public List<FieldSpan> spans() { return spans; }

    public long baseAddress() { return baseAddress; }

    public Bytes bytes() { return bytes; }

    /** Number of 16-byte rows. */
    public int rowCount() { return (bytes.size() + 15) / 16; }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public List<Row> rows(int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int r = Math.max(0, from); r < Math.min(to, rowCount()); r++) {
            int start = r * 16;
            long address = baseAddress + start;
            Bytes slice = bytes.slice(start, Math.min(start + 16, bytes.size()));
            List<String> names = new ArrayList<>();
            String lastStructure = null;
            for (FieldSpan s : spans) {
                if (s.address() < address + slice.size() && s.end() > address) {      // covers a byte of this row
                    String name = s.structure().equals(lastStructure) ? s.field() : s.name();
                    names.add(s.address() < address ? name + " (cont.)" : name);
                    lastStructure = s.structure();
                }
            }
            rows.add(new Row(address, slice, List.copyOf(names)));
        }
        return rows;
    }

    /** The kinds of field the dump shows, in {@link FieldKind} order: what its colour key lists. */
    public List<FieldKind> kinds() {
        return spans.stream().filter(s -> s.end() > baseAddress && s.address() < baseAddress + bytes.size())
                .map(FieldSpan::kind).distinct().sorted().toList();
    }

    /** The span covering {@code address}, if a decoder recorded one. */
    public FieldSpan fieldAt(long address) {
        for (FieldSpan s : spans) if (s.contains(address)) return s;
        return null;
    }

    /** All rows as text, one per line. */
    @Override public String toString() {
        var sb = new StringBuilder();
        for (Row row : rows(0, rowCount())) sb.append(row).append('\n');
        return sb.toString();
    }
}
