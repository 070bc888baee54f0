package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.loader.ResetStrategy;
import esp32ota.loader.RomLoaderClient;
import esp32ota.serial.PipeTransport;
import esp32ota.serial.TcpTransport;
import esp32ota.serial.Transport;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class SerialEndpointTest {
    static final RomLoaderClient.Timeouts FAST = new RomLoaderClient.Timeouts(Duration.ofSeconds(2),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** Reads from {@code t} until {@code text} arrived or 5 s passed; returns what came. */
    static String readUntil(Transport t, String text) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[4096];
        long until = System.nanoTime() + 5_000_000_000L;
        while (!sb.toString().contains(text) && System.nanoTime() < until) {
            int n = t.read(b, 0, b.length, Duration.ofMillis(100));
            if (n < 0) break;
            sb.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test void overTcpItIsInDownloadModeThenTheControlPortBootsWhatWasWritten() throws Exception {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        try (SerialEndpoint e = new SerialEndpoint(d)) {
            int port = e.listenTcp(0), control = e.listenControl(0);
            assertEquals(SerialEndpoint.Mode.DOWNLOAD, e.mode());
            Bytes v2 = Rig.blink("2.0.0", 0);
            try (TcpTransport t = TcpTransport.connect("socket://127.0.0.1:" + port)) {
                RomLoaderClient c = new RomLoaderClient(t, FAST);
                c.connect(5);
                RomLoaderClient.Esp32Summary s = c.esp32Summary();
                assertEquals(d.chip().macText(), s.mac().toString());
                c.writeFlash(0x150000, v2, true, n -> { });
                assertEquals(v2, d.flash().read(0x150000, v2.size()));

                try (Socket cs = new Socket("127.0.0.1", control);
                     var in = new BufferedReader(new InputStreamReader(cs.getInputStream(), StandardCharsets.UTF_8));
                     var out = new PrintWriter(cs.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    out.println("reset");
                    assertEquals("ok running ota_0", in.readLine());   // otadata is erased: ota_0 boots
                    String console = readUntil(t, "blink 1.0.0 running from ota_0");
                    assertTrue(console.contains("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"), console);
                    assertTrue(console.contains("I (") && console.contains("boot: Loaded app from partition at offset 0x10000"),
                            console);
                    assertEquals(SerialEndpoint.Mode.RUNNING, e.mode());
                    out.println("reset --download");
                    assertEquals("ok download", in.readLine());
                    assertTrue(readUntil(t, "waiting for download").contains("DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2)"));
                    out.println("bogus");
                    assertTrue(in.readLine().startsWith("error unknown command 'bogus'"));
                }
                c.connect(5);                                      // the loader answers again on the same line
                assertEquals(v2.md5(), c.flashMd5(0x150000, v2.size()));
            }
        }
    }

    @Test void aPipeWithLinesIsResetByTheAutoResetCircuitAsEsptoolDrivesIt() throws Exception {
        VirtualEsp32 d = Rig.withBlink100(false).build();
        PipeTransport[] pair = PipeTransport.pair(true);
        try (SerialEndpoint e = new SerialEndpoint(d)) {
            e.attach(pair[1]);
            Transport host = pair[0];
            ResetStrategy.HARD_RESET.apply(host, ResetStrategy.Pause.REAL);       // RTS pulse: EN rises, IO0 high
            assertTrue(readUntil(host, "running from ota_0").contains("Loaded app from partition at offset 0x10000"));
            assertEquals(SerialEndpoint.Mode.RUNNING, e.mode());
            ResetStrategy.CLASSIC.apply(host, ResetStrategy.Pause.REAL);          // through DTR = RTS = 1 to IO0 low
            assertTrue(readUntil(host, "waiting for download").contains("boot:0x3"));
            assertEquals(SerialEndpoint.Mode.DOWNLOAD, e.mode());
            RomLoaderClient c = new RomLoaderClient(host, FAST);
            c.connect(5);
            assertEquals(esp32ota.image.Chip.ESP32, c.detectChip());
            host.setLines(false, false);                   // EN stays high: nothing happens
            Thread.sleep(3 * SerialEndpoint.STRAP_DELAY.toMillis());
            assertEquals(SerialEndpoint.Mode.DOWNLOAD, e.mode());
        }
    }

    @Test void controlCommandsAnswerOneLine() {
        try (SerialEndpoint e = new SerialEndpoint(Rig.withBlink100(false).build())) {
            assertEquals("ok download -", e.command("status"));
            assertEquals("ok running ota_0", e.command("  reset "));
            assertEquals("ok running ota_0", e.command("status"));
            assertEquals(AppSlot.ota(0), e.device().running().orElseThrow());
        }
    }
}
