package esp32ota.flash;

/**
 * What a flash has done since it was made: operations, bytes programmed and erases per 4 KiB sector (the wear an
 * update costs). A 64 KiB block erase counts once for each of its sixteen sectors; an erase a power cut interrupted
 * counts for the sectors it reached; a copy ({@link NorFlash#copy()}) starts with its source's counts.
 *
 * @param operations      erases and page programs issued, the interrupted one included
 * @param bytesProgrammed bytes a page program actually wrote (a torn program counts the bytes it got done)
 * @param erasesPerSector erase count of sector {@code i} (address {@code i * 0x1000}) at index {@code i}
 */
public record FlashCounters(long operations, long bytesProgrammed, int[] erasesPerSector) {
    public FlashCounters { erasesPerSector = erasesPerSector.clone(); }

    /** How many times sector number {@code sector} (not its address) was erased. */
    public int erases(int sector) { return erasesPerSector[sector]; }

    /** Sector erases over the whole chip (a block erase counts sixteen). */
    public long totalSectorErases() {
        long n = 0;
        for (int e : erasesPerSector) n += e;
        return n;
    }

    @Override public int[] erasesPerSector() { return erasesPerSector.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof FlashCounters c && c.operations == operations && c.bytesProgrammed == bytesProgrammed
                && java.util.Arrays.equals(c.erasesPerSector, erasesPerSector);
    }

    @Override public int hashCode() {
        return (Long.hashCode(operations) * 31 + Long.hashCode(bytesProgrammed)) * 31
                + java.util.Arrays.hashCode(erasesPerSector);
    }

    @Override public String toString() {
        return "FlashCounters[operations=%d, bytesProgrammed=%d, sectorErases=%d]".formatted(operations,
                bytesProgrammed, totalSectorErases());
    }
}
