package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An image as esptool parses it when it takes it for an ESP8266 image (esptool bin_image.py
 * {@code ESP8266ROMFirmwareImage} and {@code ESP8266V2FirmwareImage}). esptool falls back to this for any image whose
 * chip id it does not know or whose byte 23 is not 0 or 1, so it matters for reproducing esptool's reports of odd
 * ESP32 images too. There is no extended header: segments start at offset 8.
 * <pre>
 * v1 (magic 0xE9): 8-byte header {magic, segment_count, flash_mode, flash_size_freq, entry u32}, segments, checksum
 * v2 (magic 0xEA): 8-byte header, one IROM segment (not checksummed, shown at address 0), a v1 header, segments,
 *                  checksum
 * </pre>
 * esptool warns ("WARNING: Suspicious segment") about every non-IROM segment outside 0x3FFE0000..0x40200000 or
 * longer than 64 KiB, and about two v2 headers that disagree; each such {@link Oddity} goes to {@code warn} as it is
 * met, before any error ({@code describe.EsptoolReport} words them as esptool does).
 */
public record Esp8266Image(int version, int flashMode, int flashSizeFreq, long entryAddr, List<Segment> segments,
                           int storedChecksum, int computedChecksum) {
    public static final int MAGIC_V2 = 0xEA;

    public Esp8266Image { segments = List.copyOf(segments); }

    /** Something odd but readable that esptool warns about while it reads the image. */
    public sealed interface Oddity {
        /** A v2 image whose first header does not give the usual 4 "segments". */
        record V2SegmentCount(int count) implements Oddity {}

        /** The v2 image's two headers disagree on {@code field} ({@code flash_mode}, {@code flash_size_freq} or
         * {@code entry_addr}); the second value is used. */
        record HeaderMismatch(String field, long first, long second) implements Oddity {}

        /** A non-IROM segment outside 0x3FFE0000..0x40200000 or longer than 64 KiB. */
        record SuspiciousSegment(long loadAddr, long length) implements Oddity {}
    }

    public static Esp8266Image decode(Bytes file, Consumer<Oddity> warn) {
        ByteReader r = ByteReader.of(file, 0);
        List<Segment> segments = new ArrayList<>();
        int version = file.u8(0) == MAGIC_V2 ? 2 : 1;
        int[] header = common(r, version == 2 ? MAGIC_V2 : ImageHeader.MAGIC);
        boolean skipFirst = false;
        if (version == 2) {
            if (header[0] != 4) warn.accept(new Oddity.V2SegmentCount(header[0]));
            Segment irom = Segment.decode(r, 0);
            Bytes data = irom.loadAddr() != 0 ? padded(irom.data()) : irom.data();
            segments.add(new Segment(0, irom.headerOffset(), 0, data));
            skipFirst = true;
            int[] second = common(r, ImageHeader.MAGIC);
            disagree(warn, "flash_mode", header[1], second[1]);
            disagree(warn, "flash_size_freq", header[2], second[2]);
            disagree(warn, "entry_addr", Integer.toUnsignedLong(header[3]), Integer.toUnsignedLong(second[3]));
            header = second;
        }
        for (int i = 0; i < header[0]; i++) {
            int at = r.position();
            if (r.remaining() >= Segment.HEADER_SIZE) {
                long addr = file.u32le(at), size = file.u32le(at + 4);
                if (addr > 0x40200000L || addr < 0x3FFE0000L || size > 65536) {
                    warn.accept(new Oddity.SuspiciousSegment(addr, size));
                }
            }
            segments.add(Segment.decode(r, segments.size()));
        }
        long checksumOffset = Checksum.offsetAfter(r.position());
        if (checksumOffset >= file.size()) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, checksumOffset, "Esp8266Image", "checksum",
                    "checksum byte at 0x%X".formatted(checksumOffset), "file ends at 0x%X".formatted(file.size()));
        }
        List<Segment> summed = skipFirst ? segments.subList(1, segments.size()) : segments;
        return new Esp8266Image(version, header[1], header[2], Integer.toUnsignedLong(header[3]), segments,
                file.u8((int) checksumOffset), Checksum.of(summed));
    }

    /** {segment count, flash mode, flash size/freq, entry} of an 8-byte header with the expected magic. */
    private static int[] common(ByteReader r, int expectedMagic) {
        r.structure("Esp8266Header");
        int magic = r.u8("magic");
        int[] h = {r.u8("segment_count"), r.u8("flash_mode"), r.u8("flash_size_freq"), (int) r.u32("entry_addr")};
        if (magic != expectedMagic) {
            throw new DecodeException(DecodeException.Kind.BAD_MAGIC, r.address() - 8, "Esp8266Header", "magic",
                    "0x%02X".formatted(expectedMagic), "0x%02X".formatted(magic)).with("magic", magic);
        }
        return h;
    }

    private static void disagree(Consumer<Oddity> warn, String field, long first, long second) {
        if (first != second) warn.accept(new Oddity.HeaderMismatch(field, first, second));
    }

    private static Bytes padded(Bytes data) {
        return data.size() % 4 == 0 ? data : data.concat(Bytes.filled(4 - data.size() % 4, 0));
    }
}
