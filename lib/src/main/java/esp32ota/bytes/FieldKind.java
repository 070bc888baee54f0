package esp32ota.bytes;

import java.util.Locale;
import java.util.Set;

/**
 * What kind of value a field holds, so that every hex dump colours a kind the same way (a magic number is always the
 * magic colour, whichever structure it opens). Told from the field's name, the names the decoders give
 * ({@code magic}, {@code crc}, {@code label}, {@code reserved}, …), and for {@code version} from its length: a
 * 32-byte version is text, a 4-byte one a number.
 */
public enum FieldKind {
    /** A fixed value that says what the structure is: {@code magic}, {@code magic_word}, {@code end_marker}. */
    MAGIC("magic"),
    /** A number: an address, a size, a sequence number, a state or type code. */
    NUMBER("number"),
    /** Text: a partition label, a project name, a version string. */
    TEXT("text"),
    /** A value computed from other bytes to check them: CRC, checksum, MD5, SHA-256. */
    CHECKSUM("checksum"),
    /** Bits with separate meanings: {@code flags}, {@code hash_appended}. */
    FLAGS("flags"),
    /** Bytes that carry nothing: padding and reserved fields. */
    PADDING("padding"),
    /** The payload a structure carries: a segment's data. */
    DATA("data");

    private static final Set<String> TEXT_FIELDS = Set.of("label", "seq_label", "project_name", "idf_ver", "date",
            "time", "date_time");
    private static final Set<String> FLAG_FIELDS = Set.of("flags", "hash_appended");

    private final String label;

    FieldKind(String label) { this.label = label; }

    /** The word a colour key shows. */
    public String label() { return label; }

    /** The kind of the field {@code field}, {@code length} bytes long. */
    public static FieldKind of(String field, int length) {
        String f = field.toLowerCase(Locale.ROOT);
        if (f.contains("magic") || f.equals("end_marker")) return MAGIC;
        if (f.equals("crc") || f.contains("checksum") || f.contains("digest") || f.contains("md5") || f.contains("sha256")) {
            return CHECKSUM;
        }
        if (f.startsWith("pad") || f.startsWith("reserv")) return PADDING;
        if (TEXT_FIELDS.contains(f) || (f.equals("version") && length > 4)) return TEXT;
        if (FLAG_FIELDS.contains(f)) return FLAGS;
        if (f.equals("data") || f.endsWith(".data")) return DATA;
        return NUMBER;
    }
}
