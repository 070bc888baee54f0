package esp32ota.image;

import esp32ota.bytes.Bytes;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds app images byte by byte, as esptool's {@code elf2image} lays them out: header, segments (the app descriptor
 * opens segment 0), zero padding, checksum, SHA-256. Immutable: every {@code with…} returns a new builder, so one
 * base can derive many variants, including deliberately broken ones ({@link #buildBroken}).
 * <pre>
 * byte[] good = ImageBuilder.app(Chip.ESP32, AppDescriptor.of("1.0.0", "blink", 0, …), 42).build();
 * </pre>
 */
public final class ImageBuilder {
    /** One segment to write: load address and data (any length; the bootloader wants multiples of 4). */
    public record Part(long loadAddr, Bytes data) {}

    /** Deliberate defects, each alone (the digest is recomputed where that keeps the other checks passing). */
    public enum Defect { BAD_MAGIC, TRUNCATED, BAD_CHECKSUM, BAD_HASH, WRONG_CHIP }

    private final Chip chip;
    private final int chipId, spiMode, spiSpeedSize, wpPin, minChipRev, minChipRevFull, maxChipRevFull, hashAppended;
    private final long entry;
    private final Bytes drive, reserved;
    private final List<Part> parts;
    private final AppDescriptor descriptor;

    private ImageBuilder(Chip chip, int chipId, int spiMode, int spiSpeedSize, long entry, int wpPin, Bytes drive,
                         int minChipRev, int minChipRevFull, int maxChipRevFull, Bytes reserved, int hashAppended,
                         List<Part> parts, AppDescriptor descriptor) {
        this.chip = chip;
        this.chipId = chipId;
        this.spiMode = spiMode;
        this.spiSpeedSize = spiSpeedSize;
        this.entry = entry;
        this.wpPin = wpPin;
        this.drive = drive;
        this.minChipRev = minChipRev;
        this.minChipRevFull = minChipRevFull;
        this.maxChipRevFull = maxChipRevFull;
        this.reserved = reserved;
        this.hashAppended = hashAppended;
        this.parts = List.copyOf(parts);
        this.descriptor = descriptor;
    }

    /** An empty image for {@code chip}: DIO, 2MB, speed nibble 0, WP disabled, revisions v0.0-v3.99, hash on. */
    public static ImageBuilder forChip(Chip chip) {
        if (chip == Chip.ESP8266) throw new IllegalArgumentException("ESP8266 images have another format");
        return new ImageBuilder(chip, chip.imageChipId(), FlashMode.DIO.code(), 0x10, 0, ImageHeader.WP_PIN_DISABLED,
                Bytes.filled(3, 0), 0, 0, 399, Bytes.filled(4, 0), 1, List.of(), null);
    }

    /**
     * A typical app for {@code chip}: DROM (descriptor + read-only data), DRAM, IRAM and an IROM segment placed so
     * that its load address and file offset agree modulo 64 KiB (the bootloader's MMU rule). Segment contents are
     * pseudo-random from {@code seed}, so the same arguments always give the same bytes.
     */
    public static ImageBuilder app(Chip chip, AppDescriptor descriptor, long seed) {
        return ChipLayout.of(chip).app(forChip(chip).withAppDescriptor(descriptor), new Random(seed));
    }

    public ImageBuilder withSegment(long loadAddr, Bytes data) {
        List<Part> p = new ArrayList<>(parts);
        p.add(new Part(loadAddr, data));
        return copy(chipId, spiMode, spiSpeedSize, entry, hashAppended, p, descriptor);
    }

    public ImageBuilder withSegments(List<Part> newParts) {
        return copy(chipId, spiMode, spiSpeedSize, entry, hashAppended, newParts, descriptor);
    }

    /** Places the descriptor at the start of segment 0's data (it creates segment 0 if there is none). */
    public ImageBuilder withAppDescriptor(AppDescriptor d) {
        return copy(chipId, spiMode, spiSpeedSize, entry, hashAppended, parts, d);
    }

    /** Flash mode, size and speed by name, from the chip's tables ({@code "4MB"}, {@code "80m"}). */
    public ImageBuilder withFlash(FlashMode mode, String size, String speed) {
        int s = chip.flashSizes().valueOf(size).orElseThrow(() -> new IllegalArgumentException("size " + size));
        int f = chip.flashSpeeds().valueOf(speed).orElseThrow(() -> new IllegalArgumentException("speed " + speed));
        return withFlashBytes(mode.code(), s | f);
    }

    /** Raw header bytes 2 and 3, for values no table names. */
    public ImageBuilder withFlashBytes(int spiModeByte, int speedSizeByte) {
        return copy(chipId, spiModeByte, speedSizeByte, entry, hashAppended, parts, descriptor);
    }

    public ImageBuilder withEntry(long address) {
        return copy(chipId, spiMode, spiSpeedSize, address, hashAppended, parts, descriptor);
    }

    /** The raw chip id, to build an image that lies about its chip. */
    public ImageBuilder withChipId(int id) {
        return copy(id, spiMode, spiSpeedSize, entry, hashAppended, parts, descriptor);
    }

    /** Appends a SHA-256 digest (hash_appended = 1) or not (0). */
    public ImageBuilder withHash(boolean on) {
        return copy(chipId, spiMode, spiSpeedSize, entry, on ? 1 : 0, parts, descriptor);
    }

    /** The raw hash_appended byte; a digest is appended for any non-zero value (the bootloader's reading). */
    public ImageBuilder withHashAppendedByte(int value) {
        return copy(chipId, spiMode, spiSpeedSize, entry, value, parts, descriptor);
    }

    public ImageBuilder withPins(int newWpPin, Bytes newDrive) {
        return new ImageBuilder(chip, chipId, spiMode, spiSpeedSize, entry, newWpPin, newDrive, minChipRev,
                minChipRevFull, maxChipRevFull, reserved, hashAppended, parts, descriptor);
    }

    public ImageBuilder withChipRevisions(int legacyMin, int minFull, int maxFull) {
        return new ImageBuilder(chip, chipId, spiMode, spiSpeedSize, entry, wpPin, drive, legacyMin, minFull, maxFull,
                reserved, hashAppended, parts, descriptor);
    }

    public ImageBuilder withReserved(Bytes fourBytes) {
        return new ImageBuilder(chip, chipId, spiMode, spiSpeedSize, entry, wpPin, drive, minChipRev, minChipRevFull,
                maxChipRevFull, fourBytes, hashAppended, parts, descriptor);
    }

    public Chip chip() { return chip; }

    public List<Part> parts() { return parts; }

    /** The segments as they will be written (the descriptor prepended to segment 0). */
    public List<Part> segments() {
        if (descriptor == null) return parts;
        List<Part> s = new ArrayList<>(parts);
        Bytes first = s.isEmpty() ? Bytes.EMPTY : s.get(0).data();
        long addr = s.isEmpty() ? ChipLayout.of(chip).dromLoad() : s.get(0).loadAddr();
        Part withDesc = new Part(addr, descriptor.encode().concat(first));
        if (s.isEmpty()) s.add(withDesc); else s.set(0, withDesc);
        return s;
    }

    public ImageHeader header() {
        return new ImageHeader(ImageHeader.MAGIC, segments().size(), spiMode, spiSpeedSize, entry, wpPin, drive,
                chipId, minChipRev, minChipRevFull, maxChipRevFull, reserved, hashAppended);
    }

    /** The image bytes. */
    public Bytes build() {
        List<Part> segs = segments();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header().encode().toByteArray());
        List<Segment> written = new ArrayList<>();
        for (Part p : segs) {
            Segment s = new Segment(written.size(), out.size(), p.loadAddr(), p.data());
            out.writeBytes(s.encode().toByteArray());
            written.add(s);
        }
        out.writeBytes(Checksum.paddingAfter(out.size()).toByteArray());
        out.write(Checksum.of(written));
        Bytes image = Bytes.of(out.toByteArray());
        return hashAppended != 0 ? image.concat(AppImage.sha256(image, image.size())) : image;
    }

    /** The image with one deliberate defect. */
    public Bytes buildBroken(Defect defect) {
        Bytes good = build();
        AppImage img = AppImage.decode(good);
        int checksumAt = (int) img.checksumOffset();
        return switch (defect) {
            case BAD_MAGIC -> good.with(0, Bytes.of(0x00));
            case TRUNCATED -> {
                Segment last = img.segments().get(img.segments().size() - 1);
                yield good.slice(0, (int) last.dataOffset() + last.length() / 2);
            }
            case BAD_CHECKSUM -> rehash(good.with(checksumAt, Bytes.of(good.u8(checksumAt) ^ 0x11)), checksumAt);
            case BAD_HASH -> hashAppended == 0 ? good
                    : good.with(checksumAt + 1, Bytes.of(good.u8(checksumAt + 1) ^ 0xFF));
            case WRONG_CHIP -> {
                int other = chip == Chip.ESP32 ? Chip.ESP32_C3.imageChipId() : Chip.ESP32.imageChipId();
                Bytes changed = good.with(0, img.header().withChipId(other).encode());
                yield rehash(changed, checksumAt);
            }
        };
    }

    private Bytes rehash(Bytes image, int checksumAt) {
        if (hashAppended == 0) return image;
        return image.with(checksumAt + 1, AppImage.sha256(image, checksumAt + 1));
    }

    private ImageBuilder copy(int id, int mode, int speedSize, long entryAddr, int hash, List<Part> p, AppDescriptor d) {
        return new ImageBuilder(chip, id, mode, speedSize, entryAddr, wpPin, drive, minChipRev, minChipRevFull,
                maxChipRevFull, reserved, hash, p, d);
    }
}
