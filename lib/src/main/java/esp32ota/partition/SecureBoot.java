package esp32ota.partition;

import java.util.Optional;

/**
 * gen_esp32part's {@code --secure}: the secure boot scheme the app partitions must suit. It changes one rule only,
 * the size of every app partition (type 0x00); offsets are 0x10000-aligned for apps whatever the scheme.
 * <pre>
 * option           scheme  app size must be a multiple of
 * (none)           NONE    0x1000   the flash erase sector
 * --secure, v1     V1      0x10000  the 68-byte signature sits at the very end of a 64 KiB block
 * --secure v2      V2      0x1000   the 4 KiB signature block follows the image padded to 64 KiB
 * </pre>
 */
public enum SecureBoot {
    NONE(0x1000), V1(0x10000), V2(0x1000);

    private final long appSizeAlignment;

    SecureBoot(long appSizeAlignment) { this.appSizeAlignment = appSizeAlignment; }

    /** What the size of an app partition must be a multiple of. */
    public long appSizeAlignment() { return appSizeAlignment; }

    /** The scheme for the option's value as the tool spells it: {@code v1} or {@code v2} (lower case only). */
    public static Optional<SecureBoot> fromOption(String value) {
        return switch (value) {
            case "v1" -> Optional.of(V1);
            case "v2" -> Optional.of(V2);
            default -> Optional.empty();
        };
    }
}
