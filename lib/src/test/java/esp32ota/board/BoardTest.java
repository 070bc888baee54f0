package esp32ota.board;

import esp32ota.boot.AppSlot;
import esp32ota.bootlog.BootLog;
import esp32ota.bytes.Bytes;
import esp32ota.device.DeviceEvent;
import esp32ota.device.SerialEndpoint;
import esp32ota.device.VirtualEsp32;
import esp32ota.image.Chip;
import esp32ota.loader.LoaderException;
import esp32ota.loader.RomLoaderClient;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import esp32ota.serial.PipeTransport;
import esp32ota.serial.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class BoardTest {
    static final RomLoaderClient.Timeouts FAST = new RomLoaderClient.Timeouts(Duration.ofMillis(700),
            Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofSeconds(3));
    static final long OTADATA = 0xD000, OTA_1 = 0x150000;

    final VirtualEsp32 device = VirtualEsp32.builder(table()).app(AppSlot.ota(0), blink("1.0.0")).build();
    final SerialEndpoint endpoint = new SerialEndpoint(device);
    final PipeTransport[] pair = PipeTransport.pair(false);

    static PartitionTable table() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    static Bytes blink(String version) { return ImageSamples.blink(version, 0).build(); }

    Board connect(Transport host) {
        endpoint.attach(pair[1]);
        return Board.connect(new RomLoaderClient(host, FAST));
    }

    @AfterEach void close() { endpoint.close(); }

    @Test void readsTableOtadataSlotsAndPredictsWhatTheDeviceThenBoots() {
        Board b = connect(pair[0]);
        assertEquals("24:0a:c4:12:34:56", b.chip().mac().toString());
        assertEquals(4L << 20, b.flashSize());
        BoardReport r = b.read(false);
        assertEquals(table(), r.table());
        assertEquals(List.of("nvs", "otadata", "phy_init", "ota_0", "ota_1"), r.table().labels());
        assertTrue(r.otadata().encode().allEqual(0xFF));
        assertTrue(r.apps().image(AppSlot.ota(0)).orElseThrow().bootable());
        assertEquals("1.0.0", r.apps().image(AppSlot.ota(0)).orElseThrow().descriptor().orElseThrow().versionText());
        assertFalse(r.apps().image(AppSlot.ota(1)).orElseThrow().bootable());
        assertEquals(AppSlot.ota(0), r.nextBoot().orElseThrow());
        assertTrue(r.readBytes() < 0x4000, "reads only what it needs: " + r.readBytes());
        assertEquals(r.nextBoot(), endpoint.resetAndBoot().orElseThrow().booted());
    }

    @Test void writesASlotSwitchesOtadataAndTheNextBootIsTheNewVersion() {
        Board b = connect(pair[0]);
        Bytes v2 = blink("2.0.0");
        List<Long> progress = new ArrayList<>();
        SlotWrite w = b.writeSlot("ota_1", v2, true, true, false, progress::add);
        assertEquals(AppSlot.ota(1), w.slot());
        assertEquals(v2.md5(), w.md5());
        assertTrue(w.switched());
        assertEquals((long) v2.size(), progress.get(progress.size() - 1));
        assertEquals(v2, device.flash().read(OTA_1, v2.size()));
        BoardReport r = b.read(false);
        assertEquals(AppSlot.ota(1), r.nextBoot().orElseThrow());

        StringBuilder console = new StringBuilder();
        device.addListener(e -> {
            if (e instanceof DeviceEvent.Console c) console.append(c.line().formatted()).append("\r\n");
        });
        assertEquals(AppSlot.ota(1), endpoint.resetAndBoot().orElseThrow().booted().orElseThrow());
        BootLog log = BootLog.parse(console.toString());
        var boot = log.boots().get(log.boots().size() - 1);
        assertEquals(OTA_1, boot.loaded().orElseThrow());
        assertEquals("ota_1", boot.label().orElseThrow());
        assertEquals("2.0.0", boot.appVersion().orElseThrow());
    }

    @Test void consoleWatchReadsTheBootUntilTheLineIsQuiet() throws Exception {
        Board b = connect(pair[0]);
        b.writeSlot("ota_1", blink("2.0.0"), false, true, false, null);
        Thread reset = new Thread(endpoint::resetAndBoot);
        reset.start();
        ConsoleWatch w = ConsoleWatch.read(pair[0], Duration.ofMillis(300), Duration.ofSeconds(5));
        reset.join();
        assertTrue(w.text().startsWith("ets Jul 29 2019 12:21:46\r\n"), w.text());
        assertEquals(OTA_1, w.log().boots().get(0).loaded().orElseThrow());
        assertEquals("2.0.0", w.log().boots().get(0).appVersion().orElseThrow());
        assertEquals("", ConsoleWatch.hardReset(pair[0], Duration.ofMillis(50), Duration.ofMillis(200)).text());
    }

    @Test void switchBootSelectsASlotWrittenByAnotherToolOnlyIfItsImageVerifies() {
        Board b = connect(pair[0]);
        BoardException e = assertThrows(BoardException.class, () -> b.switchBoot("ota_1", false));
        assertTrue(e.getMessage().startsWith("the image in 'ota_1' would not boot"), e.getMessage());
        device.flash().program(OTA_1, blink("2.0.0"));                 // as esptool would have written it
        assertTrue(b.switchBoot("ota_1", false).ok());
        assertEquals(AppSlot.ota(1), b.read(false).nextBoot().orElseThrow());
    }

    @Test void refusesBeforeTouchingFlash() {
        Board b = connect(pair[0]);
        AtomicLong ops = new AtomicLong();
        device.addListener(e -> { if (e instanceof DeviceEvent.FlashOperation) ops.incrementAndGet(); });
        Bytes c3 = ImageSamples.hello(Chip.ESP32_C3).build();
        assertTrue(assertThrows(BoardException.class, () -> b.writeSlot("ota_1", c3, false, true, false, null))
                .getMessage().startsWith("the image is for ESP32-C3, the board is an ESP32"));
        Bytes huge = Bytes.filled(0x140001, 0xE9);
        assertTrue(assertThrows(BoardException.class, () -> b.writeSlot("ota_1", huge, false, true, false, null))
                .getMessage().startsWith("a 1310721-byte image does not fit 'ota_1'"));
        assertTrue(assertThrows(BoardException.class, () -> b.writeSlot("nvs", blink("2.0.0"), false, true, false,
                null)).getMessage().startsWith("'nvs' is not an OTA app slot"));
        assertTrue(assertThrows(BoardException.class, () -> b.writeSlot("ota_7", blink("2.0.0"), false, true, false,
                null)).getMessage().startsWith("the board's partition table has no partition 'ota_7'"));
        assertEquals(0, ops.get());
    }

    @Test void aDeviceThatStopsAnsweringMidWriteLeavesOtadataUntouched() {
        Bytes otadataBefore = device.flash().read(OTADATA, 0x2000);
        AtomicLong written = new AtomicLong();
        Transport silencing = new Silencing(pair[0], written);
        Board b = connect(silencing);
        written.set(0);
        Silencing.limit = 1500;                                 // the image's first block goes, then silence
        LoaderException e = assertThrows(LoaderException.class, () -> b.writeSlot("ota_1", blink("2.0.0"), false,
                true, false, null));
        assertEquals(LoaderException.Kind.TIMEOUT, e.kind());
        assertEquals(otadataBefore, device.flash().read(OTADATA, 0x2000));
    }

    /** Drops everything the host writes after {@code limit} bytes (counted from the last reset of the counter). */
    static final class Silencing implements Transport {
        static volatile long limit = Long.MAX_VALUE;
        final Transport inner;
        final AtomicLong written;

        Silencing(Transport inner, AtomicLong written) {
            this.inner = inner;
            this.written = written;
            limit = Long.MAX_VALUE;
        }

        @Override public String name() { return inner.name(); }

        @Override public void write(byte[] d, int from, int length) throws IOException {
            if (written.addAndGet(length) <= limit) inner.write(d, from, length);
        }

        @Override public int read(byte[] into, int from, int length, Duration timeout) throws IOException {
            return inner.read(into, from, length, timeout);
        }

        @Override public void setBaud(int baud) throws IOException { inner.setBaud(baud); }

        @Override public int baud() { return inner.baud(); }

        @Override public boolean setLines(boolean dtr, boolean rts) { return false; }

        @Override public void close() throws IOException { inner.close(); }
    }
}
