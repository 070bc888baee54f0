package esp32ota.partition;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One data line of a partition CSV, read field by field as gen_esp32part v1.5 {@code PartitionDefinition.from_csv}
 * does, before automatic offsets are filled in.
 * <pre>
 * field    empty                          otherwise
 * name     ""                             kept as written (cut to 16 bytes only when encoded)
 * type     "Field 'type' can't be left…"  keyword (bootloader, partition_table, app, data) or number
 * subtype  app: error; others: undefined   keyword of that type (Options#subtypes), or number
 * offset   automatic                      number; bootloader primary/recovery and partition_table primary rows
 *                                         take it from the options instead
 * size     "Size field can't be empty"    number, negative = end address; bootloader rows: table offset −
 *                                         primary bootloader offset; partition_table rows: 0x1000
 * flags    none                           names joined by ':' (encrypted, readonly)
 * </pre>
 * Numbers are Python {@code int(x, 0)} with trailing k/K (×1024) and m/M (×1024²) stripped first, repeatedly, so
 * {@code 1kk} is 1 MiB and the keyword {@code nvram} is looked up as {@code nvra}.
 *
 * @param offset empty when the CSV leaves it to the tool
 * @param size   as written: a negative size still means "end address" here
 */
record CsvRow(int line, String name, int type, int subtype, OptionalLong offset, long size, long flags) {
    /** Values beyond this are refused at once; the tool would carry them on and crash when writing the binary. */
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(60);

    /** Reads one stripped, non-comment line; errors carry the line number (worded by describe.GenEsp32PartWords). */
    static CsvRow parse(String line, int lineNo, PartitionCsv.Options options) {
        String[] fields = (line + ",,,,").split(",", -1);
        for (int i = 0; i < fields.length; i++) fields[i] = PythonText.strip(fields[i]);
        var reader = new Reader(lineNo, options);
        String name = fields[0];
        int type = reader.type(fields[1]);
        int subtype = reader.subtype(fields[2], type);
        OptionalLong offset = reader.offset(fields[3], type, subtype);
        long size = reader.size(fields[4], type);
        long flags = reader.flags(fields[5]);
        return new CsvRow(lineNo, name, type, subtype, offset, size, flags);
    }

    /** A bootloader row with the subtype {@code primary} has in {@code names} (0 unless an extra entry moved it). */
    boolean isPrimaryBootloader(SubtypeNames names) {
        return type == PartitionType.BOOTLOADER.code() && subtype == names.code(PartitionSubtype.BOOTLOADER_PRIMARY);
    }

    boolean isPrimaryPartitionTable(SubtypeNames names) {
        return type == PartitionType.PARTITION_TABLE.code()
                && subtype == names.code(PartitionSubtype.PARTITION_TABLE_PRIMARY);
    }

    /** A value the binary field cannot hold (the tool crashes there with a traceback; the kit says so). */
    static PartitionTableException doesNotFit(int lineNo, String field, BigInteger value, int bytes) {
        return PartitionTableException.atLine(lineNo, PartitionTableException.Kind.DOES_NOT_FIT, field, value, bytes);
    }

    /** The field parsers of one line; they know the line number for messages. */
    private record Reader(int lineNo, PartitionCsv.Options options) {
        int type(String text) {
            if (text.isEmpty()) throw toolError(PartitionTableException.Kind.TYPE_EMPTY);
            Map<String, Long> keywords = new LinkedHashMap<>();
            for (PartitionType t : PartitionType.KEYWORD_ORDER) keywords.put(t.keyword(), (long) t.code());
            return toInt(number(text, keywords), "type");
        }

        int subtype(String text, int type) {
            if (text.isEmpty()) {
                if (type == PartitionType.APP.code()) throw toolError(PartitionTableException.Kind.APP_SUBTYPE_EMPTY);
                return toInt(BigInteger.valueOf(names().code(PartitionSubtype.DATA_UNDEFINED)), "subtype");
            }
            return toInt(number(text, names().keywords(type)), "subtype");
        }

        OptionalLong offset(String text, int type, int subtype) {
            if (type == PartitionType.BOOTLOADER.code()) {
                if (subtype == names().code(PartitionSubtype.BOOTLOADER_PRIMARY)) return OptionalLong.of(primaryBootloader());
                if (subtype == names().code(PartitionSubtype.BOOTLOADER_RECOVERY)) {
                    return OptionalLong.of(options.recoveryBootloaderOffset().orElseThrow(() -> toolError(
                            PartitionTableException.Kind.RECOVERY_BOOTLOADER_OFFSET_UNDEFINED)));
                }
            }
            if (type == PartitionType.PARTITION_TABLE.code() && subtype == names().code(PartitionSubtype.PARTITION_TABLE_PRIMARY)) {
                return OptionalLong.of(options.tableOffset());
            }
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(toLong(number(text, Map.of()), "offset"));
        }

        long size(String text, int type) {
            if (type == PartitionType.BOOTLOADER.code()) return options.tableOffset() - primaryBootloader();
            if (type == PartitionType.PARTITION_TABLE.code()) return PartitionTable.SECTOR_SIZE;
            if (text.isEmpty()) throw toolError(PartitionTableException.Kind.SIZE_EMPTY);
            return toLong(number(text, Map.of()), "size");
        }

        long flags(String text) {
            long flags = 0;
            for (String flag : text.split(":", -1)) {
                if (flag.equals("encrypted")) flags |= PartitionEntry.FLAG_ENCRYPTED;
                else if (flag.equals("readonly")) flags |= PartitionEntry.FLAG_READONLY;
                else if (!flag.isEmpty()) throw toolError(PartitionTableException.Kind.UNKNOWN_FLAG, flag);
            }
            return flags;
        }

        private long primaryBootloader() {
            return options.primaryBootloaderOffset().orElseThrow(() -> toolError(
                    PartitionTableException.Kind.PRIMARY_BOOTLOADER_OFFSET_UNDEFINED));
        }

        /**
         * gen_esp32part {@code parse_int}: strip trailing k/K/m/M (each multiplies), then {@code int(x, 0)}, then a
         * case-insensitive keyword. Messages show the text after the suffixes were stripped, as the tool's do.
         */
        private BigInteger number(String text, Map<String, Long> keywords) {
            String core = text;
            int shift = 0;
            while (!core.isEmpty()) {
                int last = core.codePointBefore(core.length());
                int lower = Character.toLowerCase(last);             // also the Kelvin sign U+212A, as in Python
                if (lower != 'k' && lower != 'm') break;
                shift += lower == 'k' ? 10 : 20;
                core = core.substring(0, core.length() - Character.charCount(last));
            }
            BigInteger value = PythonInt.parse(core).orElse(null);
            if (value == null) {
                if (keywords.isEmpty()) throw toolError(PartitionTableException.Kind.INVALID_NUMBER, core);
                Long keyword = keywords.get(core.toLowerCase(Locale.ROOT));
                if (keyword == null) {
                    throw toolError(PartitionTableException.Kind.UNKNOWN_KEYWORD, core, List.copyOf(keywords.keySet()));
                }
                value = BigInteger.valueOf(keyword);
            }
            return value.shiftLeft(shift);
        }

        private int toInt(BigInteger v, String field) {
            if (v.bitLength() > 31) throw doesNotFit(lineNo, field, v, 1);
            return v.intValue();
        }

        private long toLong(BigInteger v, String field) {
            if (v.abs().compareTo(LIMIT) >= 0) throw doesNotFit(lineNo, field, v, 4);
            return v.longValue();
        }

        private SubtypeNames names() { return options.subtypes(); }

        private PartitionTableException toolError(PartitionTableException.Kind kind, Object... values) {
            return PartitionTableException.atLine(lineNo, kind, values);
        }
    }
}
