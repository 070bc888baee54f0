package esp32ota.loader;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A response packet, chip → host, before SLIP framing. Little-endian:
 * <pre>
 * off  size field     notes
 * 0x00  1   direction  0x01 = response
 * 0x01  1   command    echoes the request's command byte
 * 0x02  2   size       length of data
 * 0x04  4   value      READ_REG's result; SYNC's 0x20120707 from a ROM; else 0
 * 0x08  …   data       payload, then status bytes: ESP32 ROM 4 (status, error, 0, 0), stub 2 (status, error)
 * </pre>
 * A client knows how long the payload of each command is, so it reads status and error just after it (as esptool
 * does) and need not know whether 2 or 4 status bytes follow.
 */
public record Response(int command, long value, Bytes data) {
    public static final int HEADER = 8, DIRECTION = 0x01;
    /** Status bytes after the payload. */
    public static final int ROM_STATUS = 4, STUB_STATUS = 2;

    /** A response with the payload followed by status bytes: status 0 (ok) or 1 (failed), then the error byte. */
    public static Response of(int command, long value, Bytes payload, boolean failed, int error, int statusLength) {
        byte[] status = new byte[statusLength];
        status[0] = (byte) (failed ? 1 : 0);
        status[1] = (byte) error;
        return new Response(command, value, payload.concat(Bytes.of(status)));
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER + data.size()];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).put((byte) DIRECTION).put((byte) command)
                .putShort((short) data.size()).putInt((int) value);
        data.copyTo(out, HEADER);
        return out;
    }

    /** A frame's payload → a response; refuses frames too short, of the wrong direction, or whose size disagrees. */
    public static Response decode(byte[] frame) {
        if (frame.length < HEADER) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, 0, "Response", "header", HEADER + " bytes",
                    frame.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int direction = b.get() & 0xFF, command = b.get() & 0xFF, size = b.getShort() & 0xFFFF;
        long value = b.getInt() & 0xFFFF_FFFFL;
        if (direction != DIRECTION) {
            throw new DecodeException(DecodeException.Kind.BAD_MAGIC, 0, "Response", "direction", "0x01",
                    "0x%02X".formatted(direction));
        }
        if (size != frame.length - HEADER) {
            throw new DecodeException(DecodeException.Kind.BAD_VALUE, 2, "Response", "size",
                    String.valueOf(frame.length - HEADER), String.valueOf(size));
        }
        return new Response(command, value, Bytes.of(frame, HEADER, size));
    }

    /** Whether the data has room for a payload of {@code payloadLength} and two status bytes after it. */
    public boolean hasStatusAfter(int payloadLength) { return data.size() >= payloadLength + 2; }

    /** The status byte after a payload of {@code payloadLength}: 0 = success. */
    public int status(int payloadLength) { return data.u8(payloadLength); }

    /** The error byte after a payload of {@code payloadLength} ({@link RomError} or a stub code). */
    public int error(int payloadLength) { return data.u8(payloadLength + 1); }

    public Bytes payload(int payloadLength) { return data.slice(0, payloadLength); }

    @Override public String toString() {
        return "Response[%s, value 0x%08X, data %s]".formatted(Command.describe(command), value, data);
    }
}
