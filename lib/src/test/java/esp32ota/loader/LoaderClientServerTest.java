package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.image.Chip;
import esp32ota.serial.Transport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class LoaderClientServerTest {
    private static final long OTA_0 = 0x110000;

    private static Bytes random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return Bytes.of(b);
    }

    /** Half random, half a repeating pattern: compresses, but not to nothing. */
    private static Bytes firmwareLike(int n) {
        byte[] b = random(n, 7).toByteArray();
        for (int i = n / 2; i < n; i++) b[i] = (byte) (i % 61);
        return Bytes.of(b);
    }

    @Test void syncDetectsAnEsp32AndReadsItsIdentity() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            RomLoaderClient c = rig.client;
            c.connect(3);
            assertFalse(c.stubRunning());
            assertEquals(7, c.skippedFrames());               // the ROM answers one SYNC eight times
            assertEquals(Chip.ESP32, c.detectChip());
            assertEquals(0x00F01D83L, c.readReg(ChipDetect.MAGIC_REGISTER));
            Esp32Fuses fuses = c.esp32Fuses();
            assertEquals("ESP32-D0WD-V3 (revision v3.1)", fuses.description());
            assertEquals("24:0a:c4:12:34:56", fuses.mac().toString());
            assertEquals(40, c.crystalMHz());
            c.spiAttach();
            FlashId id = c.flashId();
            assertEquals(0xC8, id.manufacturer());
            assertEquals(0x4016, id.device());
            assertEquals(4L << 20, id.size().orElseThrow());
        }
    }

    @Test void theSummaryHasWhatEsptoolPrints() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            RomLoaderClient.Esp32Summary s = rig.client.esp32Summary();
            assertEquals(new RomLoaderClient.Esp32Summary(Chip.ESP32, "ESP32-D0WD-V3 (revision v3.1)",
                    List.of("WiFi", "BT", "Dual Core", "240MHz", "Coding Scheme None"), 40,
                    MacAddress.parse("24:0a:c4:12:34:56"), new FlashId(0xC8, 0x40, 0x16)), s);
        }
    }

    @Test void connectWithResetDrivesTheLinesThenSyncs() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            List<esp32ota.serial.ControlLines> seen = new ArrayList<>();
            rig.deviceEnd.onPeerLines(seen::add);
            ResetStrategy.Outcome o = rig.client.connectWithReset(4, 2, t -> { });
            assertEquals(ResetStrategy.TIGHT, o.strategy());          // no USB id: esptool's Unix order starts tight
            assertTrue(o.linesSupported());
            assertEquals(o.states(), seen);
            assertEquals(0x00F01D83L, rig.client.readReg(ChipDetect.MAGIC_REGISTER));
        }
    }

    @Test void connectWithResetOnAPortWithoutLinesJustSyncs() throws Exception {
        esp32ota.serial.PipeTransport[] p = esp32ota.serial.PipeTransport.pair(false);
        RomLoaderServer server = RomLoaderServer.esp32(p[1], esp32ota.flash.NorFlash.erased(4L << 20,
                esp32ota.flash.FlashTiming.INSTANT));
        Thread t = new Thread(server);
        t.start();
        try {
            RomLoaderClient c = new RomLoaderClient(p[0], LoaderRig.FAST);
            ResetStrategy.Outcome o = c.connectWithReset(4, 2, d -> { });
            assertFalse(o.linesSupported());
            assertEquals(Chip.ESP32, c.detectChip());
        } finally {
            p[0].close();
            t.join(2000);
        }
    }

    @Test void connectWithResetGivesUpAfterEveryStrategy() throws Exception {
        try (LoaderRig rig = new LoaderRig(t -> new LoaderRig.Wrapper(t) {
            @Override public void write(byte[] data, int from, int length) { }
        })) {
            List<java.time.Duration> pauses = new ArrayList<>();
            LoaderException e = assertThrows(LoaderException.class, () -> rig.client.connectWithReset(4, 1, pauses::add));
            assertEquals(LoaderException.Kind.TIMEOUT, e.kind());
            assertEquals("failed to connect to pipe:a: no SYNC reply after resetting the board", e.getMessage());
            assertEquals(8, pauses.size());                           // two waits in each of the four sequences
            assertEquals(java.time.Duration.ofMillis(550), pauses.get(3));   // TIGHT_LONG's delay
        }
    }

    @Test void spiCommandRestoresTheUserRegisters() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(3);
            long usr = Esp32Registers.SPI_BASE + Esp32Registers.SPI_USR;
            rig.client.writeReg(usr, 0x1234);
            assertEquals(0x1640C8L, rig.client.spiCommand(FlashId.RDID, 24));
            assertEquals(0x1234, rig.client.readReg(usr));
        }
    }

    @Test void writes256KiBRawAndVerifiesByMd5AndByTheFlashBytes() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            RomLoaderClient c = rig.client;
            c.connect(3);
            c.spiAttach();
            c.spiSetParams(4L << 20);
            Bytes data = random(256 * 1024, 1);
            List<Long> progress = new ArrayList<>();
            RomLoaderClient.WriteResult w = c.writeFlash(OTA_0, data, false, progress::add);
            assertEquals(OTA_0, w.address());
            assertEquals(256, w.blocks());
            assertEquals(data.md5(), w.md5());
            assertEquals(data, rig.flash.read(OTA_0, data.size()));
            assertEquals(256, progress.size());
            assertEquals(data.size(), progress.get(progress.size() - 1));
            assertTrue(rig.flash.read(OTA_0 + data.size(), 0x1000).allEqual(0xFF));
            assertEquals(data.slice(0x1000, 0x1000 + 200), c.readFlashSlow(OTA_0 + 0x1000, 200, null));
        }
    }

    @Test void writes256KiBCompressedOverOldContent() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.flash.program(OTA_0, Bytes.filled(0x50000, 0x00));    // an old image: the ROM erases first
            RomLoaderClient c = rig.client;
            c.connect(3);
            c.spiAttach();
            Bytes data = firmwareLike(256 * 1024);
            RomLoaderClient.WriteResult w = c.writeFlash(OTA_0, data, true, null);
            assertTrue(w.sentBytes() < data.size() * 3 / 4, "compressed " + w.sentBytes());
            assertEquals((w.sentBytes() + 1023) / 1024, w.blocks());
            assertEquals(data, rig.flash.read(OTA_0, data.size()));
            // the ROM erased only the sectors it wrote: the old image's tail is still there
            assertTrue(rig.flash.read(OTA_0 + data.size(), 0x10000).allEqual(0x00));
            assertEquals(data.md5(), c.flashMd5(OTA_0, data.size()));
        }
    }

    @Test void anUnalignedStartIsPaddedDownToItsSector() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(3);
            Bytes data = random(3000, 2);
            RomLoaderClient.WriteResult w = rig.client.writeFlash(0x10100, data, false, null);
            assertEquals(0x10000, w.address());
            assertEquals(3000 + 0x100, w.length());
            assertTrue(rig.flash.read(0x10000, 0x100).allEqual(0xFF));
            assertEquals(data, rig.flash.read(0x10100, 3000));
        }
    }

    @Test void noiseBetweenFramesIsSkippedAndKeptAsText() throws Exception {
        byte[] text = "I (31) boot: noise\r\n".getBytes(StandardCharsets.US_ASCII);
        try (LoaderRig rig = new LoaderRig(t -> new LoaderRig.Wrapper(t) {
            @Override public void write(byte[] data, int from, int length) throws IOException {
                inner.write(text, 0, text.length);
                inner.write(data, from, length);
            }
        })) {
            RomLoaderClient c = rig.client;
            c.connect(3);
            assertEquals(Chip.ESP32, c.detectChip());
            Bytes data = random(8192, 3);
            c.writeFlash(0x20000, data, true, null);
            assertEquals(data, rig.flash.read(0x20000, data.size()));
            assertTrue(c.takeNoise().contains("I (31) boot: noise"));
        }
    }

    @Test void garbageFramesAreSkipped() throws Exception {
        byte[][] garbage = {
                Slip.encode(new byte[] {1, 2, 3}),                                   // too short for a response
                Slip.encode(new byte[] {0x02, 0x0A, 0, 0, 0, 0, 0, 0}),              // wrong direction
                Slip.encode(new byte[] {0x01, 0x0A, 9, 0, 0, 0, 0, 0, 0, 0}),        // size that lies
                {(byte) 0xC0, 0x01, (byte) 0xDB, 0x00, (byte) 0xC0},                  // bad escape
        };
        AtomicInteger n = new AtomicInteger();
        try (LoaderRig rig = new LoaderRig(t -> new LoaderRig.Wrapper(t) {
            @Override public void write(byte[] data, int from, int length) throws IOException {
                byte[] g = garbage[n.getAndIncrement() % garbage.length];
                inner.write(g, 0, g.length);
                inner.write(data, from, length);
            }
        })) {
            rig.client.connect(3);
            assertEquals(0x00F01D83L, rig.client.readReg(ChipDetect.MAGIC_REGISTER));
            Bytes data = random(4096, 4);
            rig.client.writeFlash(0x30000, data, false, null);
            assertEquals(data, rig.flash.read(0x30000, 4096));
            assertTrue(rig.client.skippedFrames() >= 8);
        }
    }

    @Test void aDeviceThatStopsAnsweringMidWriteTimesOutWithAClearError() throws Exception {
        AtomicInteger replies = new AtomicInteger();
        try (LoaderRig rig = new LoaderRig(t -> new LoaderRig.Wrapper(t) {
            @Override public void write(byte[] data, int from, int length) throws IOException {
                if (replies.incrementAndGet() <= 8 + 1 + 20) inner.write(data, from, length);   // SYNC, BEGIN, 20 blocks
            }
        })) {
            RomLoaderClient c = rig.client;
            c.connect(1);
            long t0 = System.nanoTime();
            LoaderException e = assertThrows(LoaderException.class,
                    () -> c.writeFlash(OTA_0, random(64 * 1024, 5), false, null));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(LoaderException.Kind.TIMEOUT, e.kind());
            assertEquals("pipe:a: no response to FLASH_DATA (0x03) within 500 ms (device not answering)",
                    e.getMessage());
            assertTrue(ms < 3000, ms + " ms");
        }
    }

    @Test void noDeviceAtAllFailsToConnect() throws Exception {
        try (LoaderRig rig = new LoaderRig(t -> new LoaderRig.Wrapper(t) {
            @Override public void write(byte[] data, int from, int length) { }
        })) {
            LoaderException e = assertThrows(LoaderException.class, () -> rig.client.connect(2));
            assertEquals(LoaderException.Kind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().startsWith("failed to connect to pipe:a: no SYNC reply in 2 attempts"),
                    e.getMessage());
        }
    }

    @Test void aClosedConnectionIsReportedAsClosed() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            rig.deviceEnd.close();
            LoaderException e = assertThrows(LoaderException.class, () -> rig.client.readReg(0));
            assertTrue(e.kind() == LoaderException.Kind.CLOSED || e.kind() == LoaderException.Kind.IO, e.kind().name());
        }
    }

    @Test void theRomRejectsUnknownCommandsAsInvalidMessages() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            LoaderException e = assertThrows(LoaderException.class, () -> rig.client.command(
                    Request.of(Command.GET_SECURITY_INFO, Bytes.EMPTY), 20, LoaderRig.FAST.command()));
            assertEquals(LoaderException.Kind.UNSUPPORTED, e.kind());
            assertEquals(RomError.INVALID_MESSAGE.code(), e.errorCode());
            rig.client.discardInput();
            // stub-only commands are unknown to the ROM too
            assertEquals(LoaderException.Kind.UNSUPPORTED, assertThrows(LoaderException.class,
                    () -> rig.client.command(Request.of(Command.ERASE_FLASH, Bytes.EMPTY), 0,
                            LoaderRig.FAST.command())).kind());
        }
    }

    @Test void aBadBlockChecksumIsRefusedWithTheRomChecksumError() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            rig.client.flashBegin(1024, 1, 1024, 0x40000);
            Request good = Request.block(Command.FLASH_DATA, 0, Bytes.filled(1024, 0x12));
            Request bad = new Request(good.command(), good.checksum() ^ 1, good.data());
            LoaderException e = assertThrows(LoaderException.class,
                    () -> rig.client.command(bad, 0, LoaderRig.FAST.command()));
            assertEquals(LoaderException.Kind.FAILED, e.kind());
            assertEquals(0x07, e.errorCode());
            assertEquals("pipe:a: FLASH_DATA (0x03) failed: 0x07 (checksum error)", e.getMessage());
            assertTrue(rig.flash.read(0x40000, 1024).allEqual(0xFF));
        }
    }

    @Test void aBaudOfZeroIsRefusedAndTheServerKeepsServing() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            LoaderException e = assertThrows(LoaderException.class, () -> rig.client.command(
                    Request.of(Command.CHANGE_BAUDRATE, 0, 0), 0, LoaderRig.FAST.command()));
            assertEquals(RomError.INVALID_PARAMETER.code(), e.errorCode());
            assertEquals(115_200, rig.deviceEnd.baud());
            assertEquals(0x00F01D83L, rig.client.readReg(ChipDetect.MAGIC_REGISTER));
        }
    }

    @Test void flashDataWithoutFlashBeginIsRefused() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            LoaderException e = assertThrows(LoaderException.class,
                    () -> rig.client.flashData(Bytes.filled(1024, 0), 0));
            assertEquals(RomError.FAILED_TO_ACT.code(), e.errorCode());
            assertTrue(rig.flash.read(0, 1024).allEqual(0xFF));
            rig.client.flashBegin(1024, 1, 1024, 0);
            rig.client.flashData(Bytes.filled(1024, 0), 0);
            rig.client.flashEnd(false);
            assertThrows(LoaderException.class, () -> rig.client.flashData(Bytes.filled(1024, 0), 1));
            assertTrue(rig.flash.read(0, 1024).allEqual(0x00));
        }
    }

    @Test void slowReadRefusesMoreThan64Bytes() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            LoaderException e = assertThrows(LoaderException.class, () -> rig.client.command(
                    Request.of(Command.READ_FLASH_SLOW, 0, 65), 64, LoaderRig.FAST.command()));
            assertEquals(RomError.FLASH_READ_LENGTH.code(), e.errorCode());
        }
    }

    @Test void aStubUploadSaysOhaiAndSwitchesToStubRules() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            RomLoaderClient c = rig.client;
            c.connect(1);
            Bytes code = random(100, 6);
            c.command(Request.of(Command.MEM_BEGIN, 100, 1, 0x1800, 0x400A8000L), 0, LoaderRig.FAST.command());
            c.command(Request.block(Command.MEM_DATA, 0, code), 0, LoaderRig.FAST.command());
            Response end = c.command(Request.of(Command.MEM_END, 0, 0x400A902CL), 0, LoaderRig.FAST.command());
            assertEquals(4, end.data().size());                       // still a ROM reply
            c.sync();                                                 // reads past OHAI
            assertTrue(c.stubRunning());
            assertTrue(rig.server.stubRunning());
            assertEquals(100, rig.server.memBytes());
            Response reg = c.command(Request.of(Command.READ_REG, ChipDetect.MAGIC_REGISTER), 0, LoaderRig.FAST.command());
            assertEquals(2, reg.data().size());                       // stub: two status bytes
            Bytes data = random(5000, 8);
            c.writeFlash(0x50000, data, true, null);                  // MD5 now arrives as 16 raw bytes
            assertEquals(data, rig.flash.read(0x50000, 5000));
            c.flashEnd(true);                                         // the stub reboots into the ROM
            c.discardInput();
            c.sync();
            assertFalse(c.stubRunning());
        }
    }

    @Test void theStubsWindowedReadFlashSendsPacketsAsAcknowledgedThenTheMd5() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            Bytes data = random(10_000, 9);
            rig.flash.program(0x8000, data);
            RomLoaderClient c = rig.client;
            c.connect(1);
            c.command(Request.of(Command.MEM_BEGIN, 4, 1, 0x1800, 0x400A8000L), 0, LoaderRig.FAST.command());
            c.command(Request.block(Command.MEM_DATA, 0, Bytes.of(1, 2, 3, 4)), 0, LoaderRig.FAST.command());
            c.command(Request.of(Command.MEM_END, 0, 0x400A902CL), 0, LoaderRig.FAST.command());
            c.sync();
            assertTrue(c.stubRunning());
            // the client is ROM-only: speak READ_FLASH by hand, on the raw pipe
            rig.hostEnd.write(Slip.encode(Request.of(Command.READ_FLASH, 0x8000, 10_000, 4096, 2).encode()));
            SlipDecoder d = new SlipDecoder();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            List<Integer> sizes = new ArrayList<>();
            byte[] buffer = new byte[65536];
            List<byte[]> frames = new ArrayList<>();
            while (frames.isEmpty()) frames.addAll(d.feed(buffer, 0, rig.hostEnd.read(buffer, 0, buffer.length,
                    java.time.Duration.ofSeconds(2))));
            Response reply = Response.decode(frames.remove(0));
            assertEquals(Command.READ_FLASH.code(), reply.command());
            assertEquals(2, reply.data().size());
            assertEquals(0, reply.status(0));
            while (got.size() < 10_000) {
                while (frames.isEmpty()) {
                    int n = rig.hostEnd.read(buffer, 0, buffer.length, java.time.Duration.ofSeconds(2));
                    assertTrue(n > 0, "the stub stopped sending");
                    frames.addAll(d.feed(buffer, 0, n));
                }
                byte[] packet = frames.remove(0);
                sizes.add(packet.length);
                got.writeBytes(packet);
                rig.hostEnd.write(Slip.encode(Request.words(got.size()).toByteArray()));
            }
            while (frames.isEmpty()) {
                int n = rig.hostEnd.read(buffer, 0, buffer.length, java.time.Duration.ofSeconds(2));
                frames.addAll(d.feed(buffer, 0, n));
            }
            assertEquals(List.of(4096, 4096, 1808), sizes);
            assertEquals(data, Bytes.of(got.toByteArray()));
            assertEquals(data.md5(), Bytes.of(frames.remove(0)));
        }
    }

    @Test void changeBaudMovesBothEnds() throws Exception {
        try (LoaderRig rig = new LoaderRig()) {
            rig.client.connect(1);
            assertEquals(Chip.ESP32, rig.client.detectChip());          // ESP32: the ROM-crystal correction applies
            rig.client.changeBaud(921_600);
            assertEquals(921_600, rig.hostEnd.baud());
            assertEquals(921_600, rig.deviceEnd.baud());
            assertEquals(0x00F01D83L, rig.client.readReg(ChipDetect.MAGIC_REGISTER));
        }
    }

    /** Keeps the import of Transport honest for decorators defined in lambdas. */
    @SuppressWarnings("unused") private static Transport same(Transport t) { return t; }
}
