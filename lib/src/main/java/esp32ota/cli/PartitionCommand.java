package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.GenEsp32PartWords;
import esp32ota.describe.PartitionJson;
import esp32ota.describe.ToolErrors;
import esp32ota.partition.Md5Row;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionRules;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionTableException;
import esp32ota.partition.SecureBoot;
import esp32ota.partition.SubtypeNames;
import esp32ota.partition.Violation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code ./kit partition IN [OUT] …}: a partition table from CSV to binary or back, byte for byte what
 * gen_esp32part.py v1.5 {@code -q} writes and prints, including its warnings and error messages on stderr.
 */
public final class PartitionCommand implements Command {
    private static final Set<String> FLAGS = Set.of("--no-md5", "--no-verify", "--json");
    private static final Set<String> OPTIONS = Set.of("--offset", "--flash-size", "--primary-bootloader-offset",
            "--recovery-bootloader-offset", "--flash");

    @Override public String name() { return "partition"; }

    @Override public String summary() { return "partition table CSV <-> binary, exactly as gen_esp32part.py v1.5"; }

    @Override public String usage() {
        return """
                usage: ./kit partition IN [OUT] [--offset 0x8000] [--flash-size 4MB] [--no-md5] [--no-verify] [--json]
                                       [--primary-bootloader-offset N] [--recovery-bootloader-offset N]
                                       [--secure [v1|v2]] [--extra-partition-subtypes TYPE,NAME,VALUE ...]
                       ./kit partition --flash DUMP [--offset 0x8000] [--no-md5] [--no-verify] [--json]

                Converts a partition table between CSV and binary exactly as ESP-IDF's gen_esp32part.py v1.5 (-q).
                IN is a binary table when it starts with the bytes AA 50, otherwise CSV text (UTF-8).

                  CSV in      writes the 0xC00-byte binary to OUT (default: IN with the extension .bin; - = stdout)
                  binary in   prints the table as CSV, or writes it to OUT
                  --flash     prints the table a whole flash dump holds at --offset (e.g. one ./kit ota run --save
                              or ./kit device run --save wrote), as CSV or --json

                  --offset N          flash offset of the table (default 0x8000); partitions start at N+0x1000 or later
                  --flash-size S      check that the table fits in S: 1MB 2MB 4MB 8MB 16MB 32MB 64MB 128MB
                  --no-md5            write no MD5 row; an MD5 row in a binary then counts as a bad entry
                  --no-verify         skip the rules (alignment, overlaps, unique names, otadata, NVS size)
                  --json              print entries, MD5 row and warnings as JSON (instead of the CSV for binary in)
                  --primary-bootloader-offset N, --recovery-bootloader-offset N
                                      where ESP-IDF 5.x 'bootloader' rows live
                  --secure [v1|v2]    app partitions suit secure boot: v1 (also --secure alone) wants app sizes in
                                      multiples of 0x10000, v2 and no option 0x1000
                  --extra-partition-subtypes TYPE,NAME,VALUE ...
                                      more subtype keywords (ESP-IDF's extra_partition_subtypes), e.g. data,my_fs,0x40:
                                      TYPE app, data, bootloader or partition_table; VALUE hex, new for that type.
                                      It takes every argument after it, so give IN and OUT first

                $NAME and ${NAME} in a CSV come from the environment. Warnings and errors go to stderr in the tool's
                own words. Exit status: 0 done, 2 bad input (then nothing is written).
                """;
    }

    @Override public int run(List<String> argv, Console console) throws IOException {
        ToolOptions tool = ToolOptions.extract(argv);
        Args args = Args.parse(tool.rest(), FLAGS, OPTIONS).atMostPositionals(2);
        long offset = number(args, "--offset").orElse(PartitionTable.DEFAULT_ADDRESS);
        boolean fromDump = args.option("--flash").isPresent();
        if (fromDump && !args.positionals().isEmpty()) {
            throw new CliException("--flash DUMP takes no IN or OUT: the table is printed (CSV, or --json)");
        }
        Path in = console.path(fromDump ? args.option("--flash").get() : args.positional(0, "input file IN (CSV or binary)"));
        Optional<Integer> flashMb = fromDump ? Optional.empty() : args.option("--flash-size").map(PartitionCommand::flashSize);
        try {
            var options = new PartitionCsv.Options(console.env(), offset, number(args, "--primary-bootloader-offset"),
                    number(args, "--recovery-bootloader-offset"));         // checks the bootloader offset first, as the tool
            options = options.withSubtypes(SubtypeNames.standard().withExtras(tool.extraSubtypes()));
            var job = new Job(args, console, in, flashMb, new PartitionRules.Options(tool.secure(), options.subtypes()));
            if (fromDump) return job.fromBinary(FlashInputs.tableRegion(in, FlashInputs.dump(in), offset), offset);
            Bytes data = Bytes.of(OutputFile.read(in));
            return PartitionCsv.isBinary(data) ? job.fromBinary(data, offset) : job.fromCsv(text(data, in), options);
        } catch (PartitionTableException e) {
            console.err().print(GenEsp32PartWords.message(e) + "\n");
            return 2;
        }
    }

    /**
     * gen_esp32part's two options whose values the kit's {@link Args} cannot read, taken out of argv first, with the
     * tool's argparse rules: {@code --secure} takes the next argument as its value unless that starts with '-' (then
     * it means v1); {@code --extra-partition-subtypes} takes every following argument up to the next one starting
     * with '-' ({@code --secure=v2} and {@code --extra-partition-subtypes=ENTRY} take just that value). Arguments
     * after a lone {@code --} are left alone.
     *
     * @param rest everything else, in order
     */
    record ToolOptions(SecureBoot secure, List<String> extraSubtypes, List<String> rest) {
        static final String SECURE = "--secure", EXTRA = "--extra-partition-subtypes";

        static ToolOptions extract(List<String> argv) {
            SecureBoot secure = null;
            List<String> extra = null, rest = new ArrayList<>();
            for (int i = 0; i < argv.size(); i++) {
                String a = argv.get(i);
                if (a.equals("--")) {
                    rest.addAll(argv.subList(i, argv.size()));
                    break;
                }
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                if (name.equals(SECURE)) {
                    if (secure != null) throw new CliException("option --secure given twice");
                    String v = inline != null ? inline : i + 1 < argv.size() && isValue(argv.get(i + 1)) ? argv.get(++i) : "v1";
                    secure = SecureBoot.fromOption(v).orElseThrow(() -> new CliException(
                            "--secure: '" + v + "' is not v1 or v2 (--secure alone means v1)"));
                } else if (name.equals(EXTRA)) {
                    if (extra != null) throw new CliException("option " + EXTRA + " given twice");
                    extra = new ArrayList<>();
                    if (inline != null) extra.add(inline);
                    else while (i + 1 < argv.size() && isValue(argv.get(i + 1))) extra.add(argv.get(++i));
                } else {
                    rest.add(a);
                }
            }
            return new ToolOptions(secure == null ? SecureBoot.NONE : secure, extra == null ? List.of() : List.copyOf(extra),
                    List.copyOf(rest));
        }

        /** What argparse takes as a value rather than an option: anything not starting with '-', and '-' itself. */
        private static boolean isValue(String arg) { return !arg.startsWith("-") || arg.equals("-"); }
    }

    /** One run of the command: its arguments, the tool's rule options and where its output goes. */
    private record Job(Args args, Console console, Path in, Optional<Integer> flashMb, PartitionRules.Options rules) {
        int fromCsv(String text, PartitionCsv.Options options) throws IOException {
            Path out = args.positionals().size() > 1 ? console.path(args.positionals().get(1)) : defaultOutput(in);
            if (!isStdout(out)) OutputFile.refuseToOverwrite(in, out);
            else if (args.flag("--json")) throw new CliException("--json prints to stdout: give an OUT file for the binary");
            PartitionCsv.Parsed parsed = PartitionCsv.parseWithLines(text, options);
            List<Violation> messages = check(parsed.table(), List.of());
            if (!report(messages)) return 2;
            boolean md5 = !args.flag("--no-md5");
            PartitionTable table = parsed.requireEncodable();
            Bytes bin = table.encode(md5);
            if (args.flag("--json")) {
                console.out().print(JsonOutput.print(PartitionJson.of(table,
                        md5 ? Optional.of(new Md5Row(table.md5RowAddress(), table.md5OfEntries())) : Optional.empty(),
                        messages, rules.subtypes())));
            }
            if (isStdout(out)) console.out().write(bin.toByteArray());
            else OutputFile.write(out, bin.toByteArray());
            console.out().flush();
            return 0;
        }

        int fromBinary(Bytes data, long offset) throws IOException {
            Optional<Path> out = args.positionals().size() > 1
                    ? Optional.of(console.path(args.positionals().get(1))).filter(p -> !isStdout(p)) : Optional.empty();
            if (out.isPresent()) OutputFile.refuseToOverwrite(in, out.get());
            boolean md5 = !args.flag("--no-md5");
            PartitionTable table;
            try {
                esp32ota.partition.PartitionEntry.requireUtf8Labels(data, offset);          // gen_esp32part decodes every label
                table = PartitionTable.decode(data, offset, md5);
            } catch (DecodeException e) {
                report(PartitionRules.unknownFlags(rowsBefore(data, offset, e, md5)));
                console.err().print(ToolErrors.message(e) + "\n");
                return 2;
            }
            List<Violation> messages = check(table, PartitionRules.unknownFlags(table));
            if (!report(messages)) return 2;
            String text = args.flag("--json")
                    ? JsonOutput.print(PartitionJson.of(table, table.md5Row(), messages, rules.subtypes()))
                    : PartitionCsv.format(table, rules.subtypes());
            if (out.isPresent()) OutputFile.write(out.get(), text.getBytes(StandardCharsets.UTF_8));
            else console.out().print(text);
            return 0;
        }

        /** Decode-time warnings, then the rules (unless --no-verify), then the flash size (if asked). */
        private List<Violation> check(PartitionTable table, List<Violation> decodeWarnings) {
            List<Violation> all = new ArrayList<>(decodeWarnings);
            if (!args.flag("--no-verify")) all.addAll(PartitionRules.validate(table, rules));
            if (all.stream().noneMatch(Violation::isError)) {
                flashMb.flatMap(mb -> PartitionRules.flashSize(table, mb)).ifPresent(all::add);
            }
            return all;
        }

        /** Prints what the tool prints: each violation up to and including the first error. True if none. */
        private boolean report(List<Violation> messages) {
            for (Violation v : messages) {
                for (String line : GenEsp32PartWords.lines(v, rules.subtypes())) console.err().print(line + "\n");
                if (v.isError()) return false;
            }
            return true;
        }
    }

    /**
     * The rows that decoded before {@code e}: the tool has already printed their unknown-flag warnings when it
     * meets the bad row. They are the bytes up to the failing row, ended with an all-0xFF row.
     */
    private static PartitionTable rowsBefore(Bytes data, long offset, DecodeException e, boolean md5) {
        int rowStart = (int) ((e.address() - offset) / 32 * 32);
        return PartitionTable.decode(data.slice(0, rowStart).concat(Bytes.filled(32, 0xFF)), offset, md5);
    }

    /** IN with its extension replaced by .bin ({@code table.csv} → {@code table.bin}; {@code table} → {@code table.bin}). */
    static Path defaultOutput(Path in) {
        String name = in.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return in.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".bin");
    }

    private static boolean isStdout(Path p) { return p.getFileName() != null && p.getFileName().toString().equals("-"); }

    private static String text(Bytes data, Path in) {
        try {
            return PartitionCsv.utf8(data);
        } catch (PartitionTableException e) {
            throw new CliException(in.getFileName() + " is " + GenEsp32PartWords.message(e));
        }
    }

    /** An option holding a number written as Python's {@code int(x, 0)} reads it (the tool's own parser). */
    private static OptionalLong number(Args args, String option) {
        Optional<String> text = args.option(option);
        if (text.isEmpty()) return OptionalLong.empty();
        OptionalLong value = PartitionCsv.parseNumber(text.get());
        if (value.isEmpty()) throw new CliException(option + ": '" + text.get() + "' is not a usable number (e.g. 0x8000)");
        return value;
    }

    private static int flashSize(String text) {
        for (int mb : PartitionRules.FLASH_SIZES_MB) if (text.equals(mb + "MB")) return mb;
        throw new CliException("--flash-size: '" + text + "' is not one of 1MB, 2MB, 4MB, 8MB, 16MB, 32MB, 64MB, 128MB");
    }
}
