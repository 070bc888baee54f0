package esp32ota.loader;

import java.util.HexFormat;

/** A 48-bit MAC address, printed as esptool prints it: {@code 24:0a:c4:12:34:56}. */
public record MacAddress(long value) {
    public MacAddress {
        if (value < 0 || value >>> 48 != 0) throw new IllegalArgumentException("a MAC has 48 bits: 0x%X".formatted(value));
    }

    /** {@code 24:0a:c4:12:34:56} (or with dashes, any case) → the address. */
    public static MacAddress parse(String text) {
        String hex = text.replace(":", "").replace("-", "");
        if (!hex.matches("[0-9A-Fa-f]{12}")) throw new IllegalArgumentException("not a MAC address: " + text);
        return new MacAddress(Long.parseLong(hex, 16));
    }

    /** Byte {@code i}, 0 first as printed. */
    public int octet(int i) { return (int) (value >>> (8 * (5 - i))) & 0xFF; }

    @Override public String toString() {
        HexFormat hex = HexFormat.of();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) s.append(i == 0 ? "" : ":").append(hex.toHexDigits((byte) octet(i)));
        return s.toString();
    }
}
