package esp32ota.describe;

/**
 * One field of a decoded structure, spelled out for a reader: where its bytes lie in the file, the value as stored,
 * and what that value means. {@link ImageHeaderDescriber} and {@link AppDescriptorDescriber} list them in layout
 * order; the kit's text report, {@code ./kit diff} and the views' tables show them.
 *
 * @param field      the C field name ({@code spi_mode}); a field holding two values appears twice, with the part
 *                   in brackets ({@code spi_size (high nibble)})
 * @param fileOffset where the field's first byte lies in the image file
 * @param size       how many bytes it takes
 * @param value      the stored value: hex for codes and addresses, decimal for counts, the text for text fields
 * @param meaning    what the value means (a name from the chip's tables, a version, a rule); empty if nothing to add
 */
public record ExplainedField(String field, long fileOffset, int size, String value, String meaning) {
    /** {@code "v1.2"} for a revision stored as major*100 + minor (ESP-IDF's {@code *_rev_full} fields). */
    static String revision(int full) { return "v%d.%d".formatted(full / 100, full % 100); }
}
