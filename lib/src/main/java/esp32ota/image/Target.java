package esp32ota.image;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where an image is meant to boot, for {@link ImageVerifier}: every part is optional, and a check whose input is
 * missing is skipped.
 *
 * @param chip               the chip the bootloader runs on (empty: trust the image's own chip id)
 * @param chipRevision       the chip's revision as major*100 + minor ({@code efuse_hal_chip_revision()})
 * @param partitionSize      size of the partition the image sits in
 * @param efuseSecureVersion the anti-rollback value burnt in eFuse ({@code esp_efuse_read_secure_version()})
 * @param address            flash address of the image (partition offset; only used in messages and the MMU rule)
 */
public record Target(Optional<Chip> chip, OptionalInt chipRevision, OptionalLong partitionSize,
                     OptionalLong efuseSecureVersion, long address) {
    /** The usual place of the first app partition. */
    public static final long DEFAULT_ADDRESS = 0x10000;

    /** No expectations: only the image's own consistency is checked. */
    public static Target any() {
        return new Target(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(),
                DEFAULT_ADDRESS);
    }

    public Target withChip(Chip c) { return new Target(Optional.of(c), chipRevision, partitionSize, efuseSecureVersion, address); }

    public Target withChipRevision(int rev) {
        return new Target(chip, OptionalInt.of(rev), partitionSize, efuseSecureVersion, address);
    }

    public Target withPartitionSize(long size) {
        return new Target(chip, chipRevision, OptionalLong.of(size), efuseSecureVersion, address);
    }

    public Target withEfuseSecureVersion(long v) {
        return new Target(chip, chipRevision, partitionSize, OptionalLong.of(v), address);
    }

    public Target withAddress(long a) { return new Target(chip, chipRevision, partitionSize, efuseSecureVersion, a); }
}
