package esp32ota.boot;

import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;

import java.util.Optional;

/**
 * An app partition by its role, named as in the vectors: {@code factory}, {@code test}, {@code ota_0} … {@code ota_15}.
 * {@link #index()} is the bootloader's own numbering (bootloader_config.h): OTA slot n is n, {@code FACTORY_INDEX}
 * is -1, {@code TEST_APP_INDEX} is -2. Slot n is the app partition with subtype 0x10 + n, whatever its label.
 */
public record AppSlot(int index) {
    public static final int FACTORY_INDEX = -1, TEST_APP_INDEX = -2;
    public static final AppSlot FACTORY = new AppSlot(FACTORY_INDEX), TEST = new AppSlot(TEST_APP_INDEX);

    public AppSlot {
        if (index < TEST_APP_INDEX || index >= PartitionSubtype.APP_OTA_COUNT) {
            throw new IllegalArgumentException("no app slot has index " + index);
        }
    }

    public static AppSlot ota(int n) { return new AppSlot(n); }

    /** {@code factory}, {@code test} or {@code ota_N}; anything else is an {@link IllegalArgumentException}. */
    public static AppSlot parse(String name) {
        if (name.equals("factory")) return FACTORY;
        if (name.equals("test")) return TEST;
        if (name.matches("ota_(0|[1-9][0-9]?)")) {
            int n = Integer.parseInt(name.substring(4));
            if (n < PartitionSubtype.APP_OTA_COUNT) return ota(n);
        }
        throw new IllegalArgumentException("unknown app partition '" + name + "' (use factory, test or ota_0 … ota_15)");
    }

    /** The role of an app partition: factory (subtype 0x00), test (0x20) or OTA slot (0x10–0x1F). */
    public static Optional<AppSlot> of(PartitionEntry e) {
        if (!e.isApp()) return Optional.empty();
        if (e.subtype() == PartitionSubtype.APP_FACTORY.code()) return Optional.of(FACTORY);
        if (e.subtype() == PartitionSubtype.APP_TEST.code()) return Optional.of(TEST);
        if (e.isOtaApp()) return Optional.of(ota(e.otaSlot()));
        return Optional.empty();
    }

    public boolean isOta() { return index >= 0; }

    /** The partition subtype this role has (0x00, 0x20 or 0x10 + n). */
    public int subtype() {
        if (index == FACTORY_INDEX) return PartitionSubtype.APP_FACTORY.code();
        if (index == TEST_APP_INDEX) return PartitionSubtype.APP_TEST.code();
        return PartitionSubtype.APP_OTA_MIN + index;
    }

    public String name() {
        if (index == FACTORY_INDEX) return "factory";
        if (index == TEST_APP_INDEX) return "test";
        return "ota_" + index;
    }

    @Override public String toString() { return name(); }
}
