package esp32ota.loader;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming SLIP reader that survives a noisy line. Bytes outside a frame (boot text such as {@code ets Jun  8 2016},
 * a stray byte) are kept aside as noise, not errors. A {@code C0} that would end an empty frame starts one instead,
 * so a reader that joins mid-frame resynchronises at the next frame. A bad escape ({@code DB} followed by anything but
 * {@code DC}/{@code DD}) or an over-long frame drops that frame, counts it, and waits for the next {@code C0}.
 * <p>
 * Unlike esptool, which stops at "Invalid head of packet", this reader never throws: the caller decides what a
 * strange frame means (the loader client skips frames that do not decode as a response).
 */
public final class SlipDecoder {
    /** Larger than any loader packet: 8-byte header + 16-byte data header + 16 KiB stub block, with room. */
    public static final int MAX_FRAME = 0x10000;
    private static final int MAX_NOISE = 4096;

    private enum State { OUTSIDE, INSIDE, ESCAPE, SKIP }

    private final int maxFrame;
    private State state = State.OUTSIDE;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private final ByteArrayOutputStream noise = new ByteArrayOutputStream();
    private long droppedFrames, noiseBytes;

    public SlipDecoder() { this(MAX_FRAME); }

    public SlipDecoder(int maxFrame) { this.maxFrame = maxFrame; }

    /** Feeds received bytes; returns the frames they complete (payloads, unescaped), in order. */
    public List<byte[]> feed(byte[] data, int from, int length) {
        List<byte[]> frames = new ArrayList<>(1);
        for (int i = from; i < from + length; i++) {
            int b = data[i] & 0xFF;
            switch (state) {
                case OUTSIDE -> {
                    if (b == Slip.END) {
                        state = State.INSIDE;
                    } else {
                        noiseBytes++;
                        if (noise.size() < MAX_NOISE) noise.write(b);
                    }
                }
                case INSIDE -> {
                    if (b == Slip.END) {
                        if (frame.size() > 0) {          // an empty frame: this C0 opens the next one
                            frames.add(frame.toByteArray());
                            frame.reset();
                            state = State.OUTSIDE;
                        }
                    } else if (b == Slip.ESC) {
                        state = State.ESCAPE;
                    } else {
                        append(b);
                    }
                }
                case ESCAPE -> {
                    if (b == Slip.ESC_END) {
                        append(Slip.END);
                    } else if (b == Slip.ESC_ESC) {
                        append(Slip.ESC);
                    } else {
                        drop(b);
                        continue;
                    }
                    if (state == State.ESCAPE) state = State.INSIDE;
                }
                case SKIP -> {
                    if (b == Slip.END) state = State.OUTSIDE;
                }
            }
        }
        return frames;
    }

    public List<byte[]> feed(byte[] data) { return feed(data, 0, data.length); }

    private void append(int b) {
        if (frame.size() >= maxFrame) {
            drop(b);
            return;
        }
        frame.write(b);
    }

    /** Abandons the current frame; a C0 as the offending byte may already start the next frame. */
    private void drop(int b) {
        droppedFrames++;
        frame.reset();
        state = b == Slip.END ? State.INSIDE : State.SKIP;
    }

    /** Text and stray bytes seen outside frames since the last call (at most 4 KiB kept), then forgotten. */
    public byte[] takeNoise() {
        byte[] n = noise.toByteArray();
        noise.reset();
        return n;
    }

    /** Bytes seen outside any frame, since this decoder was made. */
    public long noiseBytes() { return noiseBytes; }

    /** Frames abandoned for a bad escape or for being longer than the limit. */
    public long droppedFrames() { return droppedFrames; }

    /** Forgets a partial frame and any noise (after a reset or a baud change). */
    public void reset() {
        frame.reset();
        noise.reset();
        state = State.OUTSIDE;
    }
}
