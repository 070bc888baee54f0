package esp32ota.analysis;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * One file of a scan: what it is and, for images, the fields esptool {@code image_info} prints. Null means "does not
 * apply" (a partition table has no chip) and shows as a missing value in the table and {@code null} in JSON
 * ({@link esp32ota.describe.CorpusJson}).
 *
 * @param path          the file's path relative to the scanned folder ({@code /} separated)
 * @param kind          {@link FileKind}
 * @param chip          esptool's chip name
 * @param size          bytes
 * @param segments      the header's segment count
 * @param flashMode     {@code DIO}, …
 * @param flashSize     {@code 4MB}, …
 * @param flashSpeed    {@code 40m}, …
 * @param project       the app descriptor's project name
 * @param version       the app's version (a bootloader's: its descriptor's version number)
 * @param idfVer        ESP-IDF version
 * @param compileDate   {@code Jul 25 2024}
 * @param compileTime   {@code 16:23:40}
 * @param secureVersion the anti-rollback version
 * @param checksumOk    the XOR checksum matches
 * @param hashOk        the appended SHA-256 matches (null: no hash appended)
 * @param verdict       images: {@code bootable} / {@code NOT bootable: …}; dumps: {@code boots ota_0} / {@code NOT
 *                      bootable: nothing boots}
 * @param sha256        SHA-256 of the whole file (hex)
 * @param note          what else was seen
 * @param error         why the file could not be read or decoded as its kind
 */
public record CorpusRow(String path, FileKind kind, String chip, long size, Integer segments, String flashMode,
                        String flashSize, String flashSpeed, String project, String version, String idfVer,
                        String compileDate, String compileTime, Long secureVersion, Boolean checksumOk, Boolean hashOk,
                        String verdict, String sha256, String note, String error) {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("path", "kind", "chip", "size", "segments", "flash_mode",
            "flash_size", "flash_speed", "project", "version", "idf_ver", "compile_date", "compile_time",
            "secure_version", "checksum_ok", "hash_ok", "verdict", "sha256", "note", "error");

    /** The row for a file identified as {@code id}. */
    public static CorpusRow of(String path, long size, String sha256, Identification id) {
        ImageFacts f = id.facts();
        String verdict = f == null ? null : f.verdict();
        if (id.dump() != null) {
            verdict = id.dump().decision().booted().map(s -> "boots " + s).orElse("NOT bootable: nothing boots");
        }
        if (f == null && id.error() != null && id.note() != null && id.note().startsWith("NOT bootable")) {
            verdict = id.note();
        }
        boolean image = f != null && id.dump() == null;
        var boot = id.dump() == null ? null : id.dump().bootloader().flatMap(DumpReport.BootloaderPart::facts).orElse(null);
        ImageFacts header = image ? f : boot;
        return new CorpusRow(path, id.kind(), id.chip(), size, image ? Integer.valueOf(f.segments()) : null,
                header == null ? null : header.flashMode(), header == null ? null : header.flashSize(),
                header == null ? null : header.flashSpeed(), f == null ? null : f.project(),
                f == null ? null : f.version(), f == null ? null : f.idfVer(), f == null ? null : f.compileDate(),
                f == null ? null : f.compileTime(), f == null ? null : f.secureVersion(),
                f == null ? null : f.checksumOk(), f == null ? null : f.hashOk(), verdict, sha256,
                id.note() != null && id.note().equals(verdict) ? null : id.note(), id.error());
    }

    /** A file that could not be read at all. */
    public static CorpusRow unreadable(String path, long size, String error) {
        return new CorpusRow(path, FileKind.UNKNOWN, null, size, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, error);
    }

    /** The same row with the file's SHA-256 and an error. */
    CorpusRow withHash(String sha, String why) {
        return new CorpusRow(path, kind, chip, size, segments, flashMode, flashSize, flashSpeed, project, version,
                idfVer, compileDate, compileTime, secureVersion, checksumOk, hashOk, verdict, sha, note, why);
    }

    /** True when the file was read and decoded as its kind. */
    public boolean ok() { return error == null; }

    /** The rows as one tablesaw table, a column per field ({@link #COLUMNS}), missing values where null. */
    public static Table table(String name, List<CorpusRow> rows) {
        StringColumn path = StringColumn.create("path"), kind = StringColumn.create("kind"),
                chip = StringColumn.create("chip"), mode = StringColumn.create("flash_mode"),
                fsize = StringColumn.create("flash_size"), speed = StringColumn.create("flash_speed"),
                project = StringColumn.create("project"), version = StringColumn.create("version"),
                idf = StringColumn.create("idf_ver"), date = StringColumn.create("compile_date"),
                time = StringColumn.create("compile_time"), verdict = StringColumn.create("verdict"),
                sha = StringColumn.create("sha256"), note = StringColumn.create("note"),
                error = StringColumn.create("error");
        LongColumn size = LongColumn.create("size"), secure = LongColumn.create("secure_version");
        IntColumn segments = IntColumn.create("segments");
        BooleanColumn checksum = BooleanColumn.create("checksum_ok"), hash = BooleanColumn.create("hash_ok");
        for (CorpusRow r : rows) {
            path.append(r.path);
            kind.append(r.kind.label());
            str(chip, r.chip);
            size.append(r.size);
            if (r.segments == null) segments.appendMissing(); else segments.append(r.segments);
            str(mode, r.flashMode);
            str(fsize, r.flashSize);
            str(speed, r.flashSpeed);
            str(project, r.project);
            str(version, r.version);
            str(idf, r.idfVer);
            str(date, r.compileDate);
            str(time, r.compileTime);
            if (r.secureVersion == null) secure.appendMissing(); else secure.append(r.secureVersion);
            if (r.checksumOk == null) checksum.appendMissing(); else checksum.append(r.checksumOk);
            if (r.hashOk == null) hash.appendMissing(); else hash.append(r.hashOk);
            str(verdict, r.verdict);
            str(sha, r.sha256);
            str(note, r.note);
            str(error, r.error);
        }
        return Table.create(name, path, kind, chip, size, segments, mode, fsize, speed, project, version, idf, date,
                time, secure, checksum, hash, verdict, sha, note, error);
    }

    private static void str(StringColumn c, String v) {
        if (v == null) c.appendMissing(); else c.append(v);
    }
}
