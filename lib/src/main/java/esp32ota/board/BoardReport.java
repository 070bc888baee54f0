package esp32ota.board;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.loader.RomLoaderClient;
import esp32ota.ota.FlashedApps;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionTable;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Board#read} found on a board, and what its bootloader will do with it.
 *
 * @param chip       chip, description, features, crystal, MAC, flash id
 * @param flashSize  from the flash id's capacity byte
 * @param table      the partition table at 0x8000
 * @param otadata    both otadata copies (erased when the table has no otadata partition)
 * @param apps       every app partition's image, its descriptor and {@code esp_image_verify}'s verdict
 * @param prediction {@code Bootloader.decide} on what was read: the slot the next reset boots, and why
 * @param readBytes  how many flash bytes were read over the line
 */
public record BoardReport(RomLoaderClient.Esp32Summary chip, long flashSize, PartitionTable table, OtaData otadata,
                          FlashedApps apps, BootDecision prediction, long readBytes) {
    /** The slot the bootloader will boot, if any. */
    public Optional<AppSlot> nextBoot() { return prediction.booted(); }

    /** One line per app slot: {@code ota_0  0x10000  blink 1.0.0  bootable}. */
    public List<String> slotLines() {
        return apps.images().values().stream().map(i -> "%-8s 0x%06x  %-24s %s".formatted(i.slot(),
                i.partition().offset(), i.descriptor().map(d -> d.projectNameText() + " " + d.versionText())
                        .orElse("(no app description)"), i.bootable() ? "bootable" : "not bootable: "
                        + i.verdict().summary())).toList();
    }
}
