package esp32ota.device;

import esp32ota.loader.Command;
import esp32ota.loader.Request;
import esp32ota.loader.RomLoaderClient;
import esp32ota.loader.Slip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pty, opened as plain files (no jSerialComm): the ROM loader answers on it, and the link goes with the device. */
class PtyRelayTest {
    @TempDir Path dir;

    @Test void theLoaderAnswersSyncOnThePtyAndTheLinkIsRemovedOnClose() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PtyRelay.PYTHON)), "needs " + PtyRelay.PYTHON);
        Path link = dir.resolve("ttyVESP");
        Path pts;
        try (SerialEndpoint e = new SerialEndpoint(Rig.withBlink100(false).build())) {
            pts = e.openPty(link);
            assertTrue(pts.toString().startsWith("/dev/pts/"), pts.toString());
            assertEquals(pts, Files.readSymbolicLink(link));
            try (var out = new FileOutputStream(link.toFile()); var in = new FileInputStream(link.toFile())) {
                out.write(Slip.encode(Request.of(Command.SYNC, RomLoaderClient.SYNC_PAYLOAD).encode()));
                out.flush();
                CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> {
                    byte[] b = new byte[14];                      // C0, 8-byte header, 4 value... one SYNC reply
                    try {
                        int n = 0;
                        while (n < b.length) n += in.read(b, n, b.length - n);
                    } catch (IOException x) {
                        throw new RuntimeException(x);
                    }
                    return b;
                });
                byte[] b = reply.get(10, TimeUnit.SECONDS);
                assertEquals((byte) 0xC0, b[0]);
                assertEquals(0x01, b[1]);                         // a response
                assertEquals(Command.SYNC.code(), b[2] & 0xFF);
            }
            assertThrows(IOException.class, () -> e.openPty(dir));   // a folder is not replaced
        }
        long until = System.nanoTime() + 5_000_000_000L;
        while (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < until) Thread.sleep(50);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the helper removes its link");
    }
}
