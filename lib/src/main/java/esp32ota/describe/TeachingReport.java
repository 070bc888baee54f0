package esp32ota.describe;

import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.Segment;
import esp32ota.image.Verdict;

import java.util.List;
import java.util.Optional;

/**
 * The kit's own report of an image, for people learning the format: the same facts as esptool's, plus where each
 * segment's data sits in the file, what memory it is loaded into, the checksum and hash worked out, and the
 * bootloader's verdict ({@code ./kit image-info}, the default {@code --format text}).
 */
public final class TeachingReport {
    private TeachingReport() {}

    public static String render(AppImage img, Verdict verdict) {
        StringBuilder b = new StringBuilder();
        ImageHeader h = img.header();
        Optional<Chip> chip = h.chip();
        b.append("App image: %d bytes in the file, %d bytes read by the bootloader\n".formatted(img.fileSize(), img.length()));
        b.append("Verdict:   %s\n".formatted(verdict.summary()));
        b.append("\nHeader (esp_image_header_t, 24 bytes at 0x000000)\n".formatted());
        ImageHeaderDescriber.fields(h).forEach(f -> row(b, f));
        ImageHeaderDescriber.extendedFields(h).forEach(f -> row(b, f));
        b.append("\nSegments (8-byte header + data each)\n".formatted());
        b.append("  #  header    data      length    load addr   memory\n".formatted());
        for (Segment s : img.segments()) {
            List<String> types = chip.map(s::memoryTypes).orElse(List.of());
            b.append("%3d  0x%06X  0x%06X  0x%06X  0x%08X  %s\n".formatted(s.index(), s.headerOffset(), s.dataOffset(),
                    s.length(), s.loadAddr(), types.isEmpty() ? "-" : String.join(", ", types)));
        }
        b.append("\nFooter\n".formatted());
        row(b, "checksum at 0x%06X".formatted(img.checksumOffset()), "0x%02X".formatted(img.storedChecksum()),
                "0xEF ^ every data byte = 0x%02X (%s)".formatted(img.computedChecksum(), img.checksumValid() ? "match" : "MISMATCH"));
        if (h.hasHash()) {
            row(b, "SHA-256 of 0x000000..0x%06X".formatted(img.checksumOffset()), img.computedDigest().hex(),
                    img.hashValid() ? "matches the stored digest" : "stored digest differs or is cut short");
        }
        img.appDescriptor().ifPresent(d -> descriptor(b, d));
        img.signature().ifPresent(s -> b.append("\nAfter the image: %s\n".formatted(SignatureBlockDescriber.line(s))));
        b.append("\nBootloader checks (esp_image_format.c order)\n".formatted());
        if (verdict.bootable()) b.append("  all passed: the bootloader would load this image\n".formatted());
        for (int i = 0; i < verdict.failures().size(); i++) {
            Verdict.Failure f = verdict.failures().get(i);
            b.append("  %-16s %s%s\n".formatted(f.check(), f.message(), i == 0 ? "   <- stops here" : ""));
        }
        return b.toString();
    }

    private static void descriptor(StringBuilder b, AppDescriptor d) {
        b.append("\nApp descriptor (esp_app_desc_t, 256 bytes at 0x%06X)\n".formatted(d.address()));
        AppDescriptorDescriber.fields(d).forEach(f -> row(b, f));
    }

    private static void row(StringBuilder b, ExplainedField f) { row(b, f.field(), f.value(), f.meaning()); }

    private static void row(StringBuilder b, String field, String value, String note) {
        b.append("  %-26s %-20s %s".formatted(field, value, note).stripTrailing()).append("\n");
    }
}
