package esp32ota.bootlog;

import esp32ota.device.ConsoleLine;
import esp32ota.device.LogLevel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BootLogTest {
    /** A real-looking boot (ROM, bootloader, listing, app) then a native_ota_example update. */
    static final String LOG = String.join("\n",
            "ets Jul 29 2019 12:21:46",
            "",
            "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
            "configsip: 0, SPIWP:0xee",
            "mode:DIO, clock div:2",
            "load:0x3fff0030,len:7132",
            "entry 0x4008067c",
            "I (29) boot: ESP-IDF v5.4.1 2nd stage bootloader",
            "I (60) boot: Partition Table:",
            "I (63) boot: ## Label            Usage          Type ST Offset   Length",
            "I (70) boot:  0 nvs              WiFi data        01 02 00009000 00004000",
            "I (78) boot:  1 otadata          OTA data         01 00 0000d000 00002000",
            "I (85) boot:  2 phy_init         RF data          01 01 0000f000 00001000",
            "I (93) boot:  3 ota_0            OTA app          00 10 00010000 00140000",
            "I (100) boot:  4 ota_1            OTA app          00 11 00150000 00140000",
            "I (108) boot: End of partition table",
            "E (112) esp_image: image at 0x150000 has invalid magic byte (nothing flashed here?)",
            "E (118) boot: OTA app partition slot 1 is not bootable",
            "I (124) boot: Loaded app from partition at offset 0x10000",
            "I (300) native_ota_example: Starting OTA example task",
            "I (310) native_ota_example: Running firmware version: 1.0.0",
            "I (320) native_ota_example: Writing to partition subtype 17 at offset 0x150000",
            "I (330) native_ota_example: New firmware version: 2.0.0",
            "I (340) native_ota_example: esp_ota_begin succeeded",
            "D (350) native_ota_example: Written image length 1024",
            "D (360) native_ota_example: Written image length 2272",
            "I (370) native_ota_example: Connection closed",
            "I (380) native_ota_example: Total Write binary data length: 2272",
            "I (390) native_ota_example: Prepare to restart system!",
            "ets Jul 29 2019 12:21:46",
            "",
            "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))",
            "waiting for download",
            "");

    @Test void readsBootsDecisionsAndOtaProgress() {
        BootLog log = BootLog.parse(LOG);
        assertEquals(2, log.boots().size());
        var first = log.boots().get(0);
        assertEquals("SW_CPU_RESET", first.reset().orElseThrow().reason());
        assertEquals(0xC, first.reset().orElseThrow().code());
        assertEquals(0x10000, first.loaded().orElseThrow());
        assertEquals("ota_0", first.label().orElseThrow());
        assertEquals("1.0.0", first.appVersion().orElseThrow());
        assertEquals(2272, first.otaBytes().orElseThrow());
        var second = log.boots().get(1).reset().orElseThrow();
        assertTrue(second.download());
        assertEquals("DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2)", second.bootModeName());
        assertFalse(first.reset().orElseThrow().download());
        assertEquals(List.of(1024L, 2272L, 2272L), log.events().stream().filter(e -> e instanceof LogEvent.OtaProgress)
                .map(e -> ((LogEvent.OtaProgress) e).bytes()).toList());
        assertEquals(5, log.events().stream().filter(e -> e instanceof LogEvent.PartitionRow).count());
        var row = (LogEvent.PartitionRow) log.events().stream().filter(e -> e instanceof LogEvent.PartitionRow)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(new LogEvent.PartitionRow(15, 4, "ota_1", "OTA app", 0, 0x11, 0x150000, 0x140000), row);
        assertTrue(log.events().stream().anyMatch(e -> e instanceof LogEvent.ImageProblem p
                && p.console().text().startsWith("image at 0x150000 has invalid magic byte")));
        assertTrue(log.events().stream().anyMatch(e -> e instanceof LogEvent.NotBootable n && n.line() == 18));
        assertEquals(List.of(LogEvent.OtaStep.Kind.STARTED, LogEvent.OtaStep.Kind.WRITING_TO,
                LogEvent.OtaStep.Kind.NEW_VERSION, LogEvent.OtaStep.Kind.BEGIN_OK, LogEvent.OtaStep.Kind.COMPLETE,
                LogEvent.OtaStep.Kind.RESTART), log.events().stream().filter(e -> e instanceof LogEvent.OtaStep)
                .map(e -> ((LogEvent.OtaStep) e).kind()).toList());
    }

    @Test void coloursHostTimestampsCrlfAndAnnotationsChangeNothing() {
        StringBuilder noisy = new StringBuilder();
        String[] lines = LOG.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String l = lines[i];
            if (l.startsWith("E ")) l = "\u001B[0;31m" + l + "\u001B[0m";
            if (l.startsWith("I ")) l = "\u001B[0;32m" + l + "\u001B[0m";
            String stamp = i % 2 == 0 ? "17:20:%02d.%03d -> ".formatted(i % 60, i * 7 % 1000)
                    : "[2026-12-03 08:00:%02d.123] ".formatted(i % 60);
            noisy.append(stamp).append(l).append("\r\n");
        }
        noisy.append("0x4008067c: call_start_cpu0 at ??:?\r\n");      // idf.py monitor's annotation: skipped
        BootLog clean = BootLog.parse(LOG), parsed = BootLog.parse(noisy.toString());
        assertEquals(clean.boots(), parsed.boots());
        assertEquals(clean.lines(), parsed.lines());
        assertEquals(ConsoleLine.log(LogLevel.ERROR, 118, "boot", "OTA app partition slot 1 is not bootable"),
                parsed.lines().get(17));
    }

    @Test void olderWordings() {
        BootLog log = BootLog.parse("ets Jun  8 2016 00:22:57\r\rrst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r"
                + "I (47) boot: Loading app partition at offset 00010000\r"
                + "I (1) cpu_start: App version:      3.0.0\r");
        var b = log.boots().get(0);
        assertEquals("RTCWDT_RTC_RESET", b.reset().orElseThrow().reason());
        assertEquals(0x10000, b.loaded().orElseThrow());
        assertEquals("3.0.0", b.appVersion().orElseThrow());
    }

    @Property(tries = 300) void neverThrowsOnArbitraryText(@ForAll("junk") String text) {
        BootLog log = BootLog.parse(text);
        assertNotNull(log);
        assertTrue(log.lines().size() <= text.split("\r\n|\r|\n", -1).length);
    }

    @Property(tries = 300) void neverThrowsOnAnyPrefixOrMutationOfARealLog(@ForAll("cuts") int cut,
                                                                           @ForAll("cuts") int at,
                                                                           @ForAll char c) {
        String prefix = LOG.substring(0, cut % (LOG.length() + 1));
        assertNotNull(BootLog.parse(prefix));
        StringBuilder s = new StringBuilder(LOG);
        s.setCharAt(at % LOG.length(), c);
        BootLog mutated = BootLog.parse(s.toString());
        assertTrue(mutated.boots().size() >= 1);
    }

    @Provide Arbitrary<String> junk() {
        Arbitrary<String> pieces = Arbitraries.of("rst:0x", "(", ")", ",boot:0x", "I (", ") boot: ", "\r", "\n",
                "\u001B[0;3", "m", "Loaded app from partition at offset 0x", "ffffffffffffffffff", "12:00:00.1 -> ",
                "Written image length ", "99999999999999999999", " 0 x 00 10 00010000 ", "E (1) esp_image: ", "é",
                "\u0000");
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                pieces.list().ofMaxSize(40).map(l -> String.join("", l)));
    }

    @Provide Arbitrary<Integer> cuts() { return Arbitraries.integers().between(0, 100_000); }
}
