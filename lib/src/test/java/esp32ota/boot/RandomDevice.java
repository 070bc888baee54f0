package esp32ota.boot;

import esp32ota.bytes.Bytes;
import esp32ota.otadata.OtaCrc;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** jqwik generators: partition tables with any mix of factory, test and OTA slots (gaps, shuffled rows), otadata. */
final class RandomDevice {
    private RandomDevice() {}

    static final Long[] SEQS = {0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 15L, 16L, 17L, 31L, 0x7FFFFFFFL, 0xFFFFFFFDL,
            0xFFFFFFFEL, 0xFFFFFFFFL};
    static final Long[] STATES = {0L, 1L, 2L, 3L, 4L, 0xFFFFFFFFL, 5L, 0x12345678L};

    static Arbitrary<PartitionTable> tables() {
        Arbitrary<Set<Integer>> slots = Arbitraries.integers().between(0, 15).set().ofMaxSize(16);
        Arbitrary<Set<Integer>> contiguous = Arbitraries.integers().between(0, 16)
                .map(n -> { Set<Integer> s = new java.util.TreeSet<>(); for (int i = 0; i < n; i++) s.add(i); return s; });
        return Combinators.combine(Arbitraries.oneOf(slots, contiguous), Arbitraries.of(true, false),
                Arbitraries.of(true, false, false), Arbitraries.randoms()).as((ota, factory, test, random) -> {
            List<Integer> subtypes = new ArrayList<>();
            if (factory) subtypes.add(0x00);
            if (test && ota.size() < 16) subtypes.add(0x20);
            ota.forEach(n -> subtypes.add(0x10 + n));
            java.util.Collections.shuffle(subtypes, random);
            List<PartitionEntry> rows = new ArrayList<>();
            rows.add(new PartitionEntry(0, 1, 0x02, 0x9000, 0x4000, "nvs", 0));
            rows.add(new PartitionEntry(0, 1, 0x00, 0xD000, 0x2000, "otadata", 0));
            long at = 0x10000;
            for (int st : subtypes) {
                rows.add(new PartitionEntry(0, 0, st, at, 0x100000, "app" + rows.size(), 0));
                at += 0x100000;
            }
            return PartitionTable.of(0x8000, rows);
        });
    }

    static Arbitrary<OtaSelectEntry> entries() {
        Arbitrary<Long> seq = Arbitraries.oneOf(Arbitraries.of(SEQS),
                Arbitraries.longs().between(0, 0xFFFFFFFFL));
        Arbitrary<Long> state = Arbitraries.of(STATES);
        Arbitrary<Bytes> label = Arbitraries.oneOf(Arbitraries.just(Bytes.filled(20, 0xFF)), labels());
        Arbitrary<Boolean> crcRight = Arbitraries.of(true, true, true, true, false);
        return Combinators.combine(seq, state, label, crcRight, Arbitraries.of(true, false, false, false))
                .as((s, st, l, ok, isBlank) -> isBlank ? OtaSelectEntry.blank(0)
                        : new OtaSelectEntry(0, s, l, st, ok ? OtaCrc.of(s) : OtaCrc.of(s) ^ 0x5A5A5A5AL));
    }

    static Arbitrary<Bytes> labels() { return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Bytes::of); }

    static Arbitrary<OtaData> otadata() {
        return Combinators.combine(entries(), entries()).as((a, b) -> OtaData.erased(0xD000).withCopy(0, a).withCopy(1, b));
    }

    /** The app roles a table holds. */
    static List<AppSlot> apps(PartitionTable t) {
        return t.entries().stream().map(AppSlot::of).flatMap(java.util.Optional::stream).distinct().toList();
    }
}
