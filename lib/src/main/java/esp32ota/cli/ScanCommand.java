package esp32ota.cli;

import esp32ota.analysis.Corpus;
import esp32ota.analysis.CorpusRow;
import esp32ota.describe.CorpusJson;
import esp32ota.image.Chip;
import tech.tablesaw.api.Table;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ./kit scan PATH [--csv OUT.csv] [--json] [--chip NAME]}: what each firmware file under PATH is. */
final class ScanCommand implements Command {
    @Override public String name() { return "scan"; }

    @Override public String summary() { return "what each firmware file in a folder is: kind, chip, version, verdict"; }

    @Override public String usage() {
        return """
                usage: ./kit scan PATH [--csv OUT.csv] [--json] [--chip NAME]

                  PATH            a file, a flash dump or a folder (searched recursively, links followed)
                  (no option)     an aligned table on stdout: path, kind, chip, size, project and version, IDF,
                                  verdict, and what else was seen or went wrong
                  --csv OUT.csv   every column (kind, chip, size, segments, flash mode/size/speed, project, version,
                                  idf_ver, compile date/time, secure_version, checksum_ok, hash_ok, verdict, sha256,
                                  note, error) to OUT.csv; a summary on stdout
                  --json          {"rows": [...]} on stdout, one object per file, every key present
                  --chip NAME     judge images for this chip (esp32, esp32c3, ...) instead of the chip they name

                Kinds: app image, bootloader, ESP8266 image, flash dump (full or merged), partition table, otadata,
                encrypted, unknown. A file that cannot be read or decoded is a row with an error: the exit status is
                0 whenever PATH itself could be read, 2 when it cannot.
                """;
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"), Set.of("--csv", "--chip")).atMostPositionals(1);
        Path root = console.path(args.positional(0, "PATH"));
        Optional<Chip> chip = args.option("--chip").map(n -> Chip.fromName(n).orElseThrow(() -> new CliException(
                "unknown chip '" + n + "' (esp32, esp32s2, esp32s3, esp32c2, esp32c3, esp32c5, esp32c6, esp32h2, "
                        + "esp32p4, ...)")));
        Optional<Path> csv = args.option("--csv").map(console::path);
        csv.ifPresent(OutputFile::checkWritable);
        if (csv.isPresent() && args.flag("--json")) throw new CliException("--csv and --json: choose one");
        if (csv.isPresent() && Files.exists(csv.get())
                && csv.get().toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
            throw new CliException("refusing to overwrite " + csv.get() + ", one of the files scanned; choose another output");
        }
        if (!Files.exists(root)) throw new CliException("cannot read " + root + ": no such file or folder");
        if (!Files.isDirectory(root) && !Files.isRegularFile(root)) {
            throw new CliException("cannot read " + root + ": a device, FIFO or other special file, not a file or folder");
        }
        if (!Files.isReadable(root)) throw new CliException("cannot read " + root + ": permission denied");
        ProgressBar bar = new ProgressBar(console, System.console() != null);
        int threads = Runtime.getRuntime().availableProcessors();
        if (args.flag("--json")) {                          // streamed: each row printed once it is its turn
            var w = JsonOutput.writer(console.out());
            w.beginObject().name("rows").beginArray();
            Corpus.scan(root, chip, threads, bar::show, r -> JsonOutput.write(CorpusJson.row(r), w));
            bar.done();
            w.endArray().endObject().flush();
            console.out().println();
            return 0;
        }
        List<CorpusRow> rows = Corpus.rows(root, chip, threads, bar::show);
        bar.done();
        long bad = rows.stream().filter(r -> !r.ok()).count();
        if (csv.isPresent()) {
            Table t = CorpusRow.table(root.getFileName() == null ? "scan" : root.getFileName().toString(), rows);
            StringWriter w = new StringWriter();
            t.write().csv(w);
            OutputFile.write(csv.get(), w.toString().getBytes(StandardCharsets.UTF_8));
            console.out().printf("%d files scanned (%d with errors); %d columns written to %s%n", rows.size(), bad,
                    t.columnCount(), csv.get());
        } else {
            console.out().print(text(rows));
            console.out().printf("%d files, %d with errors%n", rows.size(), bad);
        }
        return 0;
    }

    /** The rows as an aligned table with the columns people read first. */
    static String text(List<CorpusRow> rows) {
        String[] head = {"path", "kind", "chip", "size", "app", "idf", "verdict", "note / error"};
        List<String[]> cells = new java.util.ArrayList<>();
        cells.add(head);
        for (CorpusRow r : rows) {
            String app = r.project() == null ? "" : (r.project() + " " + r.version()).trim();
            if (r.project() == null && r.version() != null) app = "v" + r.version();
            cells.add(new String[] {r.path(), r.kind().label(), orEmpty(r.chip()), Long.toString(r.size()), app,
                    orEmpty(r.idfVer()), orEmpty(r.verdict()), r.error() != null ? "error: " + r.error() : orEmpty(r.note())});
        }
        int[] width = new int[head.length];
        for (String[] c : cells) for (int i = 0; i < c.length; i++) width[i] = Math.max(width[i], c[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                boolean number = i == 3 && c != head;
                String cell = number ? " ".repeat(width[i] - c[i].length()) + c[i] : c[i];
                line.append(i == c.length - 1 ? cell : cell + " ".repeat(width[i] - cell.length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    /** A one-line bar on stderr, redrawn at most every 100 ms, only when the terminal is interactive. */
    private static final class ProgressBar {
        private final Console console;
        private final boolean on;
        private long last;

        ProgressBar(Console console, boolean on) {
            this.console = console;
            this.on = on;
        }

        void show(Corpus.Progress p) {
            if (!on) return;
            long now = System.nanoTime();
            if (now - last < 100_000_000L && p.files() < p.totalFiles()) return;
            last = now;
            console.err().print("\r" + p.bar(30));
        }

        void done() { if (on) console.err().print("\r" + " ".repeat(79) + "\r"); }
    }
}
