package esp32ota.partition;

import esp32ota.bytes.Bytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The partition table as the 2nd-stage bootloader logs it at boot (ESP-IDF bootloader_utility.c
 * {@code bootloader_utility_load_partition_table}, tag {@code boot}, info level), without the {@code I (ms) boot: }
 * prefix:
 * <pre>
 * Partition Table:
 * ## Label            Usage          Type ST Offset   Length
 *  0 nvs              WiFi data        01 02 00009000 00004000
 *  …
 * End of partition table
 * </pre>
 * One row per entry (the MD5 row is not an entry), C format {@code "%2d %-16s %-16s %02x %02x %08x %08x"}. The
 * usage column is what the bootloader makes of type and subtype: app {@code factory app}, {@code test app},
 * {@code OTA app} (subtype 0x10–0x1F), {@code Unknown app}; data {@code OTA data}, {@code RF data} (phy),
 * {@code WiFi data} (nvs), {@code NVS keys}, {@code efuse}, {@code Unknown data}; any other type {@code unknown}.
 *
 * <p>The label is printed with {@code %s} from a 16-byte field: a 16-byte label has no NUL, so C keeps reading into
 * the flags word (and beyond) until a zero byte. A 16-character label with the encrypted flag prints a 0x01 byte
 * after its name; the listing reproduces that. Widths count bytes, as C does.
 */
public final class BootloaderListing {
    private BootloaderListing() {}

    public static final String TITLE = "Partition Table:";
    public static final String HEADER = "## Label            Usage          Type ST Offset   Length";
    public static final String END = "End of partition table";

    /** The lines the bootloader logs for {@code table}, title to end line. */
    public static List<String> lines(PartitionTable table) {
        List<String> lines = new ArrayList<>(List.of(TITLE, HEADER));
        Bytes rows = table.entryBytes();
        for (int i = 0; i < table.entries().size(); i++) {
            PartitionEntry e = table.entries().get(i);
            var line = new ByteArrayOutputStream();
            write(line, "%2d ".formatted(i).getBytes(StandardCharsets.US_ASCII));
            write(line, padded(labelAsC(rows, i * PartitionEntry.SIZE + PartitionEntry.OFF_LABEL)));
            write(line, " ".getBytes(StandardCharsets.US_ASCII));
            write(line, padded(usage(e).getBytes(StandardCharsets.US_ASCII)));
            write(line, " %02x %02x %08x %08x".formatted(e.type(), e.subtype(), e.offset(), e.size())
                    .getBytes(StandardCharsets.US_ASCII));
            lines.add(line.toString(StandardCharsets.UTF_8));
        }
        lines.add(END);
        return List.copyOf(lines);
    }

    /** The bootloader's name for what a partition is used for. */
    public static String usage(PartitionEntry e) {
        if (e.type() == PartitionType.APP.code()) {
            if (e.subtype() == PartitionSubtype.APP_FACTORY.code()) return "factory app";
            if (e.subtype() == PartitionSubtype.APP_TEST.code()) return "test app";
            return e.isOtaApp() ? "OTA app" : "Unknown app";
        }
        if (e.type() == PartitionType.DATA.code()) {
            return switch (e.subtype()) {
                case 0x00 -> "OTA data";
                case 0x01 -> "RF data";
                case 0x02 -> "WiFi data";
                case 0x04 -> "NVS keys";
                case 0x05 -> "efuse";
                default -> "Unknown data";
            };
        }
        return "unknown";
    }

    /** The bytes C's {@code %s} prints for the label at {@code at}: up to the first NUL, even past the field. */
    private static byte[] labelAsC(Bytes rows, int at) {
        int end = at;
        while (end < rows.size() && rows.u8(end) != 0) end++;
        return rows.slice(at, end).toByteArray();
    }

    /** {@code %-16s}: left-aligned, padded with spaces to 16 bytes, never cut. */
    private static byte[] padded(byte[] text) {
        byte[] out = new byte[Math.max(16, text.length)];
        java.util.Arrays.fill(out, (byte) ' ');
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    private static void write(ByteArrayOutputStream out, byte[] b) { out.write(b, 0, b.length); }
}
