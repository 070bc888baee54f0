package esp32ota.analysis;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.SignatureBlockDescriber;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.BootloaderDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.Esp8266Image;
import esp32ota.image.FlashMode;
import esp32ota.image.ImageVerifier;
import esp32ota.image.SegmentHeader;
import esp32ota.image.Target;
import esp32ota.image.Verdict;

import java.util.Optional;

/**
 * The facts a scan shows about one image, read through the image library ({@link AppImage}, {@link ImageVerifier},
 * {@link Esp8266Image}): what it is (app or bootloader), its chip, header fields by the names esptool prints, the
 * descriptor's texts and the bootloader's verdict. Fields that do not apply are null (an ESP8266 image has no hash,
 * an old bootloader no descriptor).
 *
 * @param kind          {@link FileKind#APP_IMAGE}, {@link FileKind#BOOTLOADER} or {@link FileKind#ESP8266_IMAGE}
 * @param chip          esptool's chip name ({@code ESP32-C3}); null when the header's chip id is unknown
 * @param compileDate   {@code Jul 25 2024}, from the app or bootloader descriptor
 * @param compileTime   {@code 16:23:40}
 * @param version       the app's version text, or the bootloader descriptor's version number
 * @param verdict       {@link Verdict#summary()}: {@code bootable} or {@code NOT bootable: <first failure>}
 * @param note          what else is worth knowing (RAM-only app, secure-boot signature), or null
 */
public record ImageFacts(FileKind kind, String chip, int segments, String flashMode, String flashSize,
                         String flashSpeed, String project, String version, String idfVer, String compileDate,
                         String compileTime, Long secureVersion, boolean checksumOk, Boolean hashOk, String verdict,
                         boolean bootable, String note) {
    /**
     * A RAM-only image up to this size is taken for a bootloader: one must end before the partition table (0x8000 by
     * default, later when the table is moved) and fit the RAM the ROM loads it into; RAM-only apps are larger.
     */
    public static final long MAX_BOOTLOADER_SIZE = 0x10000;

    /** Facts of a framed ESP32-family image, judged for {@code target}. */
    public static ImageFacts of(AppImage image, Target target) {
        Verdict verdict = ImageVerifier.verify(image, target);
        Optional<Chip> chip = image.chip();
        Optional<AppDescriptor> app = image.appDescriptor();
        Optional<BootloaderDescriptor> boot = app.isPresent() ? Optional.empty() : bootloaderDescriptor(image);
        boolean flashMapped = chip.isPresent() && image.segmentHeaders().stream()
                .anyMatch(s -> chip.get().isFlashMapped(s.loadAddr()));
        FileKind kind = app.isPresent() || flashMapped ? FileKind.APP_IMAGE
                : boot.isPresent() || image.length() <= MAX_BOOTLOADER_SIZE ? FileKind.BOOTLOADER : FileKind.APP_IMAGE;
        String note = kind == FileKind.APP_IMAGE && !flashMapped ? "RAM-only app (no flash-mapped segment)" : null;
        if (image.signature().isPresent()) note = join(note, SignatureBlockDescriber.line(image.signature().get()));
        String project = null, version = null, idf = null, date = null, time = null;
        Long secure = null;
        if (app.isPresent()) {
            AppDescriptor a = app.get();
            project = a.projectNameText();
            version = a.versionText();
            idf = AppDescriptor.text(a.idfVer());
            date = AppDescriptor.text(a.date());
            time = AppDescriptor.text(a.time());
            secure = a.secureVersion();
        } else if (boot.isPresent()) {
            BootloaderDescriptor b = boot.get();
            version = Long.toString(b.version());
            idf = AppDescriptor.text(b.idfVer());
            String dateTime = AppDescriptor.text(b.dateTime()).trim();
            int space = dateTime.lastIndexOf(' ');
            date = space < 0 ? dateTime : dateTime.substring(0, space);
            time = space < 0 ? null : dateTime.substring(space + 1);
        }
        int sizeBits = image.header().flashSizeBits(), speedBits = image.header().flashSpeedBits();
        return new ImageFacts(kind, chip.map(Chip::esptoolName).orElse(null), image.header().segmentCount(),
                modeName(image.header().spiMode()),
                chip.flatMap(c -> c.flashSizes().nameOf(sizeBits)).orElse("0x%X".formatted(sizeBits >> 4)),
                chip.flatMap(c -> c.flashSpeeds().nameOf(speedBits)).orElse("0x%X".formatted(speedBits)),
                project, version, idf, date, time, secure, image.checksumValid(),
                image.header().hasHash() ? image.hashValid() : null, verdict.summary(), verdict.bootable(), note);
    }

    /** Facts of an image esptool reads as ESP8266: no chip id, no hash, no descriptor. */
    public static ImageFacts of(Esp8266Image image) {
        int sizeBits = image.flashSizeFreq() & 0xF0, speedBits = image.flashSizeFreq() & 0x0F;
        boolean ok = image.storedChecksum() == image.computedChecksum();
        String verdict = ok ? "bootable" : "NOT bootable: Checksum failed. Calculated 0x%x read 0x%x"
                .formatted(image.computedChecksum(), image.storedChecksum());
        return new ImageFacts(FileKind.ESP8266_IMAGE, Chip.ESP8266.esptoolName(), image.segments().size(),
                modeName(image.flashMode()),
                Chip.ESP8266.flashSizes().nameOf(sizeBits).orElse("0x%X".formatted(sizeBits >> 4)),
                Chip.ESP8266.flashSpeeds().nameOf(speedBits).orElse("0x%X".formatted(speedBits)),
                null, null, null, null, null, null, ok, null, verdict, ok,
                image.version() == 2 ? "ESP8266 v2 image (magic 0xEA, IROM segment first)" : null);
    }

    /** esptool's names for the four modes it knows, ESP-IDF's for the others, the number for the rest. */
    static String modeName(int code) {
        return FlashMode.fromCode(code).map(m -> m.esptoolName().orElse(m.name())).orElse("mode %d".formatted(code));
    }

    /** {@code esp_bootloader_desc_t}: at the start of the first RAM data segment that carries its magic. */
    static Optional<BootloaderDescriptor> bootloaderDescriptor(AppImage image) {
        Optional<Chip> chip = image.chip();
        if (chip.isEmpty()) return Optional.empty();
        for (SegmentHeader s : image.segmentHeaders()) {
            if (s.dataLength() < BootloaderDescriptor.SIZE
                    || !chip.get().memoryMap().typesAt(s.loadAddr()).contains("DRAM")) continue;
            int at = (int) s.dataOffset();
            try {
                BootloaderDescriptor d = BootloaderDescriptor.decode(
                        ByteReader.of(image.file().slice(at, at + BootloaderDescriptor.SIZE), at));
                if (d.hasMagic() && d.reserved().allEqual(0)) return Optional.of(d);
            } catch (DecodeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String join(String a, String b) { return a == null ? b : b == null ? a : a + "; " + b; }
}
