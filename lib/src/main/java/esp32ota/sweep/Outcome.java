package esp32ota.sweep;

import esp32ota.boot.AppSlot;

import java.util.Optional;

/**
 * Where a device ends after a power cut, once it was powered back on and reset until it settled.
 *
 * @param kind    whether an app runs
 * @param slot    the app partition that runs ({@link Kind#BOOTS} only)
 * @param version that app's {@code esp_app_desc_t} version ({@link Kind#BOOTS} only; empty if it has no descriptor)
 * @param resets  how many resets it took (1 = the power-on boot settled)
 */
public record Outcome(Kind kind, Optional<AppSlot> slot, Optional<String> version, int resets) {
    /** How the device settled. */
    public enum Kind {
        /** An app started and runs. */
        BOOTS,
        /** The bootloader found no app it could load: the device is bricked (it resets forever). */
        NOTHING_BOOTS,
        /** Apps start and restart (or the watchdog resets them) without end. */
        BOOT_LOOP
    }

    public Outcome {
        if ((kind == Kind.BOOTS) != slot.isPresent()) throw new IllegalArgumentException("a slot iff an app boots");
    }

    public static Outcome boots(AppSlot slot, Optional<String> version, int resets) {
        return new Outcome(Kind.BOOTS, Optional.of(slot), version, resets);
    }

    public static Outcome failed(Kind kind, int resets) {
        return new Outcome(kind, Optional.empty(), Optional.empty(), resets);
    }

    /** Whether no app runs: the device is bricked. */
    public boolean unbootable() { return kind != Kind.BOOTS; }

    /** {@code ota_1 2.0.0}, {@code nothing boots} or {@code boot loop}: what a table cell shows. */
    public String label() {
        return switch (kind) {
            case BOOTS -> slot.orElseThrow() + " " + version.orElse("(no descriptor)");
            case NOTHING_BOOTS -> "nothing boots";
            case BOOT_LOOP -> "boot loop";
        };
    }
}
