package esp32ota.flash;

/**
 * What a flash has done since it was made: operations, bytes programmed and erases per 4 KiB sector (the wear an
 * update costs).
 */
public record FlashCounters(long operations, long bytesProgrammed, int[] erasesPerSector) {
    public FlashCounters { erasesPerSector = erasesPerSector.clone(); }

    public int erases(int sector) { return erasesPerSector[sector]; }

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

    @Override public int hashCode() { return Long.hashCode(operations) * 31 + java.util.Arrays.hashCode(erasesPerSector); }

    @Override public String toString() {
        return "FlashCounters[operations=%d, bytesProgrammed=%d, sectorErases=%d]".formatted(operations,
                bytesProgrammed, totalSectorErases());
    }
}
