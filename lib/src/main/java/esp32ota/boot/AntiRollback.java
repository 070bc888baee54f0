package esp32ota.boot;

import java.util.Map;
import java.util.Optional;

/**
 * {@code CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK}: each app carries a {@code secure_version} in its
 * {@code esp_app_desc_t}, and an eFuse counter holds the lowest version the chip still accepts
 * ({@code esp_efuse_check_secure_version}: app secure_version &ge; eFuse). Booting or confirming an app raises the
 * counter to the app's version; burnt eFuse bits never clear, so the counter only grows.
 *
 * @param efuseSecureVersion the counter ({@code esp_efuse_read_secure_version}, a count of burnt bits)
 * @param efuseFieldBits     how many bits the field has (32 on ESP32, 16 on later chips, or
 *                           {@code CONFIG_BOOTLOADER_APP_SEC_VER_SIZE_EFUSE_FIELD} if smaller): the largest version
 *                           that can be burnt
 * @param secureVersions     each app partition's secure_version; a partition that is not listed has no readable
 *                           app description (wrong magic, erased), which fails the check
 */
public record AntiRollback(long efuseSecureVersion, int efuseFieldBits, Map<AppSlot, Long> secureVersions) {
    /** The ESP32's field: 32 bits. */
    public static final int ESP32_FIELD_BITS = 32;

    public AntiRollback {
        if (efuseFieldBits < 1 || efuseFieldBits > 32) throw new IllegalArgumentException("eFuse field has 1-32 bits");
        if (efuseSecureVersion < 0 || efuseSecureVersion > efuseFieldBits) {
            throw new IllegalArgumentException("eFuse secure version %d does not fit a %d-bit field"
                    .formatted(efuseSecureVersion, efuseFieldBits));
        }
        secureVersions.values().forEach(v -> {
            if (v < 0 || v > 0xFFFF_FFFFL) throw new IllegalArgumentException("secure_version " + v + " is not a u32");
        });
        var sorted = new java.util.TreeMap<AppSlot, Long>(java.util.Comparator.comparingInt(AppSlot::index));
        sorted.putAll(secureVersions);
        secureVersions = java.util.Collections.unmodifiableSortedMap(sorted);   // slot order, for readers
    }

    /** An ESP32 (32-bit field) with this eFuse value and these app versions. */
    public static AntiRollback of(long efuseSecureVersion, Map<AppSlot, Long> secureVersions) {
        return new AntiRollback(efuseSecureVersion, ESP32_FIELD_BITS, secureVersions);
    }

    public Optional<Long> secureVersion(AppSlot slot) { return Optional.ofNullable(secureVersions.get(slot)); }

    /** {@code esp_efuse_check_secure_version}: the app's version is at least the eFuse counter. */
    public boolean accepts(long secureVersion) { return secureVersion >= efuseSecureVersion; }

    /** The same configuration after the counter was raised to {@code value}. */
    public AntiRollback withEfuse(long value) { return new AntiRollback(value, efuseFieldBits, secureVersions); }
}
