package esp32ota.cli;

import esp32ota.device.SerialEndpoint;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** device serve, info, flash, monitor and bootlog through Main, against a served virtual ESP32. */
class DeviceLiveCommandTest {
    @TempDir Path dir;
    final CompletableFuture<Void> stop = new CompletableFuture<>();
    final CompletableFuture<SerialEndpoint> started = new CompletableFuture<>();
    Thread server;
    String port;

    record Run(int status, String out, String err) {}

    Run run(String... argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir);
        int status = Main.run(List.of(argv), console);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach void serve() throws Exception {
        var console = new Console(new PrintStream(new ByteArrayOutputStream(), true), System.err, Map.of(), dir);
        server = new Thread(() -> {
            try {
                new DeviceServeCommand(stop, Optional.of(started::complete)).run(List.of("--port", "0"), console);
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        server.setDaemon(true);
        server.start();
        SerialEndpoint e = started.get(10, TimeUnit.SECONDS);
        assertNotNull(e);
        port = "socket://127.0.0.1:" + portOf(e);
    }

    /** serve --port 0 only prints the port it got; the test opens a second data port on the same device. */
    static int portOf(SerialEndpoint e) throws Exception {
        return e.listenTcp(0);
    }

    @AfterEach void stop() throws Exception {
        stop.complete(null);
        server.join(5000);
    }

    @Test void infoFlashMonitorAndBootlog() throws Exception {
        Run info = run("device", "info", port, "--baud", "921600");
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("MAC         24:0a:c4:12:34:56\n"), info.out());
        assertTrue(info.out().contains("  ota_0    0x010000  blink 1.0.0              bootable\n"), info.out());
        assertTrue(info.out().contains("next boot   ota_0\n"), info.out());

        Files.write(dir.resolve("v2.bin"), ImageSamples.blink("2.0.0", 0).build().toByteArray());
        Run flash = run("device", "flash", port, "--slot", "ota_1", "v2.bin", "--switch");
        assertEquals(0, flash.status(), flash.err());
        assertTrue(flash.out().contains("otadata now selects ota_1"), flash.out());

        Run switchBack = run("device", "flash", port, "--slot", "ota_0", "--switch");   // already there: select only
        assertEquals("otadata now selects ota_0 (esp_ota_set_boot_partition(ota_0))\n", switchBack.out());
        assertTrue(run("device", "info", port).out().contains("next boot   ota_0\n"));
        assertEquals(0, run("device", "flash", port, "--slot", "ota_1", "--switch").status());

        Run json = run("device", "info", port, "--json");
        assertTrue(json.out().contains("\"next_boot\": \"ota_1\""), json.out());

        Run monitor = run("device", "monitor", port, "--reset", "--control",
                "127.0.0.1:" + started.get().listenControl(0), "--seconds", "1.5");
        assertEquals(0, monitor.status(), monitor.err());
        assertTrue(monitor.out().contains(") boot: Loaded app from partition at offset 0x150000\n"),
                monitor.out());
        Files.writeString(dir.resolve("boot.log"), monitor.out());
        Run log = run("bootlog", "boot.log");
        assertEquals(0, log.status(), log.err());
        assertTrue(log.out().contains("  loaded app at 0x150000 (ota_1)\n  app version 2.0.0\n"), log.out());
        Run logJson = run("bootlog", "boot.log", "--json");
        assertTrue(logJson.out().contains("\"partition\": \"ota_1\""), logJson.out());
    }

    @Test void badInputIsOneLineAndExit2() throws Exception {
        Files.write(dir.resolve("c6.bin"), ImageSamples.hello(esp32ota.image.Chip.ESP32_C6).build().toByteArray());
        Files.write(dir.resolve("big.bin"), new byte[0x140001]);
        for (String[] argv : new String[][] {
                {"device", "info", "socket://127.0.0.1:1"},
                {"device", "info", dir.resolve("nothing").toString()},
                {"device", "flash", port, "--slot", "ota_1", "c6.bin", "--switch"},
                {"device", "flash", port, "--slot", "ota_1", "big.bin"},
                {"device", "flash", port, "--slot", "nvs", "c6.bin"},
                {"device", "flash", port, "c6.bin"},
                {"device", "frobnicate"},
                {"device", "info", port, "--baud", "fast"},
                {"bootlog", "missing.log"}}) {
            Run r = run(argv);
            assertEquals(2, r.status(), String.join(" ", argv) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertTrue(run("device", "flash", port, "--slot", "ota_1", "c6.bin").err()
                .startsWith("the image is for ESP32-C6, the board is an ESP32; nothing was written"));
        Run info = run("device", "info", port);
        assertTrue(info.out().contains("ota_1    0x150000  (no app description)     not bootable"), info.out());
        assertTrue(info.out().contains("copy 0    blank (erased)"), info.out());
    }

    @Test void benchSerialWritesAndReportsAgainstTheWire() {
        Run r = run("bench", "serial", "--runs", "1", "--bytes", "65536");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("1 write = 65536 bytes raw at 0x200000 over socket://127.0.0.1:"), r.out());
        assertTrue(r.out().contains("a 921600-baud wire needs 0.71 s"), r.out());
        assertTrue(r.out().contains("x the 921600-baud wire"), r.out());
        assertEquals(2, run("bench", "serial", "--bytes", "0").status());
    }

    @Test void aDeviceThatIsNotInDownloadModeIsOneLine() throws Exception {
        started.get().resetAndBoot();
        Run r = run("device", "info", port);
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("failed to connect to " + port + ": no SYNC reply"), r.err());
    }
}
