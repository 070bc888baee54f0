package esp32ota.ota;

import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.Bytes;
import esp32ota.flash.NorFlash;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.Optional;

/**
 * The otadata partition of a table, in a flash: read both copies, and apply one rewrite the way ESP-IDF's
 * {@code write_otadata} (app) and {@code bootloader_common_update_otadata} (bootloader) do it: erase the copy's
 * 4 KiB sector, then program its 32 bytes. A power cut between the two leaves the copy blank, which is the
 * design: the other copy still selects the old app.
 */
public final class OtadataInFlash {
    private OtadataInFlash() {}

    /** The table's otadata partition ({@code esp_partition_find_first(DATA, OTA)}). */
    public static Optional<PartitionEntry> partition(PartitionTable table) { return AppView.of(table).otadata(); }

    /** Both copies as the flash holds them; an erased otadata at 0 when the table has no otadata partition. */
    public static OtaData read(NorFlash flash, PartitionTable table) {
        return partition(table).map(p -> {
            int length = (int) Math.min(Math.max(p.size(), OtaData.SIZE), flash.size() - p.offset());
            return length < OtaData.SECTOR_SIZE + 0x20 ? OtaData.erased(p.offset())
                    : OtaData.decode(flash.read(p.offset(), length), p.offset());
        }).orElse(OtaData.erased(0));
    }

    /** Erases the sector of copy {@code w.sector()} and programs the entry (nothing to program if it is blank). */
    public static void write(NorFlash flash, PartitionTable table, OtadataWrite w) {
        PartitionEntry p = partition(table).orElseThrow(() -> new IllegalStateException("no otadata partition"));
        long at = p.offset() + (long) w.sector() * OtaData.SECTOR_SIZE;
        flash.eraseSector(at);
        Bytes entry = w.entry().encode();
        if (!entry.allEqual(0xFF)) flash.program(at, entry);
    }
}
