package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.Chip;
import esp32ota.serial.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;

import static esp32ota.loader.LoaderException.Kind.*;

/**
 * A host for the ESP32 ROM serial loader, ROM only (we ship no flasher stub): sync, chip detection, eFuses and MAC,
 * SPI flash id, flash writes (raw and deflated) verified by the ROM's MD5, slow reads, register access, baud
 * changes. Every call has a deadline: a device that stops answering is a {@link LoaderException} of kind
 * {@code TIMEOUT}, never a hang. Frames that are not a response to the command in flight (noise, boot text, garbage,
 * the extra SYNC replies) are skipped, as esptool skips them.
 * <p>
 * Not thread-safe: one conversation at a time, like the wire.
 */
public final class RomLoaderClient implements AutoCloseable {
    /** Blocks sent by the ROM's FLASH_DATA: 1 KiB (esptool FLASH_WRITE_SIZE for ROM loaders). */
    public static final int ROM_BLOCK = 0x400;
    /** READ_FLASH_SLOW answers at most 64 bytes per command. */
    public static final int SLOW_READ_BLOCK = 64;
    public static final int SECTOR = 0x1000;
    /** SYNC's payload: 07 07 12 20 then 32 × 0x55. */
    public static final Bytes SYNC_PAYLOAD = Bytes.fromHex("07071220").concat(Bytes.filled(32, 0x55));

    /** How long the client waits: per command, per SYNC attempt, and scaled for erases and MD5 (esptool's values). */
    public record Timeouts(Duration command, Duration sync, Duration erasePerMiB, Duration md5PerMiB) {
        public static final Timeouts ESPTOOL = new Timeouts(Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofSeconds(8));

        /** {@code base} scaled by {@code bytes}, never below the command timeout. */
        Duration scaled(Duration perMiB, long bytes) {
            Duration d = Duration.ofNanos((long) (perMiB.toNanos() * (bytes / 1048576.0)));
            return d.compareTo(command) > 0 ? d : command;
        }
    }

    /** What {@link #writeFlash} did. */
    public record WriteResult(long address, int length, int sentBytes, int blocks, Bytes md5) { }

    private final Transport port;
    private final Timeouts timeouts;
    private final SlipDecoder decoder = new SlipDecoder();
    private final Deque<byte[]> frames = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream noise = new ByteArrayOutputStream();
    private boolean stub;
    private Chip chip;
    private long skippedFrames;

    public RomLoaderClient(Transport port) { this(port, Timeouts.ESPTOOL); }

    public RomLoaderClient(Transport port, Timeouts timeouts) {
        this.port = port;
        this.timeouts = timeouts;
    }

    public Transport port() { return port; }

    /** Whether SYNC was answered by a stub (value 0) rather than the ROM: then MD5 comes back as 16 raw bytes. */
    public boolean stubRunning() { return stub; }

    /** Frames received that were not the answer to a command (garbage, extra SYNC replies, others' replies). */
    public long skippedFrames() { return skippedFrames; }

    /** Text seen between frames (boot messages, noise) since the last call, then forgotten. */
    public String takeNoise() {
        noise.writeBytes(decoder.takeNoise());
        String s = noise.toString(StandardCharsets.ISO_8859_1);
        noise.reset();
        return s;
    }

    // ---- connecting -------------------------------------------------------------------------------------------

    /**
     * Flushes input and tries SYNC up to {@code attempts} times (esptool: 5 per reset attempt). The ROM answers one
     * SYNC with eight replies; the extra ones are drained here, so the next command starts on a quiet line.
     */
    public void connect(int attempts) {
        LoaderException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                discardInput();
                sync();
                return;
            } catch (LoaderException e) {
                if (e.kind() != TIMEOUT && e.kind() != FAILED) throw e;
                last = e;
            }
        }
        throw new LoaderException(TIMEOUT, "failed to connect to %s: no SYNC reply in %d attempts (%s)"
                .formatted(port.name(), attempts, last == null ? "no attempt" : last.getMessage()), last);
    }

    /**
     * esptool's connect on a real port: for each strategy {@link ResetStrategy#intoDownloadMode} picks from the
     * adapter's USB id, reset the board, then try SYNC {@code syncAttempts} times; the strategies are cycled for
     * {@code resets} attempts in all. A port without control lines (a pty, TCP) is not reset, only synced, and the
     * outcome says so. Boot text read meanwhile stays available from {@link #takeNoise()}.
     */
    public ResetStrategy.Outcome connectWithReset(int resets, int syncAttempts, ResetStrategy.Pause pause) {
        var strategies = ResetStrategy.intoDownloadMode(port.usbId());
        LoaderException last = null;
        for (int i = 0; i < resets; i++) {
            discardInput();
            ResetStrategy.Outcome outcome = strategies.get(i % strategies.size()).apply(port, pause);
            try {
                connect(syncAttempts);
                return outcome;
            } catch (LoaderException e) {
                if (e.kind() != TIMEOUT) throw e;
                last = e;
                if (!outcome.linesSupported()) break;      // nothing else to try on a port without lines
            }
        }
        throw new LoaderException(TIMEOUT, "failed to connect to %s: %s".formatted(port.name(),
                last == null ? "no attempt" : "no SYNC reply after resetting the board"), last);
    }

    /** Everything esptool prints about a connected ESP32: chip, features, crystal, MAC and flash id. */
    public record Esp32Summary(Chip chip, String description, java.util.List<String> features, int crystalMHz,
                               MacAddress mac, FlashId flashId) { }

    /** Detects the chip (must be an ESP32), reads its eFuses, crystal, MAC; attaches SPI flash and reads its id. */
    public Esp32Summary esp32Summary() {
        Chip c = detectChip();
        if (c != Chip.ESP32) {
            throw new LoaderException(WRONG_CHIP, "%s: this is an %s, not an ESP32".formatted(port.name(),
                    c.esptoolName()));
        }
        Esp32Fuses fuses = esp32Fuses();
        int crystal = crystalMHz();
        spiAttach();
        return new Esp32Summary(c, fuses.description(), fuses.features(), crystal, fuses.mac(), flashId());
    }

    /** One SYNC; a ROM answers with a non-zero value, a stub with 0. */
    public void sync() {
        Response r = command(Request.of(Command.SYNC, SYNC_PAYLOAD), 0, timeouts.sync());
        stub = r.value() == 0;
        long quietUntil = System.nanoTime() + timeouts.sync().toNanos();      // drain the other seven replies
        while (System.nanoTime() < quietUntil) {
            Optional<byte[]> f = nextFrame(Duration.ofNanos(Math.max(0, quietUntil - System.nanoTime())));
            if (f.isEmpty()) break;
            skippedFrames++;
        }
    }

    // ---- registers and identity -------------------------------------------------------------------------------

    public long readReg(long address) {
        return command(Request.of(Command.READ_REG, address), 0, timeouts.command()).value();
    }

    public void writeReg(long address, long value) { writeReg(address, value, 0xFFFF_FFFFL, 0); }

    public void writeReg(long address, long value, long mask, long delayMicros) {
        command(Request.of(Command.WRITE_REG, address, value, mask, delayMicros), 0, timeouts.command());
    }

    /**
     * Which chip answered: GET_SECURITY_INFO's chip id where the ROM has the command, else the magic register
     * (ESP8266, ESP32, ESP32-S2 ROMs reject GET_SECURITY_INFO).
     */
    public Chip detectChip() {
        chip = detect();
        return chip;
    }

    private Chip detect() {
        try {
            Response r = command(Request.of(Command.GET_SECURITY_INFO, Bytes.EMPTY), 20, timeouts.command());
            long chipId = r.data().u32le(12);
            return ChipDetect.byChipId(chipId).orElseThrow(() -> new LoaderException(WRONG_CHIP,
                    "%s: unknown chip id %d from GET_SECURITY_INFO".formatted(port.name(), chipId)));
        } catch (LoaderException e) {
            if (e.kind() != UNSUPPORTED && e.kind() != FAILED && e.kind() != BAD_RESPONSE) throw e;
        }
        drainUntilQuiet();     // a rejecting ROM repeats its "invalid message" reply eight times
        long magic = readReg(ChipDetect.MAGIC_REGISTER);
        return ChipDetect.byMagic(magic).orElseThrow(() -> new LoaderException(WRONG_CHIP,
                "%s: unexpected chip magic value 0x%08X (not an ESP8266, ESP32 or ESP32-S2)".formatted(port.name(),
                        magic)));
    }

    /** The ESP32's eFuse words and APB date, read one register at a time. */
    public Esp32Fuses esp32Fuses() {
        return new Esp32Fuses(readReg(Esp32Fuses.wordAddress(1)), readReg(Esp32Fuses.wordAddress(2)),
                readReg(Esp32Fuses.wordAddress(3)), readReg(Esp32Fuses.wordAddress(4)),
                readReg(Esp32Fuses.wordAddress(5)), readReg(Esp32Fuses.wordAddress(6)),
                readReg(Esp32Fuses.APB_CTL_DATE));
    }

    /** Crystal frequency, 26 or 40 MHz, from UART0's clock divider at the current baud (esptool's estimate). */
    public int crystalMHz() {
        long div = readReg(Esp32Registers.UART_CLKDIV) & 0xFFFFF;
        double mhz = port.baud() * (double) div / 1e6;
        return mhz > 33 ? 40 : 26;
    }

    // ---- SPI flash --------------------------------------------------------------------------------------------

    /** SPI_ATTACH with the default pins (ESP32 ROM wants a second zero word). */
    public void spiAttach() { command(Request.of(Command.SPI_ATTACH, 0, 0), 0, timeouts.command()); }

    /** SPI_SET_PARAMS: id 0, size, 64 KiB blocks, 4 KiB sectors, 256-byte pages, status mask 0xFFFF. */
    public void spiSetParams(long flashSize) {
        command(Request.of(Command.SPI_SET_PARAMS, 0, flashSize, 0x10000, 0x1000, 0x100, 0xFFFF), 0,
                timeouts.command());
    }

    /** RDID through the SPI controller's user-command registers (there is no loader command for it). */
    public FlashId flashId() { return FlashId.fromW0(spiCommand(FlashId.RDID, 24)); }

    /**
     * Runs one SPI flash command with no data out and {@code readBits} (≤ 32) in, through the ESP32's SPI1 user
     * command registers: USR = command + MISO phases, USR2 = 8-bit opcode, MISO_DLEN, W0 = 0, then CMD.USR, polled
     * until the controller clears it. USR and USR2 are restored afterwards.
     */
    public long spiCommand(int opcode, int readBits) {
        long base = Esp32Registers.SPI_BASE;
        long oldUsr = readReg(base + Esp32Registers.SPI_USR), oldUsr2 = readReg(base + Esp32Registers.SPI_USR2);
        writeReg(base + Esp32Registers.SPI_MISO_DLEN, readBits > 0 ? readBits - 1 : 0);
        writeReg(base + Esp32Registers.SPI_USR, Esp32Registers.USR_COMMAND | (readBits > 0 ? Esp32Registers.USR_MISO
                : 0));
        writeReg(base + Esp32Registers.SPI_USR2, 7L << 28 | opcode);
        writeReg(base + Esp32Registers.SPI_W0, 0);
        writeReg(base + Esp32Registers.SPI_CMD, Esp32Registers.CMD_USR);
        int polls = 0;
        while ((readReg(base + Esp32Registers.SPI_CMD) & Esp32Registers.CMD_USR) != 0) {
            if (++polls == 10) {
                throw new LoaderException(BAD_RESPONSE, "%s: SPI command 0x%02X did not complete".formatted(
                        port.name(), opcode));
            }
        }
        long result = readReg(base + Esp32Registers.SPI_W0);
        writeReg(base + Esp32Registers.SPI_USR, oldUsr);
        writeReg(base + Esp32Registers.SPI_USR2, oldUsr2);
        return result;
    }

    // ---- flash writing ----------------------------------------------------------------------------------------

    /** FLASH_BEGIN: the ROM erases {@code size} bytes from {@code offset} now, so the deadline scales with size. */
    public void flashBegin(long size, int blocks, int blockSize, long offset) {
        command(Request.of(Command.FLASH_BEGIN, size, blocks, blockSize, offset), 0,
                timeouts.scaled(timeouts.erasePerMiB(), size));
    }

    public void flashData(Bytes block, int sequence) {
        command(Request.block(Command.FLASH_DATA, sequence, block), 0, timeouts.command());
    }

    /** FLASH_END: {@code reboot} true asks the chip to restart; false stays in the loader (esptool "run user code" = 1). */
    public void flashEnd(boolean reboot) { command(Request.of(Command.FLASH_END, reboot ? 0 : 1), 0, timeouts.command()); }

    /** FLASH_DEFL_BEGIN: {@code eraseSize} is the uncompressed size (the ROM wants it rounded up to whole blocks). */
    public void flashDeflBegin(long eraseSize, int blocks, int blockSize, long offset) {
        command(Request.of(Command.FLASH_DEFL_BEGIN, eraseSize, blocks, blockSize, offset), 0,
                timeouts.scaled(timeouts.erasePerMiB(), eraseSize));
    }

    public void flashDeflData(Bytes block, int sequence) {
        command(Request.block(Command.FLASH_DEFL_DATA, sequence, block), 0, timeouts.command());
    }

    public void flashDeflEnd(boolean reboot) {
        command(Request.of(Command.FLASH_DEFL_END, reboot ? 0 : 1), 0, timeouts.command());
    }

    /**
     * Writes {@code data} at {@code address} as esptool {@code --no-stub} does: an unaligned start is padded down to
     * its sector with 0xFF; the ROM erases at FLASH_BEGIN; 1 KiB blocks, the last padded with 0xFF (raw) or a zlib
     * stream cut into 1 KiB blocks ({@code compress}); then SPI_FLASH_MD5 must equal the MD5 of what was meant.
     * {@code progress} gets the count of input bytes sent after each block.
     */
    public WriteResult writeFlash(long address, Bytes data, boolean compress, LongConsumer progress) {
        int pad = (int) (address % SECTOR);
        Bytes image = pad == 0 ? data : Bytes.filled(pad, 0xFF).concat(data);
        long start = address - pad;
        Bytes sent = compress ? deflate(image) : image;
        int blocks = (sent.size() + ROM_BLOCK - 1) / ROM_BLOCK;
        if (compress) {
            long eraseSize = (long) ((image.size() + ROM_BLOCK - 1) / ROM_BLOCK) * ROM_BLOCK;
            flashDeflBegin(eraseSize, blocks, ROM_BLOCK, start);
        } else {
            flashBegin(image.size(), blocks, ROM_BLOCK, start);
        }
        for (int seq = 0; seq < blocks; seq++) {
            int from = seq * ROM_BLOCK, to = Math.min(sent.size(), from + ROM_BLOCK);
            Bytes block = sent.slice(from, to);
            if (compress) {
                flashDeflData(block, seq);
            } else {
                if (block.size() < ROM_BLOCK) block = block.concat(Bytes.filled(ROM_BLOCK - block.size(), 0xFF));
                flashData(block, seq);
            }
            if (progress != null) progress.accept((long) image.size() * to / sent.size());
        }
        Bytes md5 = flashMd5(start, image.size());
        Bytes expected = image.md5();
        if (!md5.equals(expected)) {
            throw new LoaderException(VERIFY, "%s: MD5 of flash 0x%06X+0x%X is %s, expected %s".formatted(port.name(),
                    start, image.size(), md5.hex(), expected.hex()));
        }
        return new WriteResult(start, image.size(), sent.size(), blocks, md5);
    }

    static Bytes deflate(Bytes data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(data.toByteArray());
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!d.finished()) out.write(chunk, 0, d.deflate(chunk));
        d.end();
        return Bytes.of(out.toByteArray());
    }

    // ---- reading and checking ---------------------------------------------------------------------------------

    /** SPI_FLASH_MD5 of {@code size} bytes at {@code address}: a ROM sends 32 hex characters, a stub 16 raw bytes. */
    public Bytes flashMd5(long address, long size) {
        Duration t = timeouts.scaled(timeouts.md5PerMiB(), size);
        if (stub) return command(Request.of(Command.SPI_FLASH_MD5, address, size, 0, 0), 16, t).payload(16);
        Bytes hex = command(Request.of(Command.SPI_FLASH_MD5, address, size, 0, 0), 32, t).payload(32);
        String text = new String(hex.toByteArray(), StandardCharsets.US_ASCII);
        if (!text.matches("[0-9a-fA-F]{32}")) {
            throw new LoaderException(BAD_RESPONSE, "%s: SPI_FLASH_MD5 answered %s, not 32 hex digits".formatted(
                    port.name(), hex));
        }
        return Bytes.of(HexFormat.of().parseHex(text));
    }

    /** Reads flash with READ_FLASH_SLOW, 64 bytes per command (the ROM's only read; ~650 kbit/s at best). */
    public Bytes readFlashSlow(long address, int length, LongConsumer progress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        while (out.size() < length) {
            int n = Math.min(SLOW_READ_BLOCK, length - out.size());
            Response r = command(Request.of(Command.READ_FLASH_SLOW, address + out.size(), n), SLOW_READ_BLOCK,
                    timeouts.command());
            out.writeBytes(r.payload(SLOW_READ_BLOCK).slice(0, n).toByteArray());
            if (progress != null) progress.accept(out.size());
        }
        return Bytes.of(out.toByteArray());
    }

    /**
     * CHANGE_BAUDRATE, then the port follows: the ROM switches after its reply (second word 0 for a ROM, the old baud
     * for a stub). An ESP32 ROM (once {@link #detectChip()} has found one) is sent the baud scaled by its own crystal
     * estimate, as esptool does, so its divider lands on the baud asked for.
     */
    public void changeBaud(int baud) {
        long sent = baud;
        if (!stub && chip == Chip.ESP32) sent = esp32Fuses().romBaudFor(baud, readReg(Esp32Fuses.RTC_CALI_CFG1));
        command(Request.of(Command.CHANGE_BAUDRATE, sent, stub ? port.baud() : 0), 0, timeouts.command());
        try {
            port.setBaud(baud);
            Thread.sleep(50);                           // esptool lets the chip settle
        } catch (IOException e) {
            throw new LoaderException(IO, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderException(IO, "interrupted while changing baud on " + port.name(), e);
        }
        decoder.reset();
    }

    // ---- one command ------------------------------------------------------------------------------------------

    /**
     * Sends {@code request} and waits up to {@code timeout} for the response with the same command byte, whose
     * status (the two bytes after a payload of {@code payloadLength}) must be 0. A response under another command
     * byte with status 1 and error 0x05 is the ROM rejecting an unknown command: {@code UNSUPPORTED}.
     */
    public Response command(Request request, int payloadLength, Duration timeout) {
        String what = Command.describe(request.command());
        send(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<byte[]> frame = left > 0 ? nextFrame(Duration.ofNanos(left)) : Optional.empty();
            if (frame.isEmpty()) {
                throw new LoaderException(TIMEOUT, "%s: no response to %s within %d ms (device not answering)"
                        .formatted(port.name(), what, timeout.toMillis()));
            }
            Response r;
            try {
                r = Response.decode(frame.get());
            } catch (DecodeException e) {
                skippedFrames++;
                continue;
            }
            if (r.command() != request.command()) {
                if (r.data().size() >= 2 && r.data().u8(0) != 0 && r.data().u8(1) == RomError.INVALID_MESSAGE.code()) {
                    throw new LoaderException(UNSUPPORTED, RomError.INVALID_MESSAGE.code(),
                            "%s: the loader does not support %s".formatted(port.name(), what), null);
                }
                skippedFrames++;
                continue;
            }
            if (!r.hasStatusAfter(payloadLength)) {
                if (r.data().size() >= 2 && r.data().u8(0) != 0) throw failed(what, r.data().u8(1));
                throw new LoaderException(BAD_RESPONSE, "%s: %s answered %d data bytes, expected %d + status"
                        .formatted(port.name(), what, r.data().size(), payloadLength));
            }
            if (r.status(payloadLength) != 0) throw failed(what, r.error(payloadLength));
            return r;
        }
    }

    private LoaderException failed(String what, int error) {
        return new LoaderException(FAILED, error, "%s: %s failed: %s".formatted(port.name(), what,
                RomError.describe(error)), null);
    }

    private void send(Request request) {
        try {
            port.write(Slip.encode(request.encode()));
        } catch (IOException e) {
            throw new LoaderException(IO, e.getMessage(), e);
        }
    }

    /** The next whole frame, waiting at most {@code timeout}. */
    private Optional<byte[]> nextFrame(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return Optional.empty();
            int n;
            try {
                n = port.read(buffer, 0, buffer.length, Duration.ofNanos(left));
            } catch (IOException e) {
                throw new LoaderException(IO, e.getMessage(), e);
            }
            if (n < 0) throw new LoaderException(CLOSED, port.name() + ": the device closed the connection");
            frames.addAll(decoder.feed(buffer, 0, n));
            if (noise.size() < 4096) noise.writeBytes(decoder.takeNoise());
        }
        return Optional.of(frames.poll());
    }

    /** Reads and drops frames until the line has been quiet for the SYNC timeout (bounded by the command timeout). */
    public void drainUntilQuiet() {
        long end = System.nanoTime() + timeouts.command().toNanos();
        while (System.nanoTime() < end && nextFrame(timeouts.sync()).isPresent()) skippedFrames++;
        discardInput();
    }

    /** Drops everything received so far: buffered frames, a partial frame, bytes waiting in the port. */
    public void discardInput() {
        frames.clear();
        decoder.reset();
        try {
            port.discardInput();
        } catch (IOException e) {
            throw new LoaderException(IO, e.getMessage(), e);
        }
    }

    @Override public void close() throws IOException { port.close(); }
}
