package esp32ota.cli;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.ota.AppView;
import esp32ota.partition.PartitionTable;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The configuration options shared by {@code ./kit boot} and {@code ./kit otadata set-boot|mark-valid|mark-invalid}:
 * {@code --rollback}, {@code --anti-rollback --efuse-secure-version N [--efuse-bits B] --secure-version ota_0=N,…},
 * {@code --unbootable ota_1,…}.
 */
final class BootOptions {
    static final Set<String> FLAGS = Set.of("--rollback", "--anti-rollback");
    static final Set<String> OPTIONS = Set.of("--efuse-secure-version", "--efuse-bits", "--secure-version",
            "--unbootable");
    static final String USAGE = """
              --rollback                  CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE
              --anti-rollback             CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK, with:
                --efuse-secure-version N    the eFuse counter (burnt bits)
                --secure-version S=N,…      each app's secure_version, e.g. ota_0=1,ota_1=2 (an app not listed
                                            has no readable app description)
                --efuse-bits B              size of the eFuse field (default 32, the ESP32's)
              --unbootable S,…            app partitions whose image fails to load, e.g. ota_1,factory
            """;

    private BootOptions() {}

    static BootConfig config(Args args, PartitionTable table) {
        BootConfig config = BootConfig.of(args.flag("--rollback")).withUnbootable(
                args.option("--unbootable").map(v -> slots("--unbootable", v, table)).orElse(Set.of()));
        boolean anti = args.flag("--anti-rollback");
        for (String o : new String[] {"--efuse-secure-version", "--efuse-bits", "--secure-version"}) {
            if (!anti && args.option(o).isPresent()) throw new CliException(o + " needs --anti-rollback");
        }
        if (!anti) return config;
        long efuse = FlashInputs.number("--efuse-secure-version", args.option("--efuse-secure-version")
                .orElseThrow(() -> new CliException("--anti-rollback needs --efuse-secure-version N")));
        long bits = args.option("--efuse-bits").map(v -> FlashInputs.number("--efuse-bits", v))
                .orElse((long) AntiRollback.ESP32_FIELD_BITS);
        String versions = args.option("--secure-version")
                .orElseThrow(() -> new CliException("--anti-rollback needs --secure-version ota_0=N,…"));
        if (bits < 1 || bits > 32) throw new CliException("--efuse-bits must be 1-32");
        if (efuse > bits) {
            throw new CliException("--efuse-secure-version %d does not fit a %d-bit field".formatted(efuse, bits));
        }
        return config.withAntiRollback(new AntiRollback(efuse, (int) bits, versions(versions, table)));
    }

    static Set<AppSlot> slots(String option, String value, PartitionTable table) {
        Set<AppSlot> slots = new LinkedHashSet<>();
        for (String name : value.split(",")) slots.add(slot(option, name.trim(), table));
        return slots;
    }

    /** An app partition named by role that must exist in the table. */
    static AppSlot slot(String what, String name, PartitionTable table) {
        AppSlot s;
        try {
            s = AppSlot.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(what + ": " + e.getMessage());
        }
        if (AppView.of(table).find(s).isEmpty()) throw new CliException(what + ": the partition table has no " + s);
        return s;
    }

    private static Map<AppSlot, Long> versions(String value, PartitionTable table) {
        Map<AppSlot, Long> map = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] kv = pair.split("=", -1);
            if (kv.length != 2) throw new CliException("--secure-version: expected SLOT=N, got '" + pair.trim() + "'");
            AppSlot s = slot("--secure-version", kv[0].trim(), table);
            long v = FlashInputs.number("--secure-version " + s, kv[1]);
            if (v > 0xFFFF_FFFFL) throw new CliException("--secure-version " + s + ": " + v + " is not a u32");
            if (map.put(s, v) != null) throw new CliException("--secure-version: " + s + " given twice");
        }
        return map;
    }
}
