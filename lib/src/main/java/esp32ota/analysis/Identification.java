package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.Esp8266Image;
import esp32ota.image.ImageHeader;
import esp32ota.image.ImageVerifier;
import esp32ota.image.Target;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What a file is, from its bytes, tried in this order (the first that fits wins):
 * <pre>
 * empty                                       → unknown, error "empty file"
 * AA 50 at 0 (a partition row)                → partition table
 * 8 KiB, each sector one 32-byte entry + FF   → otadata
 * a partition table at a 4 KiB boundary > 0   → flash dump (full or merged; {@link DumpReport})
 * E9 + known chip id at 0                     → app image or bootloader ({@link ImageFacts})
 * EA, or E9 without a known chip id           → ESP8266 image
 * an image at 0x1000/0x2000 after FF or a     → bootloader (or app) written from flash 0x0
 *   secure-boot v1 digest sector
 * the app descriptor magic at 0x20        → app image with a broken magic byte (error)
 * ≥ 4 KiB that looks random (≥ 7.9 bits/byte) → encrypted
 * anything else                               → unknown
 * </pre>
 * A file that fits a kind but fails to decode keeps the kind, with the decoder's message as error.
 *
 * @param kind  what the file is
 * @param facts for images (and the booted app of a dump): the image's facts; else null
 * @param dump  for flash dumps: the split; else null
 * @param chip  esptool's chip name, or null
 * @param note  one line on what else was seen, or null
 * @param error why the file could not be decoded as its kind, or null
 */
public record Identification(FileKind kind, ImageFacts facts, DumpReport dump, String chip, String note,
                             String error) {
    /** Random data scores 8 bits per byte; app images about 5-6; flash-encrypted ciphertext above 7.9. */
    public static final double ENCRYPTED_ENTROPY = 7.9;
    /** Bytes the entropy is measured over (the start of the file). */
    public static final int ENTROPY_WINDOW = 0x10000;

    /** Where an app image's descriptor magic sits: after the image header and the first segment header. */
    static final int DESCRIPTOR_MAGIC_AT = ImageHeader.SIZE + esp32ota.image.Segment.HEADER_SIZE;

    /** Identifies {@code file}; {@code chip} (from {@code --chip}) judges images for that chip. */
    public static Identification of(Bytes file, Optional<Chip> chip) {
        return of(file, chip, new FileSha256(file)::ofFirst);
    }

    /**
     * As {@link #of(Bytes, Optional)}, with the SHA-256 of the file's first {@code n} bytes from {@code sha256OfFirst}
     * (a scan shares its whole-file pass: {@link FileSha256}).
     */
    static Identification of(Bytes file, Optional<Chip> chip, IntFunction<Bytes> sha256OfFirst) {
        if (file.isEmpty()) return new Identification(FileKind.UNKNOWN, null, null, null, null, "empty file");
        if (file.size() >= 2 && file.u16le(0) == PartitionEntry.MAGIC) return table(file);
        if (isOtadata(file)) return otadata(file);
        if (DumpReport.findTable(file, -1).isPresent()) return dump(file, chip);
        int magic = file.u8(0);
        if (magic == ImageHeader.MAGIC || magic == Esp8266Image.MAGIC_V2) return image(file, chip, sha256OfFirst);
        for (int at : new int[] {0x1000, 0x2000}) {
            if (file.size() > at + ImageHeader.SIZE && file.u8(at) == ImageHeader.MAGIC
                    && DumpReport.imageChipAt(file, at).isPresent()) {
                Bytes slice = file.slice(at, file.size());
                Identification inner = image(slice, chip, new FileSha256(slice)::ofFirst);
                boolean blank = allFF(file, 0, at);
                String note = "image at file offset 0x%X, written from flash 0x0%s".formatted(at,
                        blank ? "" : "; a secure boot v1 reflashable digest block (IV + digest) fills 0x0-0x%X".formatted(at - 1));
                return new Identification(inner.kind, inner.facts, null, inner.chip,
                        ImageFacts.join(note, inner.note), inner.error);
            }
        }
        if (file.size() >= DESCRIPTOR_MAGIC_AT + 4 && file.u32le(DESCRIPTOR_MAGIC_AT) == AppDescriptor.MAGIC) {
            Optional<Chip> named = file.size() >= ImageHeader.SIZE
                    ? Chip.fromImageChipId(file.u16le(ImageHeader.OFF_CHIP_ID)) : Optional.empty();
            Target target = chip.map(Target.any()::withChip).orElse(Target.any());
            return new Identification(FileKind.APP_IMAGE, null, null, named.map(Chip::esptoolName).orElse(null),
                    ImageVerifier.verify(file, target).summary(), "magic byte 0x%02X at 0x0, not 0xE9 (the app descriptor "
                    .formatted(file.u8(0)) + "is in place at 0x20)");
        }
        if (allFF(file, 0, file.size())) {
            return new Identification(FileKind.UNKNOWN, null, null, null, "erased: every byte is 0xFF", null);
        }
        double entropy = entropy(file);
        if (file.size() >= 0x1000 && entropy >= ENCRYPTED_ENTROPY && !compressed(file)) {
            return new Identification(FileKind.ENCRYPTED, null, null, null,
                    "looks random (%.2f bits/byte): flash-encrypted ciphertext".formatted(entropy), null);
        }
        return new Identification(FileKind.UNKNOWN, null, null, null, "no known structure; first bytes %s, %.2f bits/byte"
                .formatted(file.slice(0, Math.min(4, file.size())).hex(), entropy), null);
    }

    /**
     * Whether {@link #of} takes {@code file} for an image at offset 0 (0xE9 or 0xEA first, and no partition table,
     * otadata or flash dump before that rule): its kind is then an image kind (or unknown), found only by decoding
     * the whole image, which a caller about to decode it anyway can skip ({@code ./kit image-info}).
     */
    public static boolean imageAtStart(Bytes file) {
        if (file.isEmpty() || (file.size() >= 2 && file.u16le(0) == PartitionEntry.MAGIC) || isOtadata(file)) return false;
        int magic = file.u8(0);
        return (magic == ImageHeader.MAGIC || magic == Esp8266Image.MAGIC_V2) && DumpReport.findTable(file, -1).isEmpty();
    }

    private static Identification table(Bytes file) {
        try {
            PartitionTable t = PartitionTable.decode(file.slice(0, Math.min(file.size(), PartitionTable.MAX_LENGTH)),
                    PartitionTable.DEFAULT_ADDRESS);
            return new Identification(FileKind.PARTITION_TABLE, null, null, null, "%d partitions, %s".formatted(
                    t.entries().size(), t.md5Row().isPresent() ? "MD5 row matches" : "no MD5 row"), null);
        } catch (DecodeException e) {
            return new Identification(FileKind.PARTITION_TABLE, null, null, null, null, e.getMessage());
        }
    }

    /** 8 KiB whose two sectors each hold one 32-byte otadata entry (or nothing) and 0xFF after it. */
    static boolean isOtadata(Bytes file) {
        if (file.size() != OtaData.SIZE) return false;
        for (int sector = 0; sector < OtaData.SIZE; sector += OtaData.SECTOR_SIZE) {
            if (!allFF(file, sector + esp32ota.otadata.OtaSelectEntry.SIZE, sector + OtaData.SECTOR_SIZE)) return false;
        }
        return true;
    }

    private static Identification otadata(Bytes file) {
        OtaData o = OtaData.decode(file, 0);
        String note = "copy 0: %s; copy 1: %s".formatted(OtaSelectEntryDescriber.summary(o.copy(0)), OtaSelectEntryDescriber.summary(o.copy(1)));
        return new Identification(FileKind.OTADATA, null, null, null, note, null);
    }

    private static Identification dump(Bytes file, Optional<Chip> chip) {
        DumpReport.Options options = chip.map(DumpReport.Options.detect()::withChip).orElse(DumpReport.Options.detect());
        try {
            DumpReport d = DumpReport.split(file, options);
            ImageFacts booted = d.decision().booted().flatMap(slot -> d.partitions().stream()
                    .filter(p -> esp32ota.boot.AppSlot.of(p.entry()).equals(Optional.of(slot))).findFirst())
                    .flatMap(DumpReport.PartitionPart::image).orElse(null);
            String note = "%s; table at 0x%X; next boot: %s".formatted(d.base() == 0 ? "dump from flash 0x0"
                    : "merged image for flash 0x%X".formatted(d.base()), d.table().address(), d.nextBoot());
            return new Identification(FileKind.FLASH_DUMP, booted, d, d.chip().map(Chip::esptoolName).orElse(null),
                    note, null);
        } catch (DecodeException e) {
            return new Identification(FileKind.FLASH_DUMP, null, null, null, null, e.getMessage());
        }
    }

    private static Identification image(Bytes file, Optional<Chip> chip, IntFunction<Bytes> sha256OfFirst) {
        Optional<Chip> own = DumpReport.imageChipAt(file, 0);
        if (file.u8(0) == ImageHeader.MAGIC && own.isPresent()) {
            Target target = chip.map(Target.any()::withChip).orElse(Target.any());
            try {
                ImageFacts f = ImageFacts.of(AppImage.decode(file, sha256OfFirst), target);
                return new Identification(f.kind(), f, null, f.chip(), f.note(), null);
            } catch (DecodeException e) {
                boolean app = file.size() >= DESCRIPTOR_MAGIC_AT + 4
                        && file.u32le(DESCRIPTOR_MAGIC_AT) == AppDescriptor.MAGIC;
                FileKind kind = app || file.size() > ImageFacts.MAX_BOOTLOADER_SIZE ? FileKind.APP_IMAGE
                        : FileKind.BOOTLOADER;
                return new Identification(kind, null, null, own.get().esptoolName(),
                        ImageVerifier.verify(file, target).summary(), e.getMessage());
            }
        }
        try {
            ImageFacts f = ImageFacts.of(Esp8266Image.decode(file, warning -> { }));
            return new Identification(FileKind.ESP8266_IMAGE, f, null, f.chip(), f.note(), null);
        } catch (DecodeException e) {
            FileKind kind = file.u8(0) == Esp8266Image.MAGIC_V2 ? FileKind.ESP8266_IMAGE : FileKind.UNKNOWN;
            return new Identification(kind, null, null, null, kind == FileKind.UNKNOWN
                    ? "magic 0xE9 but chip id %d is unknown and it is no ESP8266 image".formatted(
                    file.size() > ImageHeader.OFF_CHIP_ID + 1 ? file.u16le(ImageHeader.OFF_CHIP_ID) : -1) : null,
                    e.getMessage());
        }
    }

    /** Shannon entropy of the first {@link #ENTROPY_WINDOW} bytes, in bits per byte. */
    static double entropy(Bytes file) {
        int n = Math.min(file.size(), ENTROPY_WINDOW);
        int[] counts = new int[256];
        for (int i = 0; i < n; i++) counts[file.u8(i)]++;
        double h = 0;
        for (int c : counts) {
            if (c == 0) continue;
            double p = (double) c / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    /** gzip, zip, xz, bzip2 and zstd files are random-looking too, but not encrypted firmware. */
    private static boolean compressed(Bytes file) {
        int a = file.u8(0), b = file.u8(1);
        return (a == 0x1F && b == 0x8B) || (a == 'P' && b == 'K') || (a == 0xFD && b == '7') || (a == 'B' && b == 'Z')
                || (a == 0x28 && b == 0xB5);
    }

    static boolean allFF(Bytes file, int from, int to) {
        return file.allEqual(from, to, 0xFF);
    }
}
