package esp32ota.flash;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run of flash operations did to each 4 KiB sector: how many times it was erased and how many page programs
 * wrote into it. This is the data behind a "flash activity map" (one cell per sector, coloured by activity), built
 * from the operations a {@link NorFlash} listener collected:
 * <pre>{@code
 * List<FlashOp> ops = new ArrayList<>();
 * flash.addListener(ops::add);
 * ... run the update ...
 * FlashActivity map = FlashActivity.of(ops, flash.size());
 * }</pre>
 * A 64 KiB block erase counts as one erase of each of its sixteen sectors.
 *
 * @param flashSize size of the flash the operations ran on
 * @param sectors   one entry per sector, sector 0 first
 */
public record FlashActivity(long flashSize, List<SectorActivity> sectors) {
    /**
     * One sector's share.
     *
     * @param index           sector number (address / 0x1000)
     * @param erases          erases that covered this sector
     * @param pagesProgrammed page programs inside this sector (the same page twice counts twice)
     * @param bytesProgrammed bytes those page programs were given
     */
    public record SectorActivity(int index, int erases, int pagesProgrammed, long bytesProgrammed) {
        /** First address of the sector. */
        public long address() { return (long) index * NorFlash.SECTOR_SIZE; }

        /** Whether anything happened to this sector. */
        public boolean touched() { return erases > 0 || pagesProgrammed > 0; }
    }

    public FlashActivity { sectors = List.copyOf(sectors); }

    /** Counts {@code ops} per sector of a flash of {@code flashSize} bytes; refuses an operation outside it. */
    public static FlashActivity of(List<? extends FlashOp> ops, long flashSize) {
        NorFlash.checkSize(flashSize);
        int n = (int) (flashSize / NorFlash.SECTOR_SIZE);
        int[] erases = new int[n], pages = new int[n];
        long[] bytes = new long[n];
        for (FlashOp op : ops) {
            if (op.address() < 0 || op.address() + op.length() > flashSize) {
                throw new IllegalArgumentException("operation %d at 0x%X+0x%X is outside a %d MiB flash".formatted(
                        op.index(), op.address(), op.length(), flashSize >> 20));
            }
            int first = (int) (op.address() / NorFlash.SECTOR_SIZE);
            if (op instanceof FlashOp.Erase) {
                int last = (int) ((op.address() + op.length() - 1) / NorFlash.SECTOR_SIZE);
                for (int s = first; s <= last; s++) erases[s]++;
            } else {
                pages[first]++;                 // a page program never leaves its 256-byte page, so its sector
                bytes[first] += op.length();
            }
        }
        List<SectorActivity> list = new ArrayList<>(n);
        for (int s = 0; s < n; s++) list.add(new SectorActivity(s, erases[s], pages[s], bytes[s]));
        return new FlashActivity(flashSize, list);
    }

    /** Sector number {@code index}. */
    public SectorActivity sector(int index) { return sectors.get(index); }

    /** The sectors something happened to, in address order. */
    public List<SectorActivity> touched() { return sectors.stream().filter(SectorActivity::touched).toList(); }

    /** The most erases any one sector got (the wear hot spot). */
    public int maxErases() { return sectors.stream().mapToInt(SectorActivity::erases).max().orElse(0); }
}
