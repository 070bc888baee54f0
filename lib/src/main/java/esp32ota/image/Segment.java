package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One image segment: an 8-byte header, {@code esp_image_segment_header_t} (esp_app_format.h), then its data.
 * <pre>
 * off  size field      notes
 * 0x00  4   load_addr  u32; 0 = padding, below 0x10000000 never loaded
 * 0x04  4   data_len   u32; the bootloader wants a multiple of 4 below 16 MiB
 * 0x08  n   data       data_len bytes
 * </pre>
 *
 * @param index        position in the image (0-based, as esptool prints it)
 * @param headerOffset file offset of the 8-byte header (esptool's "File offs" column)
 * @param data         the {@code data_len} bytes that follow the header
 */
public record Segment(int index, long headerOffset, long loadAddr, Bytes data) {
    public static final int HEADER_SIZE = SegmentHeader.SIZE;

    /** Reads one segment: its {@link SegmentHeader} (same errors), then a copy of its data. */
    public static Segment decode(ByteReader r, int index) {
        SegmentHeader h = SegmentHeader.decode(r, index);
        int from = (int) h.dataOffset();
        return new Segment(index, h.headerOffset(), h.loadAddr(), r.data().slice(from, from + (int) h.dataLength()));
    }

    /** Header and data, ready to place in an image. */
    public Bytes encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) loadAddr).putInt(data.size());
        data.copyTo(b.array(), HEADER_SIZE);
        return Bytes.of(b.array());
    }

    public int length() { return data.size(); }

    /** File offset of the first data byte (the bootloader's {@code segment_data[i]}). */
    public long dataOffset() { return headerOffset + HEADER_SIZE; }

    /** The length esptool shows: it pads every segment with a non-zero address to a multiple of 4. */
    public int esptoolLength() { return loadAddr != 0 ? (data.size() + 3) & ~3 : data.size(); }

    /** Memory types of the load address on {@code chip} ("DROM", "IRAM", …), as esptool names them. */
    public List<String> memoryTypes(Chip chip) { return chip.memoryMap().typesAt(loadAddr); }

    /** The 8-byte header of this segment. */
    public SegmentHeader header() { return new SegmentHeader(index, headerOffset, loadAddr, data.size()); }
}
