package esp32ota.loader;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Esp32FusesTest {
    private static final MacAddress MAC = MacAddress.parse("24:0a:c4:12:34:56");

    @Test void describesAV3ChipAsEsptoolDoes() {
        Esp32Fuses f = Esp32Fuses.of(1, 3, 1, MAC);
        assertEquals("ESP32-D0WD-V3 (revision v3.1)", f.description());
        assertEquals(List.of("WiFi", "BT", "Dual Core", "240MHz", "Coding Scheme None"), f.features());
        assertEquals(0x8000_0000L, f.apbCtlDate());          // major bit 2 lives in APB_CTL_DATE
        assertEquals(1L << 20 | 1L << 24, f.word5());
        assertEquals("24:0a:c4:12:34:56", f.mac().toString());
        assertEquals(0xC4123456L, f.word1());
        assertEquals(0x240AL, f.word2());
    }

    @Test void eachMajorRevisionRoundTripsThroughItsThreeBits() {
        for (int major = 0; major <= 3; major++) {
            Esp32Fuses f = Esp32Fuses.of(0, major, 0, MAC);
            assertEquals(major, f.majorRevision());
            assertEquals(0, f.packageVersion());
        }
        assertEquals("ESP32-D0WDQ6 (revision v0.0)", Esp32Fuses.of(0, 0, 0, MAC).description());
        assertEquals("ESP32-D0WDQ6-V3 (revision v3.0)", Esp32Fuses.of(0, 3, 0, MAC).description());
        assertEquals("ESP32-PICO-D4 (revision v1.0)", Esp32Fuses.of(5, 1, 0, MAC).description());
        assertEquals("unknown ESP32 (revision v1.2)", Esp32Fuses.of(9, 1, 2, MAC).description());
    }

    @Test void packageBit3ComesFromWord3Bit2() {
        Esp32Fuses f = Esp32Fuses.of(9, 0, 0, MAC);
        assertEquals(1L << 2 | 1L << 9 | 1L << 13, f.word3());
        assertEquals(9, f.packageVersion());
    }

    @Test void aSingleCoreChipWithoutBluetooth() {
        // word3: DIS_APP_CPU (bit 0), DIS_BT (bit 1), package 0, not rated
        Esp32Fuses f = new Esp32Fuses(0, 0, 0b11, 0, 0, 1, 0);
        assertEquals("ESP32-S0WDQ6 (revision v0.0)", f.description());
        assertEquals(List.of("WiFi", "Single Core", "Coding Scheme 3/4"), f.features());
    }

    @Test void theRomBaudIsScaledByTheRomsOwnCrystalEstimate() {
        Esp32Fuses f = Esp32Fuses.of(1, 3, 1, MAC);
        assertEquals(40_000_000.0, f.romCrystalHz(Esp32Fuses.RTC_CALI_40MHZ << 7));
        assertEquals(921_600, f.romBaudFor(921_600, Esp32Fuses.RTC_CALI_40MHZ << 7));
        // a ROM whose 8 MHz clock ran 2 % fast believes in 40.8125 MHz: ask it for 2 % more
        assertEquals(940_320, f.romBaudFor(921_600, 1306L << 7));
        // with no calibration word the estimate is 0 Hz, so "26 MHz" and a baud of 0: esptool sends that too
        assertEquals(0, f.romBaudFor(921_600, 0));
    }

    @Test void macTextRoundTrips() {
        assertEquals(MAC, MacAddress.parse("24-0A-C4-12-34-56"));
        assertEquals(0x24, MAC.octet(0));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("24:0a:c4"));
    }

    @Test void flashIdFromW0() {
        FlashId id = FlashId.fromW0(0x1640C8);
        assertEquals(0xC8, id.manufacturer());
        assertEquals(0x4016, id.device());
        assertEquals(4L << 20, id.size().orElseThrow());
        assertEquals(id, FlashId.gigaDevice(4L << 20));
        assertEquals("Manufacturer: c8, Device: 4016", id.toString());
    }
}
