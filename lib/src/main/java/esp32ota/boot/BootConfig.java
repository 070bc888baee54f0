package esp32ota.boot;

import java.util.Optional;
import java.util.Set;

/**
 * What the bootloader and the OTA API depend on besides the table and otadata.
 *
 * @param rollback     {@code CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE}: new images start NEW, the bootloader turns NEW
 *                     into PENDING_VERIFY and an unconfirmed PENDING_VERIFY into ABORTED
 * @param antiRollback {@code CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK} with its eFuse and app versions, when enabled
 * @param unbootable   app partitions whose image fails to load or verify (bad checksum, hash, signature, erased)
 */
public record BootConfig(boolean rollback, Optional<AntiRollback> antiRollback, Set<AppSlot> unbootable) {
    public BootConfig {
        unbootable = Set.copyOf(unbootable);
    }

    /** Rollback on or off, no anti-rollback, every image loads. */
    public static BootConfig of(boolean rollback) { return new BootConfig(rollback, Optional.empty(), Set.of()); }

    public BootConfig withAntiRollback(AntiRollback a) { return new BootConfig(rollback, Optional.of(a), unbootable); }

    public BootConfig withUnbootable(Set<AppSlot> slots) { return new BootConfig(rollback, antiRollback, slots); }

    /** Whether this partition's image loads and verifies. */
    public boolean loads(AppSlot slot) { return !unbootable.contains(slot); }
}
