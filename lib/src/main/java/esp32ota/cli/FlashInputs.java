package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.GenEsp32PartWords;
import esp32ota.describe.ToolErrors;
import esp32ota.flash.FlashDump;
import esp32ota.flash.FlashDumpException;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionRules;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionTableException;
import esp32ota.partition.Violation;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The partition table and otadata a command works on, from separate files ({@code --table T --otadata O}) or from a
 * full flash dump ({@code --flash dump.bin [--table-offset 0x8000]}).
 */
record FlashInputs(PartitionTable table, Optional<OtaData> otadata, Path otadataSource) {
    static final java.util.Set<String> OPTIONS = java.util.Set.of("--table", "--otadata", "--flash", "--table-offset");

    /**
     * Reads what {@code args} names. With separate files, a table that has an otadata partition needs
     * {@code --otadata}, of that partition's size; with a dump, otadata is cut out of it (empty when the table has
     * none). {@code lastOtadata}: take the last data/ota row as the bootloader does, else the first as the app does.
     */
    static FlashInputs read(Args args, Console console, boolean lastOtadata) {
        long tableOffset = args.option("--table-offset").map(v -> number("--table-offset", v))
                .orElse(PartitionTable.DEFAULT_ADDRESS);
        if (args.option("--flash").isPresent()) {
            if (args.option("--table").isPresent() || args.option("--otadata").isPresent()) {
                throw new CliException("give either --flash or --table/--otadata, not both");
            }
            Path dumpPath = console.path(args.option("--flash").get());
            Bytes dump = dump(dumpPath);
            PartitionTable table = PartitionTable.decode(tableRegion(dumpPath, dump, tableOffset), tableOffset);
            Optional<PartitionEntry> part = otadataPartition(table, lastOtadata);
            Optional<OtaData> od = part.map(p -> {
                if (p.end() > dump.size()) {
                    throw new CliException("%s: the otadata partition 0x%x-0x%x lies beyond the end of the dump (%d bytes)"
                            .formatted(dumpPath, p.offset(), p.end(), dump.size()));
                }
                return OtaData.decode(dump.slice((int) p.offset(), (int) p.end()), p.offset());
            });
            return new FlashInputs(table, od, dumpPath);
        }
        Path tablePath = console.path(args.option("--table").orElseThrow(() -> new CliException(
                "missing --table T.csv|T.bin (or --flash dump.bin)")));
        PartitionTable table = table(tablePath, tableOffset, console);
        Optional<PartitionEntry> part = otadataPartition(table, lastOtadata);
        Optional<Path> otadataPath = args.option("--otadata").map(console::path);
        if (otadataPath.isEmpty() && part.isPresent()) {
            throw new CliException("missing --otadata O.bin: the table has an otadata partition at 0x%x"
                    .formatted(part.get().offset()));
        }
        Optional<OtaData> od = otadataPath.map(p -> otadata(p, part.map(PartitionEntry::offset).orElse(0L)));
        if (od.isPresent() && part.isPresent() && od.get().size() != part.get().size()) {
            throw new CliException("%s: %d bytes, but the table's otadata partition at 0x%x is %d bytes; sizes must match"
                    .formatted(otadataPath.get(), od.get().size(), part.get().offset(), part.get().size()));
        }
        return new FlashInputs(table, od, otadataPath.orElse(tablePath));
    }

    /** A flash dump file of any size ({@link FlashDump#read}); what is wrong with it is a one-line usage error. */
    static Bytes dump(Path path) {
        try {
            return FlashDump.read(path);
        } catch (FlashDumpException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * The bytes of a flash dump where the partition table lives: from {@code tableOffset}, at most the table's 0xC00
     * bytes. A dump too short to hold even one entry there is a one-line error naming the file.
     */
    static Bytes tableRegion(Path dumpPath, Bytes dump, long tableOffset) {
        if (tableOffset < 0 || dump.size() < tableOffset + PartitionEntry.SIZE) {
            throw new CliException("%s: %d bytes, too short for a partition table at 0x%x".formatted(dumpPath,
                    dump.size(), tableOffset));
        }
        return dump.slice((int) tableOffset, (int) Math.min(dump.size(), tableOffset + PartitionTable.MAX_LENGTH));
    }

    /** The otadata to hand to the library: the given bytes, or erased ones when the table has no otadata partition. */
    OtaData otadataOrErased() { return otadata.orElseGet(() -> OtaData.erased(0)); }

    /** An otadata image file; a file too short for both copies is a one-line error naming the file. */
    static OtaData otadata(Path path, long address) {
        Bytes b = Bytes.of(OutputFile.read(path));
        try {
            return OtaData.decode(b, address);
        } catch (DecodeException e) {
            throw new CliException(path + ": " + ToolErrors.message(e));
        }
    }

    /**
     * A partition table file, binary or CSV, told apart as gen_esp32part does (binary starts with AA 50). A CSV is
     * parsed and verified as gen_esp32part does by default ({@code $VARS} from the console's environment), since a
     * table the tool refuses never reaches a device; a binary is taken as the bootloader reads it.
     */
    static PartitionTable table(Path path, long offset, Console console) {
        Bytes b = Bytes.of(OutputFile.read(path));
        if (b.size() >= 3 && b.u8(0) == 0xEF && b.u8(1) == 0xBB && b.u8(2) == 0xBF) {
            console.err().println("warning: " + path + " starts with a UTF-8 byte-order mark (U+FEFF); gen_esp32part"
                    + " v1.5 as the kit follows it (arduino-esp32's copy) keeps it as text, in the first row's name, while"
                    + " ESP-IDF v5.5's copy drops it: save the CSV without it");
        }
        try {
            PartitionTable t = PartitionCsv.read(b, new PartitionCsv.Options(console.env(), offset,
                    OptionalLong.empty(), OptionalLong.empty()));
            if (PartitionCsv.isBinary(b)) return t;                // the bootloader takes a binary as it is
            PartitionRules.validate(t).stream().filter(Violation::isError).findFirst()
                    .ifPresent(v -> {
                        throw new CliException("%s: %s (gen_esp32part refuses this table)"
                                .formatted(path, GenEsp32PartWords.message(v)));
                    });
            return t;
        } catch (DecodeException e) {
            throw new CliException(path + ": " + ToolErrors.message(e));
        } catch (PartitionTableException e) {
            throw new CliException(path + ": " + GenEsp32PartWords.message(e).lines().findFirst().orElse(""));
        }
    }

    static Optional<PartitionEntry> otadataPartition(PartitionTable table, boolean last) {
        var rows = table.entries().stream().filter(e -> e.is(esp32ota.partition.PartitionSubtype.DATA_OTA)).toList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(last ? rows.size() - 1 : 0));
    }

    /** A flash offset or size for an option ({@link Args#number}: decimal or 0x-hex, below 4 GiB). */
    static long number(String option, String value) {
        return Args.number(option, value, 0xFFFF_FFFFL, false);
    }
}
