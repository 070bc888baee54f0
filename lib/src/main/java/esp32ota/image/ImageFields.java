package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.FieldSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * The named fields of an app image file ({@link AppImage#fieldsOf}): what the reader records for the header and
 * the segment headers, the descriptor's fields placed before segment 0's data (so a hex dump names them, not just
 * "data"), then the footer read as padding, checksum and digest.
 */
final class ImageFields {
    private ImageFields() {}

    static List<FieldSpan> of(Bytes file) {
        AppImage image = AppImage.decode(file);
        ByteReader r = ByteReader.of(file, 0);
        ImageHeader.decode(r);
        for (int i = 0; i < image.header().segmentCount(); i++) SegmentHeader.decode(r, i);
        int framed = r.spans().size();
        r.structure("AppImage");
        int padding = (int) (image.checksumOffset() - r.position());
        if (padding > 0) r.skip(padding, "padding");
        r.u8("checksum");
        if (image.header().hasHash()) r.bytes(image.storedDigest().size(), "sha256");
        List<FieldSpan> spans = new ArrayList<>(r.spans());
        image.appDescriptor().ifPresent(d ->
                spans.addAll(firstData(spans, framed), descriptorFields(file, d.address())));
        return List.copyOf(spans);
    }

    /** Index of segment 0's data span (the first "data" field). */
    private static int firstData(List<FieldSpan> spans, int framed) {
        for (int i = 0; i < framed; i++) if (spans.get(i).field().equals("data")) return i;
        return framed;
    }

    private static List<FieldSpan> descriptorFields(Bytes file, long at) {
        ByteReader r = ByteReader.of(file.slice((int) at, (int) at + AppDescriptor.SIZE), at);
        AppDescriptor.decode(r);
        return r.spans();
    }
}
