package esp32ota.view;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.FieldSpan;
import esp32ota.bytes.HexDump;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.function.Function;

/**
 * The fields an annotated {@link HexDump} holds, one row each: where the field starts, its name, its length, its
 * bytes as stored and what they read as. Fields of 1, 2 or 4 bytes read as little-endian numbers ({@code aa 50} →
 * {@code 0x50AA}); longer fields read as text when they hold printable ASCII followed only by NULs
 * ({@code "nvs"}); anything else (padding, digests) is left blank. Only fields that lie wholly inside the dump are
 * listed, in the order the decoder read them.
 */
final class FieldTable {
    private FieldTable() {}

    static Table of(HexDump dump) {
        long start = dump.baseAddress(), end = start + dump.bytes().size();
        List<FieldSpan> inside = dump.spans().stream().filter(s -> s.address() >= start && s.end() <= end).toList();
        Function<FieldSpan, Bytes> bytesOf = s -> dump.bytes().slice((int) (s.address() - start), (int) (s.end() - start));
        return Table.create("fields at 0x%X-0x%X".formatted(start, end - 1),
                StringColumn.create("address", inside.stream().map(s -> "0x%X".formatted(s.address())).toList()),
                StringColumn.create("field", inside.stream().map(FieldSpan::name).toList()),
                IntColumn.create("length", inside.stream().mapToInt(FieldSpan::length).toArray()),
                StringColumn.create("stored bytes", inside.stream().map(s -> spaced(bytesOf.apply(s))).toList()),
                StringColumn.create("reads as", inside.stream().map(s -> readAs(bytesOf.apply(s))).toList()));
    }

    /** {@code "aa 50"}. */
    static String spaced(Bytes b) { return b.hex().replaceAll("(..)(?!$)", "$1 "); }

    /** A little-endian number for 1, 2 and 4 bytes; quoted text for NUL-padded ASCII; else empty. */
    static String readAs(Bytes b) {
        return switch (b.size()) {
            case 1 -> "0x%X".formatted(b.u8(0));
            case 2 -> "0x%X".formatted(b.u16le(0));
            case 4 -> "0x%X".formatted(b.u32le(0));
            default -> text(b);
        };
    }

    private static String text(Bytes b) { return b.paddedAscii().map(t -> "\"" + t + "\"").orElse(""); }
}
