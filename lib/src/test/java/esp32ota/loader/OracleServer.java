package esp32ota.loader;

import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.serial.TcpTransport;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Test-only launcher for running a real esptool against the ROM loader server:
 * {@code java -cp … esp32ota.loader.OracleServer 5555}, then
 * {@code esptool.py --port socket://127.0.0.1:5555 --before no_reset --no-stub …}. One 4 MiB flash, kept across
 * connections; one connection at a time. Not a CLI: {@code ./kit device serve} belongs to the virtual device.
 * With a second argument, every byte the client sends is appended to that file (how the esptool traces under
 * {@code src/test/resources/loader} were recorded).
 */
public final class OracleServer {
    private OracleServer() { }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5555;
        NorFlash flash = NorFlash.erased(4L << 20, FlashTiming.INSTANT);
        OutputStream record = args.length > 1 ? new FileOutputStream(args[1], true) : null;
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            System.out.println("ROM loader on socket://127.0.0.1:" + server.getLocalPort());
            while (true) {
                try (Socket s = server.accept(); TcpTransport t = TcpTransport.of(s)) {
                    RomLoaderServer rom = RomLoaderServer.esp32(record == null ? t : new LoaderRig.Wrapper(t) {
                        @Override public int read(byte[] into, int from, int length, java.time.Duration timeout)
                                throws IOException {
                            int n = inner.read(into, from, length, timeout);
                            if (n > 0) {
                                record.write(into, from, n);
                                record.flush();
                            }
                            return n;
                        }
                    }, flash);
                    rom.run();
                    System.out.println("connection closed after " + rom.commands() + " commands");
                }
            }
        }
    }
}
