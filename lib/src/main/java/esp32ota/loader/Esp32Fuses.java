package esp32ota.loader;

import java.util.ArrayList;
import java.util.List;

/**
 * The ESP32 eFuse words and the register a host reads to describe the chip, and what esptool makes of them.
 * Words are {@code EFUSE_BLK0_RDATAn_REG} at {@code 0x3FF5A000 + 4n}.
 * <pre>
 * word  bits    field                      used for
 * 1     31..0   MAC bytes 2..5 (big-endian)  MAC
 * 2     15..0   MAC bytes 0..1; 23..16 CRC   MAC
 * 3     0       CHIP_VER_DIS_APP_CPU       single core
 * 3     1       CHIP_VER_DIS_BT            no Bluetooth
 * 3     2       CHIP_PACKAGE bit 3         package
 * 3     11..9   CHIP_PACKAGE bits 2..0     package (0 D0WDQ6, 1 D0WD, 2 D2WD, 4 U4WDH, 5 PICO-D4, 6 PICO-V3-02, 7 D0WDR2-V3)
 * 3     12, 13  CPU_FREQ_LOW, CPU_FREQ_RATED 160 or 240 MHz
 * 3     15      CHIP_VER_REV1              major revision bit 0
 * 4     7..0    CK8M_FREQ                  the ROM's crystal estimate (see {@link #romCrystalHz})
 * 5     20      CHIP_VER_REV2              major revision bit 1
 * 5     25..24  WAFER_VERSION_MINOR        minor revision
 * 6     1..0    CODING_SCHEME
 * APB_CTL_DATE (0x3FF6607C) bit 31         major revision bit 2
 * </pre>
 * Major revision from the three bits (bit2 bit1 bit0): 000 → 0, 001 → 1, 011 → 2, 111 → 3, anything else → 0.
 */
public record Esp32Fuses(long word1, long word2, long word3, long word4, long word5, long word6, long apbCtlDate) {
    public static final long EFUSE_BASE = 0x3FF5A000L, APB_CTL_DATE = 0x3FF6607CL;
    /** RTC calibration result the ROM leaves behind; bits 31..7 hold the value. */
    public static final long RTC_CALI_CFG1 = 0x3FF5F06CL;
    /** A plausible 8 MHz clock calibration byte for a virtual chip (with {@link #RTC_CALI_40MHZ}: exactly 40 MHz). */
    public static final int CK8M_FREQ = 80;
    public static final long RTC_CALI_40MHZ = 1280;

    /** The address of eFuse word {@code n}. */
    public static long wordAddress(int n) { return EFUSE_BASE + 4L * n; }

    /**
     * Fuses for a chip of this package and revision with this MAC, rated 240 MHz, dual core, Bluetooth, coding
     * scheme None, CK8M_FREQ {@link #CK8M_FREQ}: what a virtual ESP32 shows a host.
     */
    public static Esp32Fuses of(int packageVersion, int major, int minor, MacAddress mac) {
        if (packageVersion < 0 || packageVersion > 15 || minor < 0 || minor > 3) {
            throw new IllegalArgumentException("package 0..15, minor 0..3: %d, %d".formatted(packageVersion, minor));
        }
        int bits = switch (major) {
            case 0 -> 0b000;
            case 1 -> 0b001;
            case 2 -> 0b011;
            case 3 -> 0b111;
            default -> throw new IllegalArgumentException("ESP32 major revisions are 0..3, not " + major);
        };
        long word1 = mac.value() & 0xFFFF_FFFFL, word2 = mac.value() >>> 32;
        long word3 = (packageVersion & 7L) << 9 | (packageVersion >> 3 & 1L) << 2 | 1L << 13 | (bits & 1L) << 15;
        long word5 = (bits >> 1 & 1L) << 20 | (long) minor << 24;
        return new Esp32Fuses(word1, word2, word3, CK8M_FREQ, word5, 0, (bits >> 2 & 1L) << 31);
    }

    public int packageVersion() { return (int) ((word3 >> 9 & 7) | (word3 >> 2 & 1) << 3); }

    public int majorRevision() {
        int bits = (int) ((apbCtlDate >> 31 & 1) << 2 | (word5 >> 20 & 1) << 1 | (word3 >> 15 & 1));
        return switch (bits) {
            case 0b001 -> 1;
            case 0b011 -> 2;
            case 0b111 -> 3;
            default -> 0;
        };
    }

    /**
     * The crystal frequency the ESP32 ROM believes it has, from its RTC calibration word and eFuse CK8M_FREQ:
     * {@code cali × 15625 × ck8m / 40}. The ROM's UART divider follows this belief, so a host asking for a new baud
     * must scale it by {@code belief / true crystal} (esptool's workaround for CK_8M drift).
     */
    public double romCrystalHz(long rtcCaliCfg1) {
        long cali = rtcCaliCfg1 >> 7 & 0x01FF_FFFF;
        return cali * 15625.0 * (word4 & 0xFF) / 40;
    }

    /** The value to send in CHANGE_BAUDRATE so an ESP32 ROM ends up at {@code baud}. */
    public long romBaudFor(int baud, long rtcCaliCfg1) {
        double rom = romCrystalHz(rtcCaliCfg1);
        double valid = rom > 33_000_000 ? 40_000_000 : 26_000_000;
        return (long) Math.floor(baud * rom / valid);
    }

    public int minorRevision() { return (int) (word5 >> 24 & 3); }

    public boolean singleCore() { return (word3 & 1) != 0; }

    /** As esptool prints it: {@code ESP32-D0WD-V3 (revision v3.1)}. */
    public String description() {
        boolean rev3 = majorRevision() == 3, sc = singleCore();
        String name = switch (packageVersion()) {
            case 0 -> sc ? "ESP32-S0WDQ6" : rev3 ? "ESP32-D0WDQ6-V3" : "ESP32-D0WDQ6";
            case 1 -> sc ? "ESP32-S0WD" : rev3 ? "ESP32-D0WD-V3" : "ESP32-D0WD";
            case 2 -> "ESP32-D2WD";
            case 4 -> "ESP32-U4WDH";
            case 5 -> rev3 ? "ESP32-PICO-V3" : "ESP32-PICO-D4";
            case 6 -> "ESP32-PICO-V3-02";
            case 7 -> "ESP32-D0WDR2-V3";
            default -> "unknown ESP32";
        };
        return "%s (revision v%d.%d)".formatted(name, majorRevision(), minorRevision());
    }

    /** As esptool lists them: {@code WiFi, BT, Dual Core, 240MHz, Coding Scheme None}. */
    public List<String> features() {
        List<String> f = new ArrayList<>(List.of("WiFi"));
        if ((word3 & 2) == 0) f.add("BT");
        f.add(singleCore() ? "Single Core" : "Dual Core");
        if ((word3 & 1L << 13) != 0) f.add((word3 & 1L << 12) != 0 ? "160MHz" : "240MHz");
        int pkg = packageVersion();
        if (pkg == 2 || pkg == 4 || pkg == 5 || pkg == 6) f.add("Embedded Flash");
        if (pkg == 6) f.add("Embedded PSRAM");
        if ((word4 >> 8 & 0x1F) != 0) f.add("VRef calibration in efuse");
        if ((word3 >> 14 & 1) != 0) f.add("BLK3 partially reserved");
        f.add("Coding Scheme " + switch ((int) (word6 & 3)) {
            case 0 -> "None";
            case 1 -> "3/4";
            case 2 -> "Repeat (UNSUPPORTED)";
            default -> "None (may contain encoding data)";
        });
        return f;
    }

    /** The factory MAC: the low 16 bits of word 2, then word 1, big-endian. */
    public MacAddress mac() { return new MacAddress((word2 & 0xFFFF) << 32 | (word1 & 0xFFFF_FFFFL)); }
}
