package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.serial.PipeTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Replays what the real esptool v4.12.0 sent to {@link RomLoaderServer} and checks the answers it got. The traces
 * are the raw bytes esptool wrote, recorded with {@link OracleServer} (second argument) over {@code socket://}:
 * <pre>
 * esptool-4.12.0-flash-id-no-stub.bin:
 *   esptool.py --port socket://127.0.0.1:PORT --before no_reset --after no_reset --no-stub flash_id
 *   → Chip is ESP32-D0WD-V3 (revision v3.1) / Features: WiFi, BT, Dual Core, 240MHz, Coding Scheme None /
 *     Crystal is 40MHz / MAC: 24:0a:c4:12:34:56 / Manufacturer: c8 / Device: 4016 / Detected flash size: 4MB /
 *     Flash voltage set by a strapping pin to 3.3V
 * esptool-4.12.0-write-flash-z-no-stub.bin: the same options, write_flash -z 0x110000 F, where F is the 2048
 *   bytes i % 251 → Wrote 2048 bytes (290 compressed) at 0x00110000 … / Hash of data verified.
 * </pre>
 * What the runs taught: esptool sends GET_SECURITY_INFO once and drains the ROM's eight "invalid message" replies;
 * flash_id is 66 commands, most of them SPI1 register writes that run RDID (0x9F), SFDP (0x5A, with an address) and the flash reset pair 0x66, 0x99;
 * CHANGE_BAUDRATE to an ESP32 ROM carries the baud scaled by the ROM's crystal belief (RTC_CALI_CFG1, eFuse CK8M),
 * so a server without those registers is sent a baud of 0.
 */
class EsptoolTraceTest {
    private record Exchange(Request request, List<Response> responses) { }

    private static List<Exchange> replay(String resource, NorFlash flash) throws IOException {
        byte[] trace;
        try (InputStream in = EsptoolTraceTest.class.getResourceAsStream("/loader/" + resource)) {
            assertNotNull(in, resource);
            trace = in.readAllBytes();
        }
        PipeTransport[] p = PipeTransport.pair(false);
        RomLoaderServer server = RomLoaderServer.esp32(p[1], flash);
        SlipDecoder fromHost = new SlipDecoder(), fromDevice = new SlipDecoder();
        List<Exchange> out = new ArrayList<>();
        byte[] buffer = new byte[65536];
        for (byte[] frame : fromHost.feed(trace)) {
            Request r = Request.decode(frame);
            server.handle(r);
            List<Response> answers = new ArrayList<>();
            int n;
            while ((n = p[0].read(buffer, 0, buffer.length, Duration.ZERO)) > 0) {
                for (byte[] f : fromDevice.feed(buffer, 0, n)) answers.add(Response.decode(f));
            }
            out.add(new Exchange(r, answers));
        }
        assertEquals(0, fromHost.noiseBytes());
        return out;
    }

    @Test void flashIdRunGetsTheAnswersEsptoolPrinted() throws IOException {
        List<Exchange> run = replay("esptool-4.12.0-flash-id-no-stub.bin", NorFlash.erased(4L << 20, FlashTiming.INSTANT));
        assertEquals(66, run.size());
        assertEquals(Command.SYNC.code(), run.get(0).request().command());
        assertEquals(8, run.get(0).responses().size());
        assertEquals(RomLoaderServer.SYNC_VALUE, run.get(0).responses().get(0).value());

        Exchange security = run.get(1);
        assertEquals(Command.GET_SECURITY_INFO.code(), security.request().command());
        assertEquals(8, security.responses().size());                // esptool drains all eight
        for (Response r : security.responses()) {
            assertNotEquals(Command.GET_SECURITY_INFO.code(), r.command());
            assertEquals(1, r.status(0));
            assertEquals(RomError.INVALID_MESSAGE.code(), r.error(0));
        }

        Map<Long, Long> reads = new HashMap<>();
        long lastW0 = -1;
        for (Exchange e : run.subList(2, run.size())) {
            assertEquals(1, e.responses().size(), e.request().toString());
            Response r = e.responses().get(0);
            assertEquals(e.request().command(), r.command());
            assertEquals(4, r.data().size(), "ROM: four status bytes");
            assertEquals(0, r.status(0), e.request().toString());
            if (e.request().command() == Command.READ_REG.code()) {
                reads.put(e.request().word(0), r.value());
                if (e.request().word(0) == Esp32Registers.SPI_BASE + Esp32Registers.SPI_W0 && lastW0 == -1) {
                    lastW0 = r.value();
                }
            }
        }
        assertEquals(ChipDetect.MAGIC_ESP32, reads.get(ChipDetect.MAGIC_REGISTER));
        Esp32Fuses fuses = new Esp32Fuses(reads.get(0x3FF5A004L), reads.get(0x3FF5A008L), reads.get(0x3FF5A00CL),
                reads.get(0x3FF5A010L), reads.get(0x3FF5A014L), reads.get(0x3FF5A018L), reads.get(0x3FF6607CL));
        assertEquals("ESP32-D0WD-V3 (revision v3.1)", fuses.description());
        assertEquals("WiFi, BT, Dual Core, 240MHz, Coding Scheme None", String.join(", ", fuses.features()));
        assertEquals("24:0a:c4:12:34:56", fuses.mac().toString());
        assertEquals(347, reads.get(Esp32Registers.UART_CLKDIV) & 0xFFFFF);   // 115200 × 347 / 10⁶ ≈ 40 MHz
        assertEquals("Manufacturer: c8, Device: 4016", FlashId.fromW0(lastW0).toString());   // the first command: RDID
        assertEquals(0, reads.get(0x3FF44038L) & 1 << 5);       // GPIO_STRAP VDDSDIO low: "set by a strapping pin to 3.3V"
    }

    @Test void compressedWriteRunLandsTheBytesAndTheRomMd5Matches() throws IOException {
        NorFlash flash = NorFlash.erased(4L << 20, FlashTiming.INSTANT);
        List<Exchange> run = replay("esptool-4.12.0-write-flash-z-no-stub.bin", flash);
        byte[] expected = new byte[2048];
        for (int i = 0; i < expected.length; i++) expected[i] = (byte) (i % 251);
        assertEquals(Bytes.of(expected), flash.read(0x110000, 2048));

        Exchange begin = run.stream().filter(e -> e.request().command() == Command.FLASH_DEFL_BEGIN.code()).findFirst()
                .orElseThrow();
        assertEquals(2048, begin.request().word(0));            // uncompressed size rounded up to 1 KiB blocks
        assertEquals(1, begin.request().word(1));                // one block of compressed data
        assertEquals(0x400, begin.request().word(2));
        assertEquals(0x110000, begin.request().word(3));
        Exchange data = run.stream().filter(e -> e.request().command() == Command.FLASH_DEFL_DATA.code()).findFirst()
                .orElseThrow();
        assertEquals(290, data.request().word(0));               // "(290 compressed)"
        Exchange md5 = run.get(run.size() - 1);
        assertEquals(Command.SPI_FLASH_MD5.code(), md5.request().command());
        Response r = md5.responses().get(0);
        assertEquals(32 + 4, r.data().size());                   // ROM: 32 hex characters, then four status bytes
        assertEquals(Bytes.of(expected).md5().hex(), new String(r.payload(32).toByteArray(),
                java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(run.stream().anyMatch(e -> e.request().command() == Command.FLASH_DEFL_END.code()),
                "without a stub esptool sends no FLASH_DEFL_END after write_flash");
    }
}
