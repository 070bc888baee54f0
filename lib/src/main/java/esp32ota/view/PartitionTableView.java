package esp32ota.view;

import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A partition table as a tablesaw {@link Table}, one row per entry in table order, spelled as gen_esp32part does. */
final class PartitionTableView {
    private PartitionTableView() {}

    static Table table(PartitionTable t) {
        List<PartitionEntry> es = t.entries();
        return Table.create("partitions at 0x%X".formatted(t.address()),
                strings("label", es, PartitionEntry::name),
                strings("type", es, PartitionTableView::type),
                strings("subtype", es, e -> e.knownSubtype().map(PartitionSubtype::keyword).orElse("0x%02x".formatted(e.subtype()))),
                strings("offset", es, e -> "0x%X".formatted(e.offset())),
                strings("size", es, e -> ByteSize.format(e.size())),
                strings("end", es, e -> "0x%X".formatted(e.end())),
                LongColumn.create("bytes", es.stream().mapToLong(PartitionEntry::size).toArray()),
                strings("flags", es, PartitionTableView::flags));
    }

    private static StringColumn strings(String name, List<PartitionEntry> es, Function<PartitionEntry, String> f) {
        return StringColumn.create(name, es.stream().map(f).toList());
    }

    /** The type's keyword ({@code app}, {@code data}, …) or, for a custom type, its code ({@code 0x40}). */
    static String type(PartitionEntry e) {
        return e.knownType().map(PartitionType::keyword).orElse("0x%02x".formatted(e.type()));
    }

    /** {@code "encrypted:readonly"} as in a CSV; unknown bits in hex; empty when no flag is set. */
    static String flags(PartitionEntry e) {
        List<String> words = new ArrayList<>();
        if (e.encrypted()) words.add("encrypted");
        if (e.readonly()) words.add("readonly");
        if (e.unknownFlags() != 0) words.add("0x%X".formatted(e.unknownFlags()));
        return String.join(":", words);
    }
}
