package esp32ota.board;

import esp32ota.boot.AppSlot;
import esp32ota.bootlog.BootLog;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.device.Boot;
import esp32ota.device.Device;
import esp32ota.device.DeviceEvent;
import esp32ota.device.ResetReason;
import esp32ota.device.SerialEndpoint;
import esp32ota.device.VirtualEsp32;
import esp32ota.loader.RomLoaderClient;
import esp32ota.serial.PipeTransport;
import esp32ota.serial.Transport;
import esp32ota.serial.Transports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SerialDeviceTest {
    final VirtualEsp32 virtual = VirtualEsp32.builder(BoardTest.table()).app(AppSlot.ota(0), BoardTest.blink("1.0.0"))
            .build();
    final SerialEndpoint endpoint = new SerialEndpoint(virtual);
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach void close() throws Exception {
        for (AutoCloseable c : open) c.close();
        endpoint.close();
    }

    SerialDevice overTcp() throws Exception {
        Transport line = Transports.open("socket://127.0.0.1:" + endpoint.listenTcp(0));
        open.add(line);
        return SerialDevice.connect(new RomLoaderClient(line, BoardTest.FAST), SerialDevice.Resets.endpoint(endpoint));
    }

    SerialDevice overPipe() {
        PipeTransport[] pair = PipeTransport.pair(false);
        endpoint.attach(pair[1]);
        return SerialDevice.connect(new RomLoaderClient(pair[0], BoardTest.FAST),
                SerialDevice.Resets.endpoint(endpoint));
    }

    @Test void readsAndWritesFlashOverTcpAndTheMd5sAgree() throws Exception {
        SerialDevice serial = overTcp();
        Device d = serial;
        assertEquals(virtual.flashSize(), d.flashSize());
        byte[] b = new byte[5000];
        new Random(10).nextBytes(b);
        Bytes data = Bytes.of(b);
        long at = 0x300100;
        d.writeFlash(at, data);
        assertEquals(data, virtual.flash().read(at, data.size()));
        Bytes back = d.readFlash(at, data.size());
        assertEquals(data.md5(), back.md5());
        assertEquals(data.md5(), serial.board().client().flashMd5(at, data.size()));      // the device's own MD5
        assertEquals(data, back);
        assertEquals(virtual.flash().read(0x8000, 0xC00), d.readFlash(0x8000, 0xC00));
        assertThrows(IllegalArgumentException.class, () -> d.readFlash(virtual.flashSize() - 10, 11));
    }

    @Test void resetBootsTheAppTheConsoleNamesAndRecordsItsLines() throws Exception {
        SerialDevice d = overTcp();
        List<DeviceEvent> events = new ArrayList<>();
        d.addListener(events::add);
        Boot first = d.reset();
        assertFalse(d.inLoader());
        assertEquals(ResetReason.POWERON_RESET, first.reason());
        assertEquals(AppSlot.ota(0), first.booted().orElseThrow());
        assertEquals("1.0.0", first.version().orElseThrow());
        assertEquals(Boot.End.RUNNING, first.end());
        assertEquals(virtual.lastBoot().orElseThrow().lines(), first.lines());
        assertEquals(first.console(), d.console());
        assertEquals(new DeviceEvent.Reset(ResetReason.POWERON_RESET), events.get(0));
        assertEquals(d.console().size() + 1, events.size());
        assertEquals(d.console().get(3), ((DeviceEvent.Console) events.get(4)).line());

        Bytes v2 = BoardTest.blink("2.0.0");
        d.writeFlash(BoardTest.OTA_1, v2);                         // back into the ROM loader by itself
        assertTrue(d.inLoader());
        assertTrue(d.board().switchBoot("ota_1", false).ok());
        Boot second = d.reset();
        assertEquals(AppSlot.ota(1), second.booted().orElseThrow());
        assertEquals("2.0.0", second.version().orElseThrow());
        assertTrue(second.lines().stream().anyMatch(l -> l.endsWith("Loaded app from partition at offset 0x150000")),
                second.lines().toString());
        assertEquals(first.console().size() + second.console().size(), d.console().size());
    }

    @Test void worksOverAPipeToo() {
        SerialDevice d = overPipe();
        Bytes v2 = BoardTest.blink("2.0.0");
        List<Long> progress = new ArrayList<>();
        var w = d.writeFlash(BoardTest.OTA_1, v2, progress::add);
        assertEquals(v2.md5(), w.md5());
        assertEquals((long) v2.size(), progress.get(progress.size() - 1));
        assertEquals(AppSlot.ota(0), d.reset().booted().orElseThrow());
    }

    @Test void fromLogReadsTheLastBootAndRefusesALogWithoutOne() {
        String log = String.join("\r\n", "ets Jul 29 2019 12:21:46", "",
                "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "I (29) boot: ESP-IDF v5.4.1 2nd stage bootloader",
                "I (60) boot:  0 nvs              WiFi data        01 02 00009000 00004000",
                "I (61) boot:  3 factory          factory app      00 00 00010000 00100000",
                "I (90) boot: Loaded app from partition at offset 0x10000",
                "I (300) app: Running firmware version: 3.1.4", "");
        Boot b = Boot.fromLog(BootLog.parse("garbage before\r\n" + log));
        assertEquals(ResetReason.SW_CPU_RESET, b.reason());
        assertEquals(AppSlot.FACTORY, b.booted().orElseThrow());
        assertEquals("3.1.4", b.version().orElseThrow());
        assertEquals(b, new Boot(b.reason(), b.decision(), b.booted(), b.app(), b.end(), b.console()),
                "the version is worked out once, from the console, by the constructor");
        assertEquals(java.util.Optional.empty(), new Boot(b.reason(), b.decision(), b.booted(), b.app(), b.end(),
                b.console().stream().filter(l -> !l.text().contains("firmware version")).toList()).version());
        assertEquals("ets Jul 29 2019 12:21:46", b.console().get(0).text());
        assertTrue(b.decision().isEmpty() && b.app().isEmpty());
        Boot none = Boot.fromLog(BootLog.parse("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n"));
        assertEquals(Boot.End.NOTHING_BOOTED, none.end());
        assertTrue(none.booted().isEmpty() && none.version().isEmpty());
        assertThrows(DecodeException.class, () -> Boot.fromLog(BootLog.parse("I (1) app: hello\n")));
        assertThrows(DecodeException.class, () -> Boot.fromLog(BootLog.parse(
                "rst:0x5 (DEEPSLEEP_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n")));
    }
}
