package esp32ota.serial;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Every refusal here happens before jSerialComm is loaded: no native library in unit tests. */
class TransportsTest {
    @Test void aMissingTtyIsRefusedByName() {
        IOException e = assertThrows(IOException.class, () -> Transports.open("/dev/ttyNOPE_esp32ota"));
        assertEquals("no such serial port: /dev/ttyNOPE_esp32ota", e.getMessage());
    }

    @Test void aRegularFileOrDirectoryIsNotASerialPort(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("image.bin"), "x");
        assertEquals("not a serial port (a regular file): " + f,
                assertThrows(IOException.class, () -> Transports.open(f.toString())).getMessage());
        assertEquals("not a serial port (a directory): " + dir,
                assertThrows(IOException.class, () -> Transports.open(dir.toString())).getMessage());
    }

    @Test void badPortNames() {
        assertEquals("no port given (a tty path or socket://host:port)",
                assertThrows(IOException.class, () -> Transports.open(" ")).getMessage());
        assertEquals("unsupported port rfc2217://h:1: use a tty path or socket://host:port",
                assertThrows(IOException.class, () -> Transports.open("rfc2217://h:1")).getMessage());
        assertEquals("bad socket:// port socket://localhost: expected socket://host:port",
                assertThrows(IOException.class, () -> Transports.open("socket://localhost")).getMessage());
        assertEquals("bad socket:// port socket://h:99999: expected socket://host:port",
                assertThrows(IOException.class, () -> Transports.open("socket://h:99999")).getMessage());
    }

    @Test void aRefusedConnectionNamesThePort() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        String port = "socket://127.0.0.1:" + free;
        IOException e = assertThrows(IOException.class, () -> Transports.open(port));
        assertTrue(e.getMessage().startsWith("cannot connect to " + port + ": "), e.getMessage());
    }

    @Test void tcpCarriesBytesBothWaysAndHasNoLines() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            try (Transport host = Transports.open("socket://127.0.0.1:" + server.getLocalPort(), 921_600);
                 Socket accepted = server.accept()) {
                TcpTransport device = TcpTransport.of(accepted);
                assertEquals(921_600, host.baud());
                assertFalse(host.setLines(true, false));
                assertEquals(0, host.read(new byte[4], 0, 4, Duration.ofMillis(20)));
                host.write(new byte[] {1, 2, 3});
                byte[] b = new byte[8];
                assertEquals(3, readFully(device, b, 3));
                assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(b, 3));
                device.write(new byte[] {7});
                assertEquals(1, readFully(host, b, 1));
                assertEquals(7, b[0]);
                device.close();
                assertEquals(-1, host.read(b, 0, 8, Duration.ofMillis(500)));
            }
        }
    }

    private static int readFully(Transport t, byte[] b, int n) throws IOException {
        int got = 0;
        long end = System.nanoTime() + 2_000_000_000L;
        while (got < n && System.nanoTime() < end) got += Math.max(0, t.read(b, got, n - got, Duration.ofMillis(100)));
        return got;
    }

    @Test void usbJtagSerialIsRecognised() {
        assertTrue(new UsbId(0x303A, 0x1001).isUsbJtagSerial());
        assertFalse(new UsbId(0x10C4, 0xEA60).isUsbJtagSerial());
        assertEquals("10C4:EA60", new UsbId(0x10C4, 0xEA60).toString());
    }
}
