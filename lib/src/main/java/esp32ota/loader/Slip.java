package esp32ota.loader;

import java.io.ByteArrayOutputStream;

/**
 * SLIP framing (RFC 1055) as the ESP32 ROM loader uses it: each packet is wrapped in {@code 0xC0 … 0xC0}; inside,
 * {@code 0xC0} is sent as {@code DB DC} and {@code 0xDB} as {@code DB DD}. Escaping is applied last, after lengths
 * and checksums are computed. {@link SlipDecoder} is the streaming reader.
 */
public final class Slip {
    public static final int END = 0xC0, ESC = 0xDB, ESC_END = 0xDC, ESC_ESC = 0xDD;

    private Slip() { }

    /** {@code payload} as one frame: C0, escaped bytes, C0. */
    public static byte[] encode(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + payload.length / 32 + 2);
        out.write(END);
        for (byte b : payload) {
            int v = b & 0xFF;
            if (v == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (v == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(v);
            }
        }
        out.write(END);
        return out.toByteArray();
    }
}
