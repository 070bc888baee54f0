package esp32ota.analysis;

import esp32ota.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of a flash region holds data: NOR flash reads 0xFF where it was erased and never written, so a 4 KiB
 * sector (the erase unit) of nothing but 0xFF is free, any other sector is used. Runs of equal sectors are merged.
 * A region the file does not cover (a merged image ends after its last app) is counted as {@code absent}.
 *
 * @param size   the region's size in flash
 * @param used   bytes in sectors that hold something other than 0xFF
 * @param erased bytes in all-0xFF sectors
 * @param absent bytes beyond the end of the file
 * @param runs   the region sector by sector, merged: offsets relative to the region's start
 */
public record Fill(long size, long used, long erased, long absent, List<Run> runs) {
    public static final int SECTOR = 0x1000;

    /** A run of sectors of one state: {@code used}, {@code erased} or {@code absent}. */
    public record Run(long offset, long length, String state) {}

    public Fill { runs = List.copyOf(runs); }

    /** The fill of the {@code size} bytes at {@code from} in {@code file} (the file may end before). */
    public static Fill of(Bytes file, long from, long size) {
        List<Run> runs = new ArrayList<>();
        long used = 0, erased = 0;
        long inFile = Math.max(0, Math.min(size, file.size() - from));
        for (long at = 0; at < inFile; at += SECTOR) {
            long n = Math.min(SECTOR, inFile - at);
            boolean blank = allFF(file, (int) (from + at), (int) (from + at + n));
            if (blank) erased += n; else used += n;
            add(runs, at, n, blank ? "erased" : "used");
        }
        if (inFile < size) add(runs, inFile, size - inFile, "absent");
        return new Fill(size, used, erased, size - inFile, runs);
    }

    /** Share of the region that holds data, 0.0 to 1.0 (of the whole size, absent bytes counted as not used). */
    public double usedShare() { return size == 0 ? 0 : (double) used / size; }

    private static boolean allFF(Bytes file, int from, int to) {
        return file.allEqual(from, to, 0xFF);
    }

    private static void add(List<Run> runs, long at, long n, String state) {
        if (!runs.isEmpty() && runs.get(runs.size() - 1).state().equals(state)) {
            Run last = runs.remove(runs.size() - 1);
            runs.add(new Run(last.offset(), last.length() + n, state));
        } else {
            runs.add(new Run(at, n, state));
        }
    }
}
