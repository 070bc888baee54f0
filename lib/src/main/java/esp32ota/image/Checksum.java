package esp32ota.image;

import esp32ota.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-byte image checksum: XOR of every byte of every segment's data (headers excluded), starting from 0xEF
 * ({@code ESP_ROM_CHECKSUM_INITIAL}; esptool {@code ESP_CHECKSUM_MAGIC}). It is stored in the last byte of a 16-byte
 * block: zero padding after the last segment, then the checksum, so the image so far is a multiple of 16 bytes.
 */
public final class Checksum {
    public static final int SEED = 0xEF;

    /**
     * One step of the checksum worked out by hand: the XOR of one segment's data bytes, and the checksum so far.
     *
     * @param segment    the segment's index
     * @param dataOffset file offset of its first data byte
     * @param dataEnd    file offset after its last data byte
     * @param dataXor    all its data bytes XORed together
     * @param running    the checksum after this segment: {@link #SEED} XOR every data byte so far
     */
    public record Step(int segment, long dataOffset, long dataEnd, int dataXor, int running) {}

    private Checksum() {}

    /** The checksum of {@code image}, one step per segment; the last step's {@code running} is the checksum. */
    public static List<Step> steps(AppImage image) {
        List<Step> steps = new ArrayList<>();
        int running = SEED;
        for (SegmentHeader h : image.segmentHeaders()) {
            int x = image.file().xor((int) h.dataOffset(), (int) h.dataEnd());
            running ^= x;
            steps.add(new Step(h.index(), h.dataOffset(), h.dataEnd(), x, running));
        }
        return List.copyOf(steps);
    }

    /** The checksum of these segments. */
    public static int of(List<Segment> segments) {
        int x = SEED;
        for (Segment s : segments) x ^= s.data().xor(0, s.length());
        return x;
    }

    /** The checksum of the segments {@code headers} describe, XORed over {@code file} in place. */
    public static int of(Bytes file, List<SegmentHeader> headers) {
        int x = SEED;
        for (SegmentHeader h : headers) x ^= file.xor((int) h.dataOffset(), (int) h.dataEnd());
        return x;
    }

    /** Offset of the checksum byte for an image whose last segment ends at {@code end}: the end of its 16-byte block. */
    public static long offsetAfter(long end) { return end | 0x0F; }

    /** The zero padding the builder writes before the checksum byte. */
    static Bytes paddingAfter(long end) { return Bytes.filled((int) (offsetAfter(end) - end), 0); }
}
