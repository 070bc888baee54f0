package esp32ota.loader;

import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.serial.PipeTransport;
import esp32ota.serial.Transport;

import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A virtual ESP32 ROM loader on one end of a pipe, a client on the other; short timeouts so failures are quick. */
final class LoaderRig implements AutoCloseable {
    static final RomLoaderClient.Timeouts FAST = new RomLoaderClient.Timeouts(Duration.ofMillis(500),
            Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(2));

    final NorFlash flash = NorFlash.erased(4L << 20, FlashTiming.INSTANT);
    final PipeTransport hostEnd, deviceEnd;
    final RomLoaderServer server;
    final RomLoaderClient client;
    private final Thread thread;

    LoaderRig() { this(t -> t); }

    /** {@code deviceSide} wraps the device's end of the pipe (to add noise, or to go silent). */
    LoaderRig(UnaryOperator<Transport> deviceSide) {
        PipeTransport[] pair = PipeTransport.pair();
        hostEnd = pair[0];
        deviceEnd = pair[1];
        server = RomLoaderServer.esp32(deviceSide.apply(deviceEnd), flash);
        thread = new Thread(server, "virtual-esp32-rom");
        thread.setDaemon(true);
        thread.start();
        client = new RomLoaderClient(hostEnd, FAST);
    }

    @Override public void close() throws IOException {
        server.stop();
        hostEnd.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A transport that passes everything through, for decorators to override. */
    abstract static class Wrapper implements Transport {
        final Transport inner;

        Wrapper(Transport inner) { this.inner = inner; }

        @Override public String name() { return inner.name(); }

        @Override public void write(byte[] data, int from, int length) throws IOException { inner.write(data, from, length); }

        @Override public int read(byte[] into, int from, int length, Duration timeout) throws IOException {
            return inner.read(into, from, length, timeout);
        }

        @Override public void setBaud(int baud) throws IOException { inner.setBaud(baud); }

        @Override public int baud() { return inner.baud(); }

        @Override public boolean setLines(boolean dtr, boolean rts) throws IOException { return inner.setLines(dtr, rts); }

        @Override public void close() throws IOException { inner.close(); }
    }
}
