package esp32ota.boot;

import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The partition table as the 2nd-stage bootloader sees it ({@code bootloader_state_t}, filled by
 * {@code bootloader_utility_load_partition_table}): it walks the rows in order and keeps, for each role, the
 * <b>last</b> row that has it.
 * <ul>
 * <li>{@code ota[subtype & 0xF]} for every app row with subtype 0x10–0x1F, and {@code app_count} counts those rows.
 *     With a gap (ota_0 and ota_2 only) app_count is 2, so slot 2 is out of reach and index 1 is empty: the bootloader
 *     counts differently from the application ({@code esp32ota.ota.AppView}).</li>
 * <li>factory (app/0x00), test (app/0x20) and otadata (data/0x00).</li>
 * </ul>
 * A role is "absent" when its position is {0, 0}: the selection tests offset != 0, the load loop tests size != 0.
 */
public record BootloaderView(Optional<PartitionEntry> otadata, Optional<PartitionEntry> factory,
                             Optional<PartitionEntry> test, Map<Integer, PartitionEntry> ota, int appCount) {
    /** {@code MAX_OTA_SLOTS}: the size of the bootloader's {@code ota[]} array. */
    public static final int MAX_OTA_SLOTS = 16;

    public BootloaderView {
        ota = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ota));   // slot order, for readers
    }

    public static BootloaderView of(PartitionTable table) {
        PartitionEntry otadata = null, factory = null, test = null;
        Map<Integer, PartitionEntry> ota = new TreeMap<>();
        int appCount = 0;
        for (PartitionEntry e : table.entries()) {
            if (e.isApp() && e.subtype() == PartitionSubtype.APP_FACTORY.code()) factory = e;
            else if (e.isApp() && e.subtype() == PartitionSubtype.APP_TEST.code()) test = e;
            else if (e.isOtaApp()) {
                ota.put(e.otaSlot(), e);
                appCount++;
            } else if (e.is(PartitionSubtype.DATA_OTA)) otadata = e;
        }
        return new BootloaderView(Optional.ofNullable(otadata), Optional.ofNullable(factory),
                Optional.ofNullable(test), ota, appCount);
    }

    /** {@code bs->ota_info.offset != 0}. */
    public boolean hasOtadata() { return otadata.filter(p -> p.offset() != 0).isPresent(); }

    /** {@code bs->factory.offset != 0}: the selection's test for "there is a factory app". */
    public boolean hasFactory() { return factory.filter(p -> p.offset() != 0).isPresent(); }

    /** {@code bs->ota[slot]} without the app_count bound (what the anti-rollback selection reads). */
    public Optional<PartitionEntry> otaArray(int slot) { return Optional.ofNullable(ota.get(slot)); }

    /**
     * {@code index_to_partition}: factory for -1, test for -2, {@code ota[index]} when index < 16 and index <
     * app_count; empty otherwise.
     */
    public Optional<PartitionEntry> partition(int index) {
        if (index == AppSlot.FACTORY_INDEX) return factory;
        if (index == AppSlot.TEST_APP_INDEX) return test;
        if (index >= 0 && index < MAX_OTA_SLOTS && index < appCount) return otaArray(index);
        return Optional.empty();
    }

    /** A partition the load loop will try: {@link #partition(int)} with a non-zero size. */
    public Optional<PartitionEntry> candidate(int index) { return partition(index).filter(p -> p.size() != 0); }
}
