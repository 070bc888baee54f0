package esp32ota.view;

import esp32ota.image.Chip;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * One colour per memory type, shared by both segment maps so that a segment has the same colour in the file and in
 * the address space: flash windows warm (DROM amber) and blue (IROM), internal RAM green (DRAM) and red (IRAM).
 */
final class MemoryColours {
    /** The types that give a segment its colour; the others (BYTE_ACCESSIBLE, MEM_INTERNAL, …) are aspects. */
    private static final Map<String, Color> MAIN = Map.of(
            "DROM", new Color(0xFF, 0x9F, 0x1C), "IROM", new Color(0x1F, 0x77, 0xB4),
            "DRAM", new Color(0x2C, 0xA0, 0x2C), "IRAM", new Color(0xD6, 0x27, 0x28),
            "RTC_DRAM", new Color(0xE3, 0x77, 0xC2), "RTC_IRAM", new Color(0xE3, 0x77, 0xC2),
            "RTC_DATA", new Color(0xE3, 0x77, 0xC2), "EXTRAM_DATA", new Color(0x8C, 0x56, 0x4B),
            "PADDING", new Color(0x99, 0x99, 0x99));
    static final Color OTHER = new Color(0x17, 0xBE, 0xCF);
    static final Color UNMAPPED = new Color(0xBB, 0xBB, 0xBB);
    static final String NONE = "unmapped";

    private MemoryColours() {}

    /** The type a segment is coloured by: the first of its types (esptool's order) that has a colour of its own. */
    static String mainType(List<String> types) {
        if (types.isEmpty()) return NONE;
        return types.stream().filter(MAIN::containsKey).findFirst().orElse(types.get(0));
    }

    static Color of(String type) {
        if (type.equals(NONE)) return UNMAPPED;
        return MAIN.getOrDefault(type, OTHER);
    }

    /** esptool's names for the memory at {@code address} ({@code "BYTE_ACCESSIBLE, DRAM"}), or "unmapped". */
    static String typesAt(Chip chip, long address) {
        List<String> t = chip.memoryMap().typesAt(address);
        return t.isEmpty() ? NONE : String.join(", ", t);
    }

    /** The colour of a segment loaded at {@code address}. */
    static Color at(Chip chip, long address) { return of(mainType(chip.memoryMap().typesAt(address))); }

    /** The same hue, lighter: for the memory region behind a segment. */
    static Color light(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
    }
}
