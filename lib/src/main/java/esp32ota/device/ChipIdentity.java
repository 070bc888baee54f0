package esp32ota.device;

import esp32ota.bytes.Bytes;
import esp32ota.image.Chip;

/**
 * Who the chip is: its type, silicon revision (major × 100 + minor, as {@code efuse_hal_chip_revision()}) and base
 * MAC address (eFuse).
 */
public record ChipIdentity(Chip chip, int revision, Bytes mac) {
    public ChipIdentity {
        if (mac.size() != 6) throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.size());
        if (revision < 0 || revision > 9999) throw new IllegalArgumentException("revision " + revision);
    }

    /** An ESP32 v3.0 with a fixed, Espressif-prefixed MAC. */
    public static ChipIdentity esp32() { return new ChipIdentity(Chip.ESP32, 300, Bytes.of(0x24, 0x0A, 0xC4, 0x12, 0x34, 0x56)); }

    /** {@code v3.0}. */
    public String revisionText() { return "v%d.%d".formatted(revision / 100, revision % 100); }

    /** {@code 24:0a:c4:12:34:56}. */
    public String macText() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) s.append(i == 0 ? "" : ":").append("%02x".formatted(mac.u8(i)));
        return s.toString();
    }
}
