package esp32ota.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The chip table against shared/docs/formats.md §4.2-4.3 (esptool v4.12.0 targets) and the vectors' segment names. */
class ChipTest {
    @Test void imageChipIdsAreEsptools() {
        int[][] expected = {{0, 0}, {2, 2}, {4, 4}, {5, 5}, {7, 7}, {9, 9}, {10, 10}, {12, 12}, {13, 13}, {14, 14},
                {16, 16}, {17, 17}, {18, 18}, {20, 20}, {23, 23}, {25, 25}, {28, 28}};
        for (int[] e : expected) assertEquals(e[1], Chip.fromImageChipId(e[0]).orElseThrow().imageChipId());
        assertEquals("ESP32-S3(beta2)", Chip.fromImageChipId(4).orElseThrow().esptoolName());
        assertEquals("ESP32-C6(beta)", Chip.fromImageChipId(7).orElseThrow().esptoolName());
        assertEquals("ESP32-H2(beta1)", Chip.fromImageChipId(10).orElseThrow().esptoolName());
        assertEquals("ESP32-H2(beta2)", Chip.fromImageChipId(14).orElseThrow().esptoolName());
        assertEquals("ESP32-C5(beta3)", Chip.fromImageChipId(17).orElseThrow().esptoolName());
        assertEquals(Chip.ESP32_C61, Chip.fromImageChipId(0x14).orElseThrow());
        assertEquals(Chip.ESP32_H4, Chip.fromImageChipId(0x1C).orElseThrow());
        for (int unknown : new int[] {1, 3, 6, 8, 11, 15, 19, 21, 0x55, 0xFFFF}) {
            assertTrue(Chip.fromImageChipId(unknown).isEmpty(), "id " + unknown);
        }
    }

    @Test void tenFamilies() {
        assertEquals(List.of(Chip.ESP32, Chip.ESP32_S2, Chip.ESP32_S3, Chip.ESP32_C3, Chip.ESP32_C2, Chip.ESP32_C6,
                Chip.ESP32_C61, Chip.ESP32_C5, Chip.ESP32_H2, Chip.ESP32_P4), Chip.families());
    }

    @Test void namesAreFoundLikeEsptoolsStripChipName() {
        assertEquals(Chip.ESP32_C3, Chip.fromName("esp32c3").orElseThrow());
        assertEquals(Chip.ESP32_C3, Chip.fromName("ESP32-C3").orElseThrow());
        assertEquals(Chip.ESP32_H2_BETA1, Chip.fromName("esp32h2beta1").orElseThrow());
        assertTrue(Chip.fromName("esp33").isEmpty());
    }

    @Test void flashSpeedNamesPerChip() {       // formats.md §4.2
        assertEquals("40m", Chip.ESP32.flashSpeeds().nameOf(0).orElseThrow());
        assertEquals("26m", Chip.ESP32_P4.flashSpeeds().nameOf(1).orElseThrow());
        assertEquals("80m", Chip.ESP32_S3.flashSpeeds().nameOf(0xF).orElseThrow());
        assertEquals("30m", Chip.ESP32_C2.flashSpeeds().nameOf(0).orElseThrow());
        assertEquals("60m", Chip.ESP32_C2.flashSpeeds().nameOf(0xF).orElseThrow());
        assertEquals("24m", Chip.ESP32_H2.flashSpeeds().nameOf(0).orElseThrow());
        assertEquals("12m", Chip.ESP32_H2.flashSpeeds().nameOf(2).orElseThrow());
        assertEquals("80m", Chip.ESP32_C6.flashSpeeds().nameOf(0).orElseThrow(), "esptool lists 80m and 40m as 0");
        assertEquals("80m", Chip.ESP32_C61.flashSpeeds().nameOf(0xF).orElseThrow());
        assertTrue(Chip.ESP32_C5.flashSpeeds().nameOf(1).isEmpty());
        assertTrue(Chip.ESP32.flashSpeeds().nameOf(3).isEmpty());
    }

    @Test void flashSizeNamesEsp32AndEsp8266() {
        assertEquals("1MB", Chip.ESP32.flashSizes().nameOf(0x00).orElseThrow());
        assertEquals("128MB", Chip.ESP32_C3.flashSizes().nameOf(0x70).orElseThrow());
        assertTrue(Chip.ESP32.flashSizes().nameOf(0x80).isEmpty());
        assertEquals("512KB", Chip.ESP8266.flashSizes().nameOf(0x00).orElseThrow());
        assertEquals("16MB", Chip.ESP8266.flashSizes().nameOf(0x90).orElseThrow());
    }

    @Test void memoryTypesAsInTheVectors() {       // rows of shared/vectors/*/…image_info.txt
        assertEquals(List.of("BYTE_ACCESSIBLE", "DRAM"), Chip.ESP32.memoryMap().typesAt(0x3FFC0000L));
        assertEquals(List.of("CACHE_APP"), Chip.ESP32.memoryMap().typesAt(0x40078000L));
        assertEquals(List.of("BYTE_ACCESSIBLE", "MEM_INTERNAL", "DRAM"), Chip.ESP32_S2.memoryMap().typesAt(0x3FFBDE90L));
        assertEquals(List.of("DRAM", "BYTE_ACCESSIBLE"), Chip.ESP32_C2.memoryMap().typesAt(0x3FCA0000L));
        assertEquals(List.of("DROM", "IROM"), Chip.ESP32_C6.memoryMap().typesAt(0x42800020L));
        assertEquals(List.of("DRAM", "BYTE_ACCESSIBLE", "IRAM"), Chip.ESP32_P4.memoryMap().typesAt(0x4FF00000L));
        assertEquals(List.of("RTC_IRAM", "RTC_DRAM"), Chip.ESP32_H2.memoryMap().typesAt(0x50000000L));
        assertEquals(List.of("IRAM"), Chip.ESP8266.memoryMap().typesAt(0x40100000L));
        assertEquals(List.of(), Chip.ESP32_H2_BETA1.memoryMap().typesAt(0x42000000L));
    }

    @Test void flashWindows() {
        assertTrue(Chip.ESP32.isFlashMapped(0x400D0020L));
        assertTrue(Chip.ESP32.isFlashMapped(0x3F400020L));
        assertFalse(Chip.ESP32.isFlashMapped(0x40080000L));
        assertTrue(Chip.ESP32_C3.isFlashMapped(0x3C000020L));
        assertFalse(Chip.ESP8266.isFlashMapped(0x40201010L));
    }
}
