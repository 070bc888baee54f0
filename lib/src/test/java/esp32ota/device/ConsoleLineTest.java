package esp32ota.device;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ConsoleLineTest {
    @Test void espIdfLinesPrintLevelMillisTagAndText() {
        ConsoleLine l = ConsoleLine.log(LogLevel.INFO, 312, "boot", "Loaded app from partition at offset 0x10000");
        assertEquals("I (312) boot: Loaded app from partition at offset 0x10000", l.formatted());
        assertEquals("E (5) esp_ota_ops: New image failed verification",
                ConsoleLine.log(LogLevel.ERROR, 5, "esp_ota_ops", "New image failed verification").toString());
        assertFalse(l.isRom());
    }

    @Test void romLinesAreBare() {
        ConsoleLine l = ConsoleLine.rom("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)");
        assertEquals("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", l.formatted());
        assertTrue(l.isRom());
        assertTrue(l.millis().isEmpty());
    }

    @Test void levelsFilterLikeEspLogLevel() {
        assertTrue(LogLevel.INFO.shows(LogLevel.ERROR));
        assertTrue(LogLevel.INFO.shows(LogLevel.INFO));
        assertFalse(LogLevel.INFO.shows(LogLevel.DEBUG));
        assertEquals(LogLevel.WARN, LogLevel.fromLetter('W').orElseThrow());
        assertTrue(LogLevel.fromLetter('X').isEmpty());
    }

    @Test void resetReasonsUseTheRomsCodes() {
        assertEquals("rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", ResetReason.SW_CPU_RESET.romLine());
        assertEquals("rst:0x8 (TG1WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                ResetReason.TG1WDT_SYS_RESET.romLine());
        assertEquals(0x10, ResetReason.RTCWDT_RTC_RESET.code());
        assertEquals(0x3, ResetReason.SW_RESET.code());
    }

    @Test void chipIdentityText() {
        ChipIdentity c = ChipIdentity.esp32();
        assertEquals("v3.0", c.revisionText());
        assertEquals("24:0a:c4:12:34:56", c.macText());
        assertThrows(IllegalArgumentException.class,
                () -> new ChipIdentity(c.chip(), 300, esp32ota.bytes.Bytes.of(1, 2, 3)));
    }
}
