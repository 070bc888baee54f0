package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootloaderView;
import esp32ota.boot.Journal;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;

import java.util.List;
import java.util.Optional;

/**
 * The partition table as the application sees it (esp_ota_ops.c): every lookup is
 * {@code esp_partition_find_first(type, subtype)}, the <b>first</b> row with that role, and the OTA slot count is
 * {@code esp_ota_get_app_partition_count()}: ota_0, ota_1, … up to the first missing subtype. With ota_0 and ota_2
 * only, the app counts 1 slot while the bootloader counts 2 ({@link BootloaderView}).
 */
public record AppView(PartitionTable table) {
    public static AppView of(PartitionTable table) { return new AppView(table); }

    /** {@code esp_partition_find_first(APP, slot's subtype)}. */
    public Optional<PartitionEntry> find(AppSlot slot) {
        return table.entries().stream().filter(e -> e.isApp() && e.subtype() == slot.subtype()).findFirst();
    }

    /** {@code esp_partition_find_first(DATA, OTA)}. */
    public Optional<PartitionEntry> otadata() { return table.find(PartitionSubtype.DATA_OTA); }

    /** {@code esp_ota_get_app_partition_count()}: contiguous OTA slots from ota_0. */
    public int otaCount() {
        int n = 0;
        while (n < PartitionSubtype.APP_OTA_COUNT && find(AppSlot.ota(n)).isPresent()) n++;
        return n;
    }

    /** The otadata bytes placed at the otadata partition's address, when the table has one. */
    OtaData place(OtaData otadata) { return otadata().map(p -> otadata.at(p.offset())).orElse(otadata); }

    /** {@code read_otadata} (esp_ota_ops.c): both copies, or empty with "not found otadata" when there is no partition. */
    Optional<List<OtaSelectEntry>> readOtadata(Journal j) {
        if (otadata().isEmpty()) {
            j.log('E', OtaOps.TAG, "not found otadata");
            j.explain("the table has no otadata partition (data/ota)");
            return Optional.empty();
        }
        return Optional.of(j.otadata().copies());
    }
}
