package esp32ota.image;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.bytes.DigestAlgorithm;
import esp32ota.bytes.FieldSpan;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * An app (or bootloader) image as the ESP-IDF bootloader reads it (esp_image_format.c): header, segments, zero
 * padding, checksum byte at the end of a 16-byte block, then the SHA-256 of everything before it when
 * {@code hash_appended} is set, then maybe a secure-boot signature.
 * <pre>
 * 0x00         ImageHeader (24 bytes)
 * 0x18         Segment 0: 8-byte header + data   (esp_app_desc_t opens its data, at 0x20)
 * …            Segment 1 … n-1
 * …            zero padding up to the last byte of a 16-byte block
 * checksumOff  checksum (1 byte)
 * +1           SHA-256 of bytes 0..checksumOff (32 bytes, if hash_appended)
 * </pre>
 * Decoding frames the bytes and nothing more: a wrong checksum or hash, too many segments or a chip mismatch are
 * data, judged by {@link ImageVerifier}. Bytes that cannot be framed (wrong magic, file ends inside a segment or
 * before the checksum) throw {@link DecodeException}. Decoding copies nothing: the checksum and hash are worked out
 * over the file in place, and {@link #segments()} copies segment data only when asked.
 *
 * @param file           the decoded file (bytes after the image are allowed: signatures, 0xFF padding)
 * @param storedDigest   the bytes after the checksum when a hash is announced: 32 normally, fewer if the file ends
 * @param computedDigest SHA-256 of bytes {@code 0..checksumOffset}; empty when no hash is announced
 */
public record AppImage(Bytes file, ImageHeader header, List<SegmentHeader> segmentHeaders, long checksumOffset,
                       int storedChecksum, int computedChecksum, Bytes storedDigest, Bytes computedDigest,
                       Optional<AppDescriptor> appDescriptor, Optional<SignatureBlock> signature) {
    public static final int DIGEST_SIZE = 32;

    public AppImage { segmentHeaders = List.copyOf(segmentHeaders); }

    /** Frames {@code file} (an image starting at offset 0). */
    public static AppImage decode(Bytes file) { return decode(file, n -> sha256(file, n)); }

    /**
     * Frames {@code file} as {@link #decode(Bytes)} does, taking the SHA-256 of the hashed bytes from
     * {@code sha256OfFirst} (given a length {@code n}, the digest of the file's first {@code n} bytes; asked at most
     * once): a scan that hashes the whole file anyway works both digests out in one pass.
     */
    public static AppImage decode(Bytes file, IntFunction<Bytes> sha256OfFirst) {
        ByteReader r = ByteReader.of(file, 0);
        ImageHeader header = ImageHeader.decode(r);
        List<SegmentHeader> segments = new ArrayList<>();
        for (int i = 0; i < header.segmentCount(); i++) segments.add(SegmentHeader.decode(r, i));
        long checksumOffset = Checksum.offsetAfter(r.position());
        if (checksumOffset >= file.size()) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, checksumOffset, "AppImage", "checksum",
                    "checksum byte at 0x%X".formatted(checksumOffset), "file ends at 0x%X".formatted(file.size()));
        }
        int stored = file.u8((int) checksumOffset);
        int hashed = (int) checksumOffset + 1;
        Bytes storedDigest = Bytes.EMPTY, computedDigest = Bytes.EMPTY;
        if (header.hasHash()) {
            storedDigest = file.slice(hashed, Math.min(file.size(), hashed + DIGEST_SIZE));
            computedDigest = sha256OfFirst.apply(hashed);
        }
        long end = hashed + (header.hasHash() ? DIGEST_SIZE : 0);
        return new AppImage(file, header, segments, checksumOffset, stored, Checksum.of(file, segments), storedDigest,
                computedDigest, descriptorIn(file, segments), SignatureBlock.find(file, end));
    }

    /**
     * Every field of an image file, in file order, for annotated hex dumps: the header, each segment's header and
     * data (the app descriptor's fields where segment 0 opens with one), the zero padding, the checksum byte and the
     * digest. Throws as {@link #decode} does.
     */
    public static List<FieldSpan> fieldsOf(Bytes file) { return ImageFields.of(file); }

    /** The segments with their data (copied out of the file). */
    public List<Segment> segments() {
        return segmentHeaders.stream().map(h -> new Segment(h.index(), h.headerOffset(), h.loadAddr(),
                file.slice((int) h.dataOffset(), (int) h.dataEnd()))).toList();
    }

    public long fileSize() { return file.size(); }

    /** Bytes the bootloader reads: up to the checksum, plus the digest if one is announced. */
    public long length() { return checksumOffset + 1 + (header.hasHash() ? DIGEST_SIZE : 0); }

    /** The bytes the appended SHA-256 covers: from the first header byte through the checksum byte. */
    public Bytes hashedBytes() { return file.slice(0, (int) checksumOffset + 1); }

    public boolean checksumValid() { return storedChecksum == computedChecksum; }

    /** True only when a full 32-byte digest is stored and equals the computed one. */
    public boolean hashValid() { return header.hasHash() && storedDigest.equals(computedDigest); }

    /** The chip named by the header, if known. */
    public Optional<Chip> chip() { return header.chip(); }

    /** The descriptor where the bootloader and esp_ota look for it: the first 256 bytes of segment 0, magic checked. */
    private static Optional<AppDescriptor> descriptorIn(Bytes file, List<SegmentHeader> segments) {
        if (segments.isEmpty() || segments.get(0).dataLength() < AppDescriptor.SIZE) return Optional.empty();
        int at = (int) segments.get(0).dataOffset();
        AppDescriptor d = AppDescriptor.decode(ByteReader.of(file.slice(at, at + AppDescriptor.SIZE), at));
        return d.hasMagic() ? Optional.of(d) : Optional.empty();
    }

    static Bytes sha256(Bytes file, int length) {
        MessageDigest sha = DigestAlgorithm.SHA_256.start();
        file.updateDigest(sha, 0, length);
        return Bytes.of(sha.digest());
    }
}
