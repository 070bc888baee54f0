package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An Intel HEX file as esptool v4.12.0 reads one (bin_image.py {@code intel_hex_to_bin}, with the intelhex 2.3
 * library): a file whose first byte is {@code ':'} is read as text, one record a line, and its data is split into
 * blocks wherever the addresses leave a gap. A line that is not a valid record makes the whole file a plain binary
 * again ({@link #parse} returns empty), as esptool does.
 * <pre>
 * record  ':' then hex digits (either case): count(1) address(2, big-endian) type(1) data(count) checksum(1)
 * type    00 data at offset+address   01 end of file (count 0; later lines are not read)
 *         02 offset = value * 16      04 offset = value * 65536   (count 2, address 0)
 *         03, 05 start address        (count 4, address 0; at most one; not part of the data)
 * sum     of all record bytes including the checksum is 0 mod 256; empty lines are skipped
 * </pre>
 * Two records writing the same address make esptool crash (intelhex's AddressOverlapError escapes it): that is a
 * {@link DecodeException} here.
 *
 * @param blocks the data runs, lowest address first (esptool analyses only the first)
 */
public record IntelHex(List<Block> blocks) {
    /** One run of data without gaps. */
    public record Block(long address, Bytes data) {}

    public IntelHex { blocks = List.copyOf(blocks); }

    /** True when esptool would try to read {@code file} as Intel HEX (its first byte is {@code ':'}). */
    public static boolean looksLikeHex(Bytes file) { return !file.isEmpty() && file.u8(0) == ':'; }

    /** The blocks, or empty when {@code file} is not Intel HEX (esptool then reads it as a binary). */
    public static Optional<IntelHex> parse(Bytes file) {
        if (!looksLikeHex(file)) return Optional.empty();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        TreeMap<Long, byte[]> data = new TreeMap<>();
        long offset = 0;
        boolean started = false;
        int lineNo = 0;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            lineNo++;
            if (line.isEmpty()) continue;
            byte[] r = record(line);
            if (r == null) return Optional.empty();
            int count = r[0] & 0xFF, address = (r[1] & 0xFF) << 8 | (r[2] & 0xFF), type = r[3] & 0xFF;
            int value = r.length >= 6 ? (r[4] & 0xFF) << 8 | (r[5] & 0xFF) : 0;
            switch (type) {
                case 0 -> {
                    long at = offset + address;
                    if (count > 0) {
                        var before = data.floorEntry(at + count - 1);
                        if (before != null && before.getKey() + before.getValue().length > at) {
                            throw new DecodeException(DecodeException.Kind.BAD_VALUE, lineNo, "IntelHex", "record",
                                    "one record per address", "line %d writes 0x%X again".formatted(lineNo,
                                    Math.max(at, before.getKey())));
                        }
                        byte[] d = new byte[count];
                        System.arraycopy(r, 4, d, 0, count);
                        data.put(at, d);
                    }
                }
                case 1 -> {
                    if (count != 0) return Optional.empty();
                    return Optional.of(new IntelHex(runs(data)));
                }
                case 2, 4 -> {
                    if (count != 2 || address != 0) return Optional.empty();
                    offset = type == 2 ? value * 16L : value * 65536L;
                }
                default -> {
                    if (count != 4 || address != 0 || started) return Optional.empty();
                    started = true;
                }
            }
        }
        return Optional.of(new IntelHex(runs(data)));
    }

    /** The bytes of one record line, or null when it is not one (esptool then falls back to binary). */
    private static byte[] record(String line) {
        if (line.charAt(0) != ':' || (line.length() - 1) % 2 != 0) return null;
        byte[] r = new byte[(line.length() - 1) / 2];
        for (int i = 0; i < r.length; i++) {
            int hi = Character.digit(line.charAt(1 + 2 * i), 16), lo = Character.digit(line.charAt(2 + 2 * i), 16);
            if (hi < 0 || lo < 0 || line.charAt(1 + 2 * i) > 'f' || line.charAt(2 + 2 * i) > 'f') return null;
            r[i] = (byte) (hi << 4 | lo);
        }
        if (r.length < 5 || r.length != 5 + (r[0] & 0xFF) || (r[3] & 0xFF) > 5) return null;
        int sum = 0;
        for (byte b : r) sum += b & 0xFF;
        return (sum & 0xFF) == 0 ? r : null;
    }

    private static List<Block> runs(TreeMap<Long, byte[]> data) {
        List<Block> blocks = new ArrayList<>();
        long start = -1, end = -1;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (Map.Entry<Long, byte[]> e : data.entrySet()) {
            if (e.getKey() != end && start >= 0) {
                blocks.add(new Block(start, Bytes.of(run.toByteArray())));
                run.reset();
                start = -1;
            }
            if (start < 0) start = e.getKey();
            run.writeBytes(e.getValue());
            end = e.getKey() + e.getValue().length;
        }
        if (start >= 0) blocks.add(new Block(start, Bytes.of(run.toByteArray())));
        return blocks;
    }
}
