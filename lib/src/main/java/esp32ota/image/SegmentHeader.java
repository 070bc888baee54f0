package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.DecodeException;

/**
 * The 8 bytes before each segment's data, {@code esp_image_segment_header_t} (esp_app_format.h), with where it sits.
 * Reading it also steps over the data it announces, without copying it (verification of a large image then costs
 * one pass of XOR and SHA-256 over the file); {@link Segment} is header plus data.
 * <pre>
 * off  size field      notes
 * 0x00  4   load_addr  u32; 0 = padding, below 0x10000000 never loaded
 * 0x04  4   data_len   u32; the bootloader wants a multiple of 4 below 16 MiB
 * </pre>
 *
 * @param index        position in the image (0-based, as esptool prints it)
 * @param headerOffset file offset of these 8 bytes (esptool's "File offs" column)
 */
public record SegmentHeader(int index, long headerOffset, long loadAddr, long dataLength) {
    public static final int OFF_LOAD_ADDR = 0x00, OFF_DATA_LEN = 0x04, SIZE = 0x08;
    /** The bootloader refuses segments of 16 MiB or more ({@code invalid segment length}). */
    public static final long MAX_LENGTH = 0x1000000L;

    /**
     * Reads the header and steps over the data. A header cut short cannot be framed (esptool itself crashes there);
     * data cut short is esptool's "End of file reading segment" error.
     */
    public static SegmentHeader decode(ByteReader r, int index) {
        r.structure("Segment[" + index + "]");
        long at = r.address();
        long loadAddr = r.u32("load_addr");
        long length = r.u32("data_len");
        if (length > r.remaining()) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, r.address(), r.structure(), "data",
                    length + " bytes", r.remaining() + " bytes left")
                    .with("load_addr", loadAddr).with("data_len", length).with("remaining", r.remaining());
        }
        r.skip((int) length, "data");
        return new SegmentHeader(index, at - r.baseAddress(), loadAddr, length);
    }

    /** File offset of the first data byte (the bootloader's {@code segment_data[i]}). */
    public long dataOffset() { return headerOffset + SIZE; }

    /** First file offset after the data. */
    public long dataEnd() { return dataOffset() + dataLength; }

    /** The bootloader's length rule: a multiple of 4 below 16 MiB. */
    public boolean hasValidLength() { return dataLength % 4 == 0 && dataLength < MAX_LENGTH; }
}
