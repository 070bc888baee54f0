package esp32ota.boot;

import esp32ota.partition.PartitionEntry;

/** How a boot ends. Both failures end in {@code bootloader_reset()} on a device, so it tries again forever. */
public sealed interface BootOutcome permits BootOutcome.Booted, BootOutcome.NothingBootable, BootOutcome.SelectionFailed {
    /** The bootloader loaded this app and jumps to it. */
    record Booted(AppSlot slot, PartitionEntry partition) implements BootOutcome {}

    /** Every candidate failed: "No bootable app partitions in the partition table", reset. */
    record NothingBootable() implements BootOutcome {}

    /** The selection could not even start (INVALID_INDEX, or a division by app_count = 0): reset. */
    record SelectionFailed(String reason) implements BootOutcome {}
}
