package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.flash.NorFlash;
import esp32ota.serial.Transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The ESP32 ROM serial loader, played over any {@link Transport} against a {@link NorFlash}: what a board in
 * download mode answers. ROM rules: SYNC gets eight replies, responses end in four status bytes, SPI_FLASH_MD5
 * answers 32 lowercase hex characters, FLASH_BEGIN erases the whole region at once, commands the ESP32 ROM lacks
 * (GET_SECURITY_INFO among them) get the "invalid message" reply under another command byte, eight times.
 * <p>
 * A stub upload is accepted: after MEM_END with an entry point the server sends the unsolicited {@code OHAI} frame
 * and follows stub rules (two status bytes, MD5 as 16 raw bytes, one SYNC reply with value 0, ERASE_FLASH,
 * ERASE_REGION and the windowed READ_FLASH) until FLASH_END asks for a reboot, which returns it to the ROM. No code runs: the uploaded bytes are
 * kept only to be counted.
 * <p>
 * {@link #run()} serves until the transport closes or {@link #stop()}; one server per connection. A power cut in
 * the flash model ({@code PowerLossException}) is not answered: it ends {@code run()} as the chip would stop.
 */
public final class RomLoaderServer implements Runnable {
    /** The value field of the ROM's SYNC replies (bytes 07 07 12 20). */
    public static final long SYNC_VALUE = 0x20120707L;
    /** The only unsolicited frame: a freshly started stub says hello. */
    public static final Bytes OHAI = Bytes.utf8("OHAI");
    /** The command byte of the ROM's "invalid message" reply; any byte but the request's would do for esptool. */
    static final int INVALID_REPLY_COMMAND = 0x00;
    static final int STUB_INVALID_COMMAND = 0xC3, STUB_BAD_DATA_LEN = 0xC0, STUB_BAD_CHECKSUM = 0xC1;

    /** What the host asked the chip to do when it leaves the loader. */
    public enum Leave { REBOOT, RUN_USER_CODE }

    private final Transport port;
    private final NorFlash flash;
    private final Esp32Registers registers;
    private final SlipDecoder decoder = new SlipDecoder();
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private volatile boolean stopped;
    /** How long the stub's READ_FLASH waits for an acknowledgement before it gives up. */
    Duration ackTimeout = Duration.ofSeconds(3);
    private volatile Consumer<Leave> onLeave = l -> { };
    private volatile boolean stub;
    private volatile long commands, memBytes;

    // the flash write in progress (FLASH_BEGIN or FLASH_DEFL_BEGIN until the next begin)
    private long writeStart, writeEnd, writeAt;
    private int blockSize, blocks, nextSeq;
    private Inflater inflater;

    public RomLoaderServer(Transport port, NorFlash flash, Esp32Registers registers) {
        this.port = port;
        this.flash = flash;
        this.registers = registers;
    }

    /** An ESP32-D0WD-V3 rev 3.1, MAC 24:0a:c4:12:34:56, GigaDevice flash of the flash's size. */
    public static RomLoaderServer esp32(Transport port, NorFlash flash) {
        return new RomLoaderServer(port, flash, new Esp32Registers(
                Esp32Fuses.of(1, 3, 1, MacAddress.parse("24:0a:c4:12:34:56")), FlashId.gigaDevice(flash.size())));
    }

    /** Called when the host ends the session with FLASH_END/FLASH_DEFL_END (after the reply is sent). */
    public void onLeave(Consumer<Leave> listener) { this.onLeave = listener; }

    public boolean stubRunning() { return stub; }

    /** Requests handled so far. */
    public long commands() { return commands; }

    /** Bytes received by MEM_DATA (a stub upload). */
    public long memBytes() { return memBytes; }

    public void stop() { stopped = true; }

    @Override public void run() {
        try {
            while (!stopped) {
                byte[] frame = nextFrame(Duration.ofMillis(100));
                if (frame == null) continue;
                Request r;
                try {
                    r = Request.decode(frame);
                } catch (DecodeException e) {
                    continue;                             // not a request: the ROM ignores it
                }
                commands++;
                try {
                    handle(r);
                } catch (IllegalArgumentException e) {
                    fail(r, RomError.FAILED_TO_ACT);      // a request the flash model refuses
                }
            }
        } catch (IOException e) {
            // the connection is gone: nothing to answer
        }
    }

    /** The next frame from the host, or null when none came within {@code timeout}; EOFException when it closed. */
    private byte[] nextFrame(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || stopped) return null;
            int n = port.read(buffer, 0, buffer.length, Duration.ofNanos(left));
            if (n < 0) throw new EOFException(port.name() + " closed");
            pending.addAll(decoder.feed(buffer, 0, n));
        }
        return pending.poll();
    }

    /** Answers one request (public so a device can drive the server without a thread). */
    public void handle(Request r) throws IOException {
        Command c = Command.fromCode(r.command()).orElse(null);
        if (c == null || c == Command.GET_SECURITY_INFO || !stub && isStubOnly(c)) {
            rejectUnknown(r);
            return;
        }
        switch (c) {
            case SYNC -> sync(r);
            case READ_REG -> reply(r, registers.read(r.word(0)), Bytes.EMPTY);
            case WRITE_REG -> {
                for (int i = 0; i + 4 <= r.data().size() / 4; i += 4) registers.write(r.word(i), r.word(i + 1), r.word(i + 2));
                ok(r);
            }
            case SPI_ATTACH, SPI_SET_PARAMS -> ok(r);
            case FLASH_BEGIN, FLASH_DEFL_BEGIN -> flashBegin(r, c == Command.FLASH_DEFL_BEGIN);
            case FLASH_DATA, FLASH_DEFL_DATA -> flashData(r, c == Command.FLASH_DEFL_DATA);
            case FLASH_END, FLASH_DEFL_END -> flashEnd(r);
            case SPI_FLASH_MD5 -> md5(r);
            case READ_FLASH_SLOW -> readSlow(r);
            case CHANGE_BAUDRATE -> {
                long baud = r.word(0);
                if (baud <= 0 || baud > 5_000_000) {
                    fail(r, RomError.INVALID_PARAMETER);
                    return;
                }
                ok(r);
                port.setBaud((int) baud);
            }
            case MEM_BEGIN -> ok(r);
            case MEM_DATA -> {
                if (!checksumOk(r)) return;
                memBytes += r.data().size() - Request.DATA_HEADER;
                ok(r);
            }
            case MEM_END -> memEnd(r);
            case ERASE_FLASH -> {
                flash.eraseRegion(0, flash.size());
                ok(r);
            }
            case ERASE_REGION -> eraseRegion(r);
            case READ_FLASH -> readFlash(r);
            default -> rejectUnknown(r);                  // RUN_USER_CODE: not modelled
        }
    }

    private static boolean isStubOnly(Command c) { return c.code() >= 0xD0; }

    private void sync(Request r) throws IOException {
        if (!r.data().equals(RomLoaderClient.SYNC_PAYLOAD)) {
            fail(r, RomError.INVALID_MESSAGE);
            return;
        }
        if (stub) {
            reply(r, 0, Bytes.EMPTY);
            return;
        }
        for (int i = 0; i < 8; i++) reply(r, SYNC_VALUE, Bytes.EMPTY);
    }

    private void rejectUnknown(Request r) throws IOException {
        if (stub) {
            send(Response.of(r.command(), 0, Bytes.EMPTY, true, STUB_INVALID_COMMAND, Response.STUB_STATUS));
            return;
        }
        Response invalid = Response.of(INVALID_REPLY_COMMAND, 0, Bytes.EMPTY, true, RomError.INVALID_MESSAGE.code(),
                Response.ROM_STATUS);
        for (int i = 0; i < 8; i++) send(invalid);
    }

    private void flashBegin(Request r, boolean deflated) throws IOException {
        if (!r.hasWords(4)) {
            fail(r, RomError.INVALID_MESSAGE);
            return;
        }
        long size = r.word(0), offset = r.word(3);
        if (offset + size > flash.size() || r.word(2) == 0 || r.word(2) > 0x10000) {
            fail(r, RomError.INVALID_PARAMETER);
            return;
        }
        blocks = (int) r.word(1);
        blockSize = (int) r.word(2);
        nextSeq = 0;
        writeStart = offset;
        writeAt = offset;
        writeEnd = offset + size;
        long from = offset - offset % NorFlash.SECTOR_SIZE;
        long to = Math.min(flash.size(), (writeEnd + NorFlash.SECTOR_SIZE - 1) / NorFlash.SECTOR_SIZE * NorFlash.SECTOR_SIZE);
        if (to > from) flash.eraseRegion(from, to - from);
        inflater = deflated ? new Inflater() : null;
        ok(r);
    }

    private void flashData(Request r, boolean deflated) throws IOException {
        if (!checksumOk(r)) return;
        if (blockSize == 0) {                             // no FLASH_BEGIN since the last FLASH_END
            fail(r, RomError.FAILED_TO_ACT);
            return;
        }
        int length = (int) r.word(0), seq = (int) r.word(1);
        Bytes payload = r.data().slice(Request.DATA_HEADER, r.data().size());
        if (length != payload.size() || seq != nextSeq || deflated != (inflater != null)) {
            fail(r, RomError.INVALID_MESSAGE);
            return;
        }
        nextSeq++;
        if (!deflated) {
            program(writeStart + (long) seq * blockSize, payload);
            ok(r);
            return;
        }
        inflater.setInput(payload.toByteArray());
        byte[] out = new byte[0x10000];
        try {
            int n;
            while ((n = inflater.inflate(out)) > 0) {
                program(writeAt, Bytes.of(out, 0, n));
                writeAt += n;
            }
        } catch (DataFormatException e) {
            fail(r, RomError.DEFLATE);
            return;
        }
        ok(r);
    }

    /** Programs within the flash; bytes past its end are dropped (the ROM pads the last block with 0xFF). */
    private void program(long at, Bytes data) {
        int n = (int) Math.max(0, Math.min(data.size(), flash.size() - at));
        if (n > 0) flash.program(at, n == data.size() ? data : data.slice(0, n));
    }

    private void flashEnd(Request r) throws IOException {
        ok(r);
        blockSize = 0;
        inflater = null;
        boolean reboot = r.word(0) == 0;
        if (stub && reboot) stub = false;              // the stub reboots into the ROM loader
        onLeave.accept(reboot ? Leave.REBOOT : Leave.RUN_USER_CODE);
    }

    private void md5(Request r) throws IOException {
        long address = r.word(0), size = r.word(1);
        if (address + size > flash.size() || size > Integer.MAX_VALUE) {
            fail(r, RomError.FLASH_READ);
            return;
        }
        Bytes digest = flash.read(address, (int) size).md5();
        Bytes payload = stub ? digest : Bytes.of(HexFormat.of().formatHex(digest.toByteArray())
                .getBytes(StandardCharsets.US_ASCII));
        reply(r, 0, payload);
    }

    private void readSlow(Request r) throws IOException {
        long address = r.word(0), length = r.word(1);
        if (length > RomLoaderClient.SLOW_READ_BLOCK) {
            fail(r, RomError.FLASH_READ_LENGTH);
            return;
        }
        if (address + length > flash.size()) {
            fail(r, RomError.FLASH_READ);
            return;
        }
        Bytes data = flash.read(address, (int) length);
        reply(r, 0, data.concat(Bytes.filled(RomLoaderClient.SLOW_READ_BLOCK - data.size(), 0)));
    }

    /**
     * The stub's windowed READ_FLASH: a normal reply, then raw frames of {@code packet} bytes, never more than
     * {@code window} unacknowledged; the host acknowledges each with the 4-byte total it has; last, the MD5 of all
     * the data as a raw 16-byte frame. A host that stops acknowledging ends the transfer after 3 s.
     */
    private void readFlash(Request r) throws IOException {
        long address = r.word(0), length = r.word(1), packet = r.word(2), window = r.word(3);
        if (!r.hasWords(4) || address + length > flash.size() || packet == 0 || packet > 0x4000 || window == 0) {
            send(Response.of(r.command(), 0, Bytes.EMPTY, true, STUB_BAD_DATA_LEN, Response.STUB_STATUS));
            return;
        }
        ok(r);
        Bytes data = flash.read(address, (int) length);
        long sent = 0, acked = 0;
        while (acked < length) {
            while (sent < length && sent - acked < window * packet) {
                int n = (int) Math.min(packet, length - sent);
                port.write(Slip.encode(data.slice((int) sent, (int) sent + n).toByteArray()));
                sent += n;
            }
            byte[] ack = nextFrame(ackTimeout);
            if (ack == null || ack.length != 4) return;       // the host gave up or is confused: stop sending
            acked = Bytes.of(ack).u32le(0);
        }
        port.write(Slip.encode(data.md5().toByteArray()));
    }

    private void memEnd(Request r) throws IOException {
        ok(r);
        boolean jump = r.word(0) == 0 && r.word(1) != 0;
        if (jump && !stub) {
            stub = true;
            port.write(Slip.encode(OHAI.toByteArray()));
        }
    }

    private void eraseRegion(Request r) throws IOException {
        long offset = r.word(0), size = r.word(1);
        if (offset % NorFlash.SECTOR_SIZE != 0 || size % NorFlash.SECTOR_SIZE != 0 || offset + size > flash.size()) {
            send(Response.of(r.command(), 0, Bytes.EMPTY, true, STUB_BAD_DATA_LEN, Response.STUB_STATUS));
            return;
        }
        flash.eraseRegion(offset, size);
        ok(r);
    }

    private boolean checksumOk(Request r) throws IOException {
        if (r.data().size() < Request.DATA_HEADER) {
            fail(r, RomError.INVALID_MESSAGE);
            return false;
        }
        Bytes payload = r.data().slice(Request.DATA_HEADER, r.data().size());
        if (Request.checksum(payload) != (r.checksum() & 0xFF)) {
            if (stub) {
                send(Response.of(r.command(), 0, Bytes.EMPTY, true, STUB_BAD_CHECKSUM, Response.STUB_STATUS));
            } else {
                fail(r, RomError.CHECKSUM);
            }
            return false;
        }
        return true;
    }

    private void ok(Request r) throws IOException { reply(r, 0, Bytes.EMPTY); }

    private void reply(Request r, long value, Bytes payload) throws IOException {
        send(Response.of(r.command(), value, payload, false, 0, stub ? Response.STUB_STATUS : Response.ROM_STATUS));
    }

    private void fail(Request r, RomError error) throws IOException {
        send(Response.of(r.command(), 0, Bytes.EMPTY, true, error.code(),
                stub ? Response.STUB_STATUS : Response.ROM_STATUS));
    }

    private void send(Response response) throws IOException { port.write(Slip.encode(response.encode())); }
}
