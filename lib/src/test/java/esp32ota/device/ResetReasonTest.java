package esp32ota.device;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ROM's reset line for each reason the kit models. Names and codes: ESP-IDF v5.4
 * components/esp_rom/esp32/include/esp32/rom/rtc.h {@code RESET_REASON} (POWERON_RESET 1, SW_RESET 3,
 * TG1WDT_SYS_RESET 8, SW_CPU_RESET 12, RTCWDT_RTC_RESET 16), the same values as soc/esp32 reset_reasons.h
 * (CHIP_POWER_ON, CORE_SW, CORE_MWDT1, CPU0_SW, SYS_RTC_WDT). Boot mode 0x13 is SPI_FAST_FLASH_BOOT.
 */
class ResetReasonTest {
    @Test void romLinesUseTheRomsNamesAndHexCodes() {
        assertEquals(List.of(
                "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "rst:0x3 (SW_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "rst:0x8 (TG1WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "rst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"),
                Arrays.stream(ResetReason.values()).map(ResetReason::romLine).toList());
        assertArrayEquals(new int[] {1, 3, 8, 12, 16},
                Arrays.stream(ResetReason.values()).mapToInt(ResetReason::code).toArray());
    }
}
