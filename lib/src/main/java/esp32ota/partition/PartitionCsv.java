package esp32ota.partition;

import esp32ota.bytes.Bytes;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Partition tables as CSV text, read and written exactly as gen_esp32part v1.5 does (ESP-IDF docs
 * api-guides/partition-tables.rst). This is the entry point for CSV tables:
 * <pre>
 * PartitionTable t = PartitionCsv.parse(Files.readString(path));           // offset 0x8000, process env
 * List&lt;Violation&gt; problems = PartitionRules.validate(t);                    // the tool's verify(), as data
 * Bytes bin = t.encode(true);                                              // 0xC00 bytes with the MD5 row
 * String text = PartitionCsv.format(PartitionTable.decode(bin, 0x8000));   // the tool's decoded CSV
 * </pre>
 * Reading happens in two passes, as in the tool. First every line: Python {@code splitlines()}, {@code $VAR}
 * expansion from the environment on the whole line, {@code strip()}, blank and {@code #} lines skipped, then the
 * fields (CsvRow); line numbers count every line from 1. Then, in file order, where each row goes (CsvPlacement):
 * a row without an offset starts where the previous one ended, rounded up to 0x10000 for app rows and 0x1000 for
 * all others; a row whose offset lies below that point is refused ("Partitions overlap"); a negative size becomes
 * {@code -size - offset} (the size is read as an end address); {@link #placements} returns these steps with their
 * reasons. A file that may be binary or CSV: {@link #read}.
 */
public final class PartitionCsv {
    private PartitionCsv() {}

    /**
     * What the CSV may refer to besides itself. A primary bootloader offset must lie below the table offset (the
     * tool's "Unsupported configuration" error, thrown here): set the table offset first.
     *
     * @param env                      variables for {@code $NAME} / {@code ${NAME}} expansion
     * @param tableOffset              flash offset of the table ({@code --offset}); partitions start at +0x1000
     * @param primaryBootloaderOffset  for {@code bootloader} rows ({@code --primary-bootloader-offset})
     * @param recoveryBootloaderOffset for {@code bootloader, recovery} rows ({@code --recovery-bootloader-offset})
     * @param subtypes                 the subtype keywords ({@code --extra-partition-subtypes} on top of the standard ones)
     */
    public record Options(Map<String, String> env, long tableOffset, OptionalLong primaryBootloaderOffset,
                          OptionalLong recoveryBootloaderOffset, SubtypeNames subtypes) {
        public Options {
            env = Map.copyOf(env);
            java.util.Objects.requireNonNull(subtypes, "subtypes");
            if (primaryBootloaderOffset.isPresent() && primaryBootloaderOffset.getAsLong() >= tableOffset) {
                throw new PartitionTableException(PartitionTableException.Kind.BOOTLOADER_ABOVE_TABLE,
                        primaryBootloaderOffset.getAsLong(), tableOffset);
            }
        }

        /** The standard subtype keywords ({@link SubtypeNames#standard()}). */
        public Options(Map<String, String> env, long tableOffset, OptionalLong primaryBootloaderOffset,
                       OptionalLong recoveryBootloaderOffset) {
            this(env, tableOffset, primaryBootloaderOffset, recoveryBootloaderOffset, SubtypeNames.standard());
        }

        /** Offset 0x8000, the process environment, no bootloader offsets, standard subtypes: the tool's defaults. */
        public static Options defaults() {
            return new Options(System.getenv(), PartitionTable.DEFAULT_ADDRESS, OptionalLong.empty(), OptionalLong.empty());
        }

        public Options withEnv(Map<String, String> newEnv) {
            return new Options(newEnv, tableOffset, primaryBootloaderOffset, recoveryBootloaderOffset, subtypes);
        }

        public Options withTableOffset(long offset) {
            return new Options(env, offset, primaryBootloaderOffset, recoveryBootloaderOffset, subtypes);
        }

        public Options withPrimaryBootloaderOffset(long offset) {
            return new Options(env, tableOffset, OptionalLong.of(offset), recoveryBootloaderOffset, subtypes);
        }

        public Options withRecoveryBootloaderOffset(long offset) {
            return new Options(env, tableOffset, primaryBootloaderOffset, OptionalLong.of(offset), subtypes);
        }

        /** These subtype keywords, e.g. {@code SubtypeNames.standard().withExtras(List.of("data,my_fs,0x40"))}. */
        public Options withSubtypes(SubtypeNames names) {
            return new Options(env, tableOffset, primaryBootloaderOffset, recoveryBootloaderOffset, names);
        }
    }

    /**
     * A table read from CSV with the line each entry came from. Its values are what the tool computed, which may
     * not fit the binary fields yet (a negative size, a type above 0xFF): the tool only finds out when it writes
     * the binary, after verification, and crashes there; {@link #requireEncodable()} is the kit's clear error.
     */
    public record Parsed(PartitionTable table, List<Integer> lineNumbers) {
        public Parsed {
            lineNumbers = List.copyOf(lineNumbers);
        }

        /** The table, once every type, subtype, offset and size fits its field; else "Error at line N: …". */
        public PartitionTable requireEncodable() {
            for (int i = 0; i < table.entries().size(); i++) {
                PartitionEntry e = table.entries().get(i);
                int line = lineNumbers.get(i);
                requireRange(line, "type", e.type(), 1);
                requireRange(line, "subtype", e.subtype(), 1);
                requireRange(line, "offset", e.offset(), 4);
                requireRange(line, "size", e.size(), 4);
            }
            return table;
        }

        private static void requireRange(int line, String field, long value, int bytes) {
            if (value < 0 || value >= 1L << (8 * bytes)) {
                throw CsvRow.doesNotFit(line, field, BigInteger.valueOf(value), bytes);
            }
        }
    }

    /**
     * A table from a file that may hold either form, told apart as the tool does: a binary table starts with the
     * bytes AA 50 (decoded with MD5 checking, at {@code options.tableOffset()}); anything else is UTF-8 CSV text.
     */
    public static PartitionTable read(Bytes data, Options options) {
        return isBinary(data) ? PartitionTable.decode(data, options.tableOffset()) : parse(utf8(data), options);
    }

    /** gen_esp32part's test for binary input: the first two bytes are the entry magic AA 50. */
    public static boolean isBinary(Bytes data) { return data.size() >= 2 && data.u8(0) == 0xAA && data.u8(1) == 0x50; }

    /** The text of a CSV file; the tool would crash on bytes that are not UTF-8, the kit names the first one. */
    public static String utf8(Bytes data) {
        ByteBuffer bytes = ByteBuffer.wrap(data.toByteArray());
        CharBuffer chars = CharBuffer.allocate(data.size());
        if (StandardCharsets.UTF_8.newDecoder().decode(bytes, chars, true).isError()) {
            throw new PartitionTableException(PartitionTableException.Kind.NOT_UTF8, data.u8(bytes.position()),
                    bytes.position());
        }
        return chars.flip().toString();
    }

    /** Reads a CSV with the tool's defaults; see {@link #parse(String, Options)}. */
    public static PartitionTable parse(String text) { return parse(text, Options.defaults()); }

    /**
     * Reads a CSV into a table whose every value fits the binary format. Syntax errors and overlaps found while
     * reading throw {@link PartitionTableException} with the tool's message; the rules of the tool's
     * {@code verify()} are not applied here: ask {@link PartitionRules#validate}.
     */
    public static PartitionTable parse(String text, Options options) {
        return parseWithLines(text, options).requireEncodable();
    }

    /** Reads a CSV exactly as the tool does, keeping line numbers and values that may not fit the binary yet. */
    public static Parsed parseWithLines(String text, Options options) {
        return parsed(place(text, options), options.tableOffset());
    }

    /** Where each row of a CSV went and why, with the tool's defaults; see {@link #placements(String, Options)}. */
    public static List<RowPlacement> placements(String text) { return placements(text, Options.defaults()); }

    /**
     * Where each row of a CSV went and why, row by row in file order: the offset as written or computed from the
     * previous row's end, and a negative size turned into a size. The entries are those {@link #parse} returns, and
     * this fails exactly where {@code parse} does.
     */
    public static List<RowPlacement> placements(String text, Options options) {
        List<RowPlacement> placed = place(text, options);
        parsed(placed, options.tableOffset()).requireEncodable();
        return placed;
    }

    private static Parsed parsed(List<RowPlacement> placed, long tableOffset) {
        return new Parsed(PartitionTable.of(tableOffset, placed.stream().map(RowPlacement::entry).toList()),
                placed.stream().map(RowPlacement::line).toList());
    }

    /** Both passes: every line read into a row, then the rows placed. */
    private static List<RowPlacement> place(String text, Options options) {
        List<CsvRow> rows = new ArrayList<>();
        List<String> lines = PythonText.splitLines(text);
        for (int n = 0; n < lines.size(); n++) {
            String expanded = PythonText.expandVars(lines.get(n), options.env());
            String unknown = PythonText.leadingVariable(expanded);
            if (unknown != null) throw new PartitionTableException(PartitionTableException.Kind.UNKNOWN_VARIABLE, unknown);
            String line = PythonText.strip(expanded);
            if (line.isEmpty() || line.startsWith("#")) continue;
            rows.add(CsvRow.parse(line, n + 1, options));
        }
        return CsvPlacement.placeAll(rows, options.tableOffset(), options.subtypes());
    }

    /**
     * A number as the tool reads its command-line offsets: Python {@code int(text, 0)} ({@code 0x8000},
     * {@code 32768}, {@code 0o100000}, {@code 0x8_000}); empty when Python would refuse it or it exceeds 63 bits.
     */
    public static OptionalLong parseNumber(String text) {
        return PythonInt.parse(text).filter(v -> v.bitLength() < 63).map(v -> OptionalLong.of(v.longValue()))
                .orElse(OptionalLong.empty());
    }

    /**
     * The table as gen_esp32part prints a decoded binary: two header lines, then one row per entry
     * ({@link #row}), each line ending in \n.
     */
    public static String format(PartitionTable table) { return format(table, SubtypeNames.standard()); }

    /** {@link #format(PartitionTable)} with these subtype keywords ({@code --extra-partition-subtypes}). */
    public static String format(PartitionTable table, SubtypeNames names) {
        var sb = new StringBuilder("# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n");
        for (PartitionEntry e : table.entries()) sb.append(row(e, names)).append('\n');
        return sb.toString();
    }

    /**
     * One entry as the tool writes it ({@code to_csv}): {@code name,type,subtype,offset,size,flags} without spaces;
     * type and subtype as keywords when they have one, else decimal; offset {@code 0x%x}; size {@code <n>M} for
     * whole MiB, {@code <n>K} for whole KiB, else {@code 0x%x}; flags by name joined with ':' (unknown bits are
     * left out); an entry without flags ends in a comma.
     */
    public static String row(PartitionEntry e) { return row(e, SubtypeNames.standard()); }

    /** {@link #row(PartitionEntry)} with these subtype keywords: the first one with the entry's code is printed. */
    public static String row(PartitionEntry e, SubtypeNames names) {
        String type = e.knownType().map(PartitionType::keyword).orElse(Integer.toString(e.type()));
        String subtype = names.keyword(e.type(), e.subtype()).orElse(Integer.toString(e.subtype()));
        List<String> flags = new ArrayList<>();
        if (e.encrypted()) flags.add("encrypted");
        if (e.readonly()) flags.add("readonly");
        return String.join(",", e.name(), type, subtype, "0x" + PythonRepr.hex(e.offset()), size(e.size()),
                String.join(":", flags));
    }

    private static String size(long size) {
        if (size % 0x100000 == 0) return size / 0x100000 + "M";
        if (size % 0x400 == 0) return size / 0x400 + "K";
        return "0x" + PythonRepr.hex(size);
    }
}
