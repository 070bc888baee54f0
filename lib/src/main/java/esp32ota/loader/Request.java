package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A command packet, host → chip, before SLIP framing. Little-endian:
 * <pre>
 * off  size field     notes
 * 0x00  1   direction  0x00 = request
 * 0x01  1   command    {@link Command}; unknown bytes are kept
 * 0x02  2   size       length of data
 * 0x04  4   checksum   only for *_DATA: XOR of the payload after the 16-byte block header, seed 0xEF
 * 0x08  …   data
 * </pre>
 */
public record Request(int command, long checksum, Bytes data) {
    public static final int HEADER = 8, DIRECTION = 0x00;
    /** {@code FLASH_DATA}, {@code MEM_DATA}, {@code FLASH_DEFL_DATA}: four words (size, seq, 0, 0) before the payload. */
    public static final int DATA_HEADER = 16;
    public static final int CHECKSUM_SEED = 0xEF;

    /** A command whose checksum field is unused (zero). */
    public static Request of(Command command, Bytes data) { return new Request(command.code(), 0, data); }

    /** A command made of 32-bit little-endian words. */
    public static Request of(Command command, long... words) { return of(command, words(words)); }

    /** A *_DATA command: header (size, sequence, 0, 0), the payload, and the payload's checksum. */
    public static Request block(Command command, int sequence, Bytes payload) {
        return new Request(command.code(), checksum(payload),
                words(payload.size(), sequence, 0, 0).concat(payload));
    }

    /** The loader's 8-bit data checksum: XOR of every byte, starting from 0xEF. */
    public static int checksum(Bytes payload) { return payload.xor(0, payload.size()) ^ CHECKSUM_SEED; }

    /** Little-endian 32-bit words as bytes. */
    public static Bytes words(long... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) b.putInt((int) w);
        return Bytes.of(b.array());
    }

    /** The packet bytes (not yet SLIP framed). */
    public byte[] encode() {
        byte[] out = new byte[HEADER + data.size()];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) DIRECTION).put((byte) command).putShort((short) data.size()).putInt((int) checksum);
        data.copyTo(out, HEADER);
        return out;
    }

    /** A request frame's payload → a request; refuses a wrong direction or a size that disagrees with the frame. */
    public static Request decode(byte[] frame) {
        if (frame.length < HEADER) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, 0, "Request", "header", HEADER + " bytes",
                    frame.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int direction = b.get() & 0xFF, command = b.get() & 0xFF, size = b.getShort() & 0xFFFF;
        long checksum = b.getInt() & 0xFFFF_FFFFL;
        if (direction != DIRECTION) {
            throw new DecodeException(DecodeException.Kind.BAD_MAGIC, 0, "Request", "direction", "0x00",
                    "0x%02X".formatted(direction));
        }
        if (size != frame.length - HEADER) {
            throw new DecodeException(DecodeException.Kind.BAD_VALUE, 2, "Request", "size",
                    String.valueOf(frame.length - HEADER), String.valueOf(size));
        }
        return new Request(command, checksum, Bytes.of(frame, HEADER, size));
    }

    /** The n-th 32-bit little-endian word of the data (0 if the data is too short for it). */
    public long word(int n) { return data.size() >= 4 * n + 4 ? data.u32le(4 * n) : 0; }

    /** Whether the data holds at least {@code n} words. */
    public boolean hasWords(int n) { return data.size() >= 4 * n; }

    @Override public String toString() {
        return "Request[%s, %d bytes, checksum 0x%02X]".formatted(Command.describe(command), data.size(), checksum);
    }
}
