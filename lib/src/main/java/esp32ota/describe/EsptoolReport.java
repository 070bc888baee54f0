package esp32ota.describe;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.BootloaderDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.Esp8266Image;
import esp32ota.image.FlashMode;
import esp32ota.image.ImageHeader;
import esp32ota.image.IntelHex;
import esp32ota.image.Segment;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report of {@code esptool.py image_info --version 2 FILE} (esptool v4.12.0, cmds.py {@code image_info}),
 * byte for byte from the line after its version banner, with its exit status.
 *
 * <p>How esptool reads a file: a file whose first byte is {@code ':'} and that is valid Intel HEX is converted
 * first ({@link IntelHex}; only the lowest block is analysed, after a note when there are several). Then it checks the first byte (0xE9, or 0xEA for ESP8266 "v2" images), then picks the
 * chip from the <em>low byte</em> of {@code chip_id} (offset 12) if byte 23 is 0 or 1, falling back to ESP8266
 * parsing otherwise. Where esptool reports an error it prints "A fatal error occurred: …" and exits 2; where it
 * crashes with a Python traceback (a file too short for its header, no checksum byte, a short or non-UTF-8
 * descriptor) the kit stops after the same lines and gives a one-line error instead ({@link Result.Crash}).
 *
 * <p>The decoders know nothing of this text: they return records and throw data-only {@link DecodeException}s, which
 * {@link ToolErrors#esptool} words as esptool does.
 */
public final class EsptoolReport {
    /** What esptool prints after its banner (stdout and stderr merged), and how it ends. */
    public sealed interface Result permits Result.Printed, Result.Fatal, Result.Crash {
        String text();

        /** 0, or 2 for an error (esptool's own, or the kit's where esptool would crash with 1). */
        int exitStatus();

        /** The kit's one-line error where esptool crashes; empty otherwise. */
        default Optional<String> kitError() { return Optional.empty(); }

        /** The whole report; exit status 0. */
        record Printed(String text) implements Result {
            @Override public int exitStatus() { return 0; }
        }

        /** esptool stopped with "A fatal error occurred: {@code message}" (the last line of {@code text}); exit 2. */
        record Fatal(String text, String message) implements Result {
            @Override public int exitStatus() { return 2; }
        }

        /** esptool would crash with a traceback after {@code text}; the kit says why in one line instead; exit 2. */
        record Crash(String text, String error) implements Result {
            @Override public int exitStatus() { return 2; }
            @Override public Optional<String> kitError() { return Optional.of(error); }
        }
    }

    private final StringBuilder out = new StringBuilder();

    private EsptoolReport() {}

    public static Result render(Bytes file) {
        EsptoolReport r = new EsptoolReport();
        try {
            return r.report(file).orElseGet(() -> new Result.Printed(r.out.toString()));
        } catch (DecodeException e) {
            return ToolErrors.esptool(e).map(r::fatal).orElseGet(() -> r.crash(e));
        }
    }

    private Result fatal(String message) {
        line("");
        line("A fatal error occurred: " + message);
        return new Result.Fatal(out.toString(), message);
    }

    /** Where esptool would crash on {@code failure}: the lines so far and the kit's one-line error. */
    private Result crash(DecodeException failure) { return new Result.Crash(out.toString(), failure.getMessage()); }

    /** The chip esptool's auto-detection picks for {@code file} (ESP8266 when it falls back). */
    public static Chip detectChip(Bytes file) {
        Bytes ext = file.slice(Math.min(8, file.size()), Math.min(24, file.size()));
        if (ext.isEmpty()) return Chip.ESP8266;
        int last = ext.u8(ext.size() - 1);
        if (last != 0 && last != 1) return Chip.ESP8266;
        int id = ext.size() > 4 ? ext.u8(4) : 0;
        return Chip.fromImageChipId(id).orElse(Chip.ESP8266);
    }

    /** Prints the report; returns how it ends where esptool stops early (a fatal error or a crash). */
    private Optional<Result> report(Bytes given) {
        Bytes file = given;
        if (IntelHex.looksLikeHex(given)) {
            Optional<IntelHex> hex = IntelHex.parse(given);
            if (hex.isPresent()) {
                List<IntelHex.Block> blocks = hex.get().blocks();
                if (blocks.size() != 1) line("Note: Detected merged IntelHex file, processing only first file");
                if (blocks.isEmpty()) {
                    return Optional.of(crash(new DecodeException(DecodeException.Kind.BAD_VALUE, 0, "IntelHex", "data",
                            "data records", "none")));
                }
                file = blocks.get(0).data();
            }
        }
        line("File size: %d (bytes)".formatted(file.size()));
        if (file.isEmpty()) return Optional.of(fatal("File is empty"));
        int magic = file.u8(0);
        if (magic != ImageHeader.MAGIC && magic != Esp8266Image.MAGIC_V2) {
            return Optional.of(fatal("This is not a valid image (invalid magic number: 0x%x)".formatted(magic)));
        }
        if (file.size() <= ImageHeader.COMMON_SIZE) {
            return Optional.of(crash(new DecodeException(DecodeException.Kind.TRUNCATED, file.size(), "ImageHeader",
                    "extended header", "16 bytes from 0x8", "file ends at 0x%X".formatted(file.size()))));
        }
        Chip chip = detectChip(file);
        String name = chip.esptoolName().toUpperCase(Locale.ROOT);
        line("Detected image type: " + name);
        return chip == Chip.ESP8266 ? esp8266(file, name) : esp32(file, chip, name);
    }

    private Optional<Result> esp32(Bytes file, Chip chip, String name) {
        ImageHeader h = ImageHeader.decode(ByteReader.of(file, 0));
        if (h.chipId() != chip.imageChipId()) {
            line("Unexpected chip id in image. Expected %d but value was %d. Is this image for a different chip model?"
                    .formatted(chip.imageChipId(), h.chipId()));
        }
        AppImage img = AppImage.decode(file);
        Optional<Result> tooMany = segmentCount(img.segmentHeaders().size());
        if (tooMany.isPresent()) return tooMany;
        commonHeader(name, 1, h.entryAddr(), img.segmentHeaders().size(), h.spiSpeedSize(), h.spiMode(), chip);
        line("");
        title(name + " extended image header");
        line("WP pin: 0x%x%s".formatted(h.wpPin(), h.wpPin() == ImageHeader.WP_PIN_DISABLED ? " (disabled)" : ""));
        line("Flash pins drive settings: clk_drv: 0x%x, q_drv: 0x%x, d_drv: 0x%x, cs0_drv: 0x%x, hd_drv: 0x%x, wp_drv: 0x%x"
                .formatted(h.driveStrength(0), h.driveStrength(1), h.driveStrength(2), h.driveStrength(3),
                        h.driveStrength(4), h.driveStrength(5)));
        line("Chip ID: %d (%s)".formatted(h.chipId(), h.chip().map(Chip::esptoolName).orElse("Unknown ID")));
        line("Minimal chip revision: v%d.%d, (legacy min_rev = %d)".formatted(h.minChipRevFull() / 100,
                h.minChipRevFull() % 100, h.minChipRev()));
        line("Maximal chip revision: v%d.%d".formatted(h.maxChipRevFull() / 100, h.maxChipRevFull() % 100));
        Descriptors d = segmentTable(img.segments(), chip);
        footer(name, img.storedChecksum(), img.computedChecksum());
        if (h.hashAppended() == 1) {
            line("Validation hash: %s (%s)".formatted(img.computedDigest().hex(), img.hashValid() ? "valid" : "invalid"));
        }
        descriptors(d);
        return Optional.empty();
    }

    private Optional<Result> esp8266(Bytes file, String name) {
        Esp8266Image img = Esp8266Image.decode(file, o -> line(warning(o)));
        Optional<Result> tooMany = segmentCount(img.segments().size());
        if (tooMany.isPresent()) return tooMany;
        commonHeader(name, img.version(), img.entryAddr(), img.segments().size(), img.flashSizeFreq(), img.flashMode(),
                Chip.ESP8266);
        Descriptors d = segmentTable(img.segments(), Chip.ESP8266);
        footer(name, img.storedChecksum(), img.computedChecksum());
        descriptors(d);
        return Optional.empty();
    }

    private void commonHeader(String name, int version, long entry, int segments, int speedSize, int mode, Chip chip) {
        line("");
        title(name + " image header");
        line("Image version: " + version);
        line(entry != 0 ? "Entry point: %8s".formatted("0x" + Long.toHexString(entry)) : "Entry point not set");
        line("Segments: " + segments);
        int size = speedSize & 0xF0, speed = speedSize & 0x0F;
        line(chip.flashSizes().nameOf(size).map(s -> "Flash size: " + s)
                .orElse("WARNING: Invalid flash size (0x%x)".formatted(size)));
        line(chip.flashSpeeds().nameOf(speed).map(s -> "Flash freq: " + s)
                .orElse("WARNING: Invalid flash frequency (0x%x)".formatted(speed)));
        line(FlashMode.fromCode(mode).flatMap(FlashMode::esptoolName).map(m -> "Flash mode: " + m)
                .orElse("WARNING: Invalid flash mode (%d)".formatted(mode)));
    }

    /** esptool's warning for an oddity of an ESP8266 image. */
    private static String warning(Esp8266Image.Oddity o) {
        if (o instanceof Esp8266Image.Oddity.V2SegmentCount c) {
            return "Warning: V2 header has unexpected \"segment\" count %d (usually 4)".formatted(c.count());
        }
        if (o instanceof Esp8266Image.Oddity.SuspiciousSegment s) {
            return "WARNING: Suspicious segment 0x%x, length %d".formatted(s.loadAddr(), s.length());
        }
        var m = (Esp8266Image.Oddity.HeaderMismatch) o;
        String format = switch (m.field()) {
            case "flash_mode" -> "Flash mode value in first header (0x%02x) disagrees with second (0x%02x).";
            case "flash_size_freq" -> "Flash size/freq value in first header (0x%02x) disagrees with second (0x%02x).";
            default -> "Entrypoint address in first header (0x%08x) disagrees with second header (0x%08x).";
        };
        return ("WARNING: " + format + " Using second value.").formatted(m.first(), m.second());
    }

    /** The segments whose data esptool reads descriptors from: the first DROM one, the last DRAM one of 80+ bytes. */
    private record Descriptors(Segment app, Segment boot) {}

    private Descriptors segmentTable(List<Segment> segments, Chip chip) {
        line("");
        title("Segments information");
        line("Segment   Length   Load addr   File offs  Memory types");
        line("-------  -------  ----------  ----------  ------------");
        Segment app = null, boot = null;
        for (Segment s : segments) {
            List<String> types = s.memoryTypes(chip);
            if (types.contains("DROM") && app == null) app = s;
            else if (types.contains("DRAM") && s.esptoolLength() >= BootloaderDescriptor.SIZE) boot = s;
            line("%7d  0x%05x  0x%08x  0x%08x  %s".formatted(s.index(), s.esptoolLength(), s.loadAddr(),
                    s.headerOffset(), String.join(", ", types)));
        }
        line("");
        return new Descriptors(app, boot);
    }

    private void footer(String name, int stored, int computed) {
        title(name + " image footer");
        line("Checksum: 0x%x (%s)".formatted(stored, stored == computed ? "valid" : "invalid - calculated %02x".formatted(computed)));
    }

    private void descriptors(Descriptors d) {
        if (d.app() != null && d.app().esptoolLength() > 0) {
            AppDescriptor a = AppDescriptor.decode(ByteReader.of(padded(d.app()), d.app().dataOffset()));
            if (!a.hasMagic()) return;
            String version = text(a.version(), a.address() + AppDescriptor.OFF_VERSION, "AppDescriptor", "version");
            String project = text(a.projectName(), a.address() + AppDescriptor.OFF_PROJECT_NAME, "AppDescriptor",
                    "project_name");
            String time = text(a.time(), a.address() + AppDescriptor.OFF_TIME, "AppDescriptor", "time");
            String date = text(a.date(), a.address() + AppDescriptor.OFF_DATE, "AppDescriptor", "date");
            String idf = text(a.idfVer(), a.address() + AppDescriptor.OFF_IDF_VER, "AppDescriptor", "idf_ver");
            line("");
            title("Application information");
            line("Project name: " + project);
            line("App version: " + version);
            line("Compile time: " + date + " " + time);
            line("ELF file SHA256: " + a.appElfSha256().hex());
            line("ESP-IDF: " + idf);
            line("Minimal eFuse block revision: %d.%d".formatted(a.minEfuseBlkRevFull() / 100, a.minEfuseBlkRevFull() % 100));
            line("Maximal eFuse block revision: %d.%d".formatted(a.maxEfuseBlkRevFull() / 100, a.maxEfuseBlkRevFull() % 100));
            if (a.mmuPageSize() != 0) line("MMU page size: %d KB".formatted(mmuKiB(a.mmuPageSize())));
            line("Secure version: " + a.secureVersion());
        } else if (d.boot() != null) {
            BootloaderDescriptor b = BootloaderDescriptor.decode(ByteReader.of(padded(d.boot()), d.boot().dataOffset()));
            if (!b.hasMagic()) return;
            String idf = text(b.idfVer(), b.address() + BootloaderDescriptor.OFF_IDF_VER, "BootloaderDescriptor",
                    "idf_ver");
            String dateTime = text(b.dateTime(), b.address() + BootloaderDescriptor.OFF_DATE_TIME,
                    "BootloaderDescriptor", "date_time");
            line("");
            title("Bootloader information");
            line("Bootloader version: " + b.version());
            line("ESP-IDF: " + idf);
            line("Compile time: " + dateTime);
        }
    }

    /** Python's {@code 2**n // 1024}, exact for any byte value of n. */
    static java.math.BigInteger mmuKiB(int log2) { return java.math.BigInteger.ONE.shiftLeft(log2).shiftRight(10); }

    /** esptool's {@code sanitize_string}: strict UTF-8, then every NUL removed; not UTF-8 is where esptool crashes. */
    static String text(Bytes field, long address, String structure, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(field.toByteArray()))
                    .toString().replace("\0", "");
        } catch (CharacterCodingException e) {
            throw new DecodeException(DecodeException.Kind.BAD_VALUE, address, structure, name,
                    "UTF-8 text", field.toString());
        }
    }

    /** Segment data as esptool holds it: padded with zeros to a multiple of 4 when the load address is not 0. */
    private static Bytes padded(Segment s) {
        int pad = s.esptoolLength() - s.length();
        return pad == 0 ? s.data() : s.data().concat(Bytes.filled(pad, 0));
    }

    /** esptool's limit on the segment count, checked after decoding (the bootloader's is the same 16). */
    private Optional<Result> segmentCount(int n) {
        return n > ImageHeader.MAX_SEGMENTS
                ? Optional.of(fatal("Invalid segment count %d (max 16). Usually this indicates a linker script problem."
                        .formatted(n)))
                : Optional.empty();
    }

    private void title(String t) {
        line(t);
        line("=".repeat(t.length()));
    }

    private void line(String s) { out.append(s).append('\n'); }
}
