package esp32ota.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Which memory a load address belongs to, as esptool v4.12.0 names it ({@code MEMORY_MAP} in esptool/targets/*.py).
 * Regions overlap on purpose (DRAM is also BYTE_ACCESSIBLE; on the C6 the flash window is both DROM and IROM), so an
 * address can have several names; they are listed in table order, which is the order esptool prints them in.
 *
 * @param regions half-open address ranges {@code [start, end)} with their memory type
 */
public record MemoryMap(List<Region> regions) {
    /** One row of the table: {@code [start, end)} is {@code type}. */
    public record Region(long start, long end, String type) {
        public boolean contains(long address) { return start <= address && address < end; }
    }

    public MemoryMap { regions = List.copyOf(regions); }

    /** Every memory type whose region contains {@code address}, in table order; empty for unmapped addresses. */
    public List<String> typesAt(long address) {
        List<String> types = new ArrayList<>();
        for (Region r : regions) if (r.contains(address)) types.add(r.type());
        return types;
    }

    /** Builds a map from rows of {@code start, end, "TYPE"}. */
    static MemoryMap of(Object... rows) {
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < rows.length; i += 3) {
            regions.add(new Region(((Number) rows[i]).longValue(), ((Number) rows[i + 1]).longValue(), (String) rows[i + 2]));
        }
        return new MemoryMap(regions);
    }

    static final MemoryMap NONE = new MemoryMap(List.of());

    static final MemoryMap ESP8266 = of(
            0x3FF00000, 0x3FF00010, "DPORT", 0x3FFE8000, 0x40000000, "DRAM",
            0x40100000, 0x40108000, "IRAM", 0x40201010, 0x402E1010, "IROM");

    static final MemoryMap ESP32 = of(
            0x00000000, 0x00010000, "PADDING", 0x3F400000, 0x3F800000, "DROM",
            0x3F800000, 0x3FC00000, "EXTRAM_DATA", 0x3FF80000, 0x3FF82000, "RTC_DRAM",
            0x3FF90000, 0x40000000, "BYTE_ACCESSIBLE", 0x3FFAE000, 0x40000000, "DRAM",
            0x3FFE0000, 0x3FFFFFFC, "DIRAM_DRAM", 0x40000000, 0x40070000, "IROM",
            0x40070000, 0x40078000, "CACHE_PRO", 0x40078000, 0x40080000, "CACHE_APP",
            0x40080000, 0x400A0000, "IRAM", 0x400A0000, 0x400BFFFC, "DIRAM_IRAM",
            0x400C0000, 0x400C2000, "RTC_IRAM", 0x400D0000, 0x40400000, "IROM",
            0x50000000, 0x50002000, "RTC_DATA");

    static final MemoryMap ESP32_S2 = of(
            0x00000000, 0x00010000, "PADDING", 0x3F000000, 0x3FF80000, "DROM",
            0x3F500000, 0x3FF80000, "EXTRAM_DATA", 0x3FF9E000, 0x3FFA0000, "RTC_DRAM",
            0x3FF9E000, 0x40000000, "BYTE_ACCESSIBLE", 0x3FF9E000, 0x40072000, "MEM_INTERNAL",
            0x3FFB0000, 0x40000000, "DRAM", 0x40000000, 0x4001A100, "IROM_MASK",
            0x40020000, 0x40070000, "IRAM", 0x40070000, 0x40072000, "RTC_IRAM",
            0x40080000, 0x40800000, "IROM", 0x50000000, 0x50002000, "RTC_DATA");

    static final MemoryMap ESP32_S3 = of(
            0x00000000, 0x00010000, "PADDING", 0x3C000000, 0x3D000000, "DROM",
            0x3D000000, 0x3E000000, "EXTRAM_DATA", 0x600FE000, 0x60100000, "RTC_DRAM",
            0x3FC88000, 0x3FD00000, "BYTE_ACCESSIBLE", 0x3FC88000, 0x403E2000, "MEM_INTERNAL",
            0x3FC88000, 0x3FD00000, "DRAM", 0x40000000, 0x4001A100, "IROM_MASK",
            0x40370000, 0x403E0000, "IRAM", 0x600FE000, 0x60100000, "RTC_IRAM",
            0x42000000, 0x42800000, "IROM", 0x50000000, 0x50002000, "RTC_DATA");

    static final MemoryMap ESP32_C3 = of(
            0x00000000, 0x00010000, "PADDING", 0x3C000000, 0x3C800000, "DROM",
            0x3FC80000, 0x3FCE0000, "DRAM", 0x3FC88000, 0x3FD00000, "BYTE_ACCESSIBLE",
            0x3FF00000, 0x3FF20000, "DROM_MASK", 0x40000000, 0x40060000, "IROM_MASK",
            0x42000000, 0x42800000, "IROM", 0x4037C000, 0x403E0000, "IRAM",
            0x50000000, 0x50002000, "RTC_IRAM", 0x50000000, 0x50002000, "RTC_DRAM",
            0x600FE000, 0x60100000, "MEM_INTERNAL2");

    static final MemoryMap ESP32_C2 = of(
            0x00000000, 0x00010000, "PADDING", 0x3C000000, 0x3C400000, "DROM",
            0x3FCA0000, 0x3FCE0000, "DRAM", 0x3FC88000, 0x3FD00000, "BYTE_ACCESSIBLE",
            0x3FF00000, 0x3FF50000, "DROM_MASK", 0x40000000, 0x40090000, "IROM_MASK",
            0x42000000, 0x42400000, "IROM", 0x4037C000, 0x403C0000, "IRAM");

    /**
     * The layout the RISC-V chips share (C5, C6, C61, H2, H21, H4): flash windows for data and code, one SRAM seen
     * as DRAM and IRAM, the ROM split into data and code parts, RTC memory, and a last internal region.
     */
    private static MemoryMap riscv(long[] drom, long[] irom, long sramEnd, long[] dromMask, long iromMaskEnd,
                                   long rtcEnd, long[] last, String lastType) {
        return of(0x00000000, 0x00010000, "PADDING", drom[0], drom[1], "DROM",
                0x40800000, sramEnd, "DRAM", 0x40800000, sramEnd, "BYTE_ACCESSIBLE",
                dromMask[0], dromMask[1], "DROM_MASK", 0x40000000, iromMaskEnd, "IROM_MASK",
                irom[0], irom[1], "IROM", 0x40800000, sramEnd, "IRAM",
                0x50000000, rtcEnd, "RTC_IRAM", 0x50000000, rtcEnd, "RTC_DRAM", last[0], last[1], lastType);
    }

    private static long[] range(long start, long end) { return new long[] {start, end}; }

    private static final long[] INTERNAL2 = range(0x600FE000L, 0x60100000L);

    static final MemoryMap ESP32_C6 = riscv(range(0x42000000L, 0x43000000L), range(0x42000000L, 0x43000000L),
            0x40880000L, range(0x4004AC00L, 0x40050000L), 0x4004AC00L, 0x50004000L, INTERNAL2, "MEM_INTERNAL2");
    static final MemoryMap ESP32_C61 = riscv(range(0x42000000L, 0x44000000L), range(0x42000000L, 0x44000000L),
            0x40860000L, range(0x4004AC00L, 0x40050000L), 0x4004AC00L, 0x50004000L, INTERNAL2, "MEM_INTERNAL2");
    static final MemoryMap ESP32_C5 = riscv(range(0x42000000L, 0x44000000L), range(0x42000000L, 0x44000000L),
            0x40860000L, range(0x4003A000L, 0x40040000L), 0x4003A000L, 0x50004000L, INTERNAL2, "MEM_INTERNAL2");
    static final MemoryMap ESP32_C5_BETA3 = riscv(range(0x41800000L, 0x42000000L), range(0x41000000L, 0x41800000L),
            0x40880000L, range(0x4004A000L, 0x40050000L), 0x4004A000L, 0x50004000L, INTERNAL2, "MEM_INTERNAL2");
    static final MemoryMap ESP32_H4 = riscv(range(0x42800000L, 0x43000000L), range(0x42000000L, 0x42800000L),
            0x40880000L, range(0x4004AC00L, 0x40050000L), 0x4004AC00L, 0x50004000L, INTERNAL2, "MEM_INTERNAL2");

    static final MemoryMap ESP32_P4 = of(
            0x00000000, 0x00010000, "PADDING", 0x40000000, 0x4C000000, "DROM",
            0x4FF00000, 0x4FFA0000, "DRAM", 0x4FF00000, 0x4FFA0000, "BYTE_ACCESSIBLE",
            0x4FC00000, 0x4FC20000, "DROM_MASK", 0x4FC00000, 0x4FC20000, "IROM_MASK",
            0x40000000, 0x4C000000, "IROM", 0x4FF00000, 0x4FFA0000, "IRAM",
            0x50108000, 0x50110000, "RTC_IRAM", 0x50108000, 0x50110000, "RTC_DRAM",
            0x600FE000, 0x60100000, "MEM_INTERNAL2");
}
