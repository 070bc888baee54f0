package esp32ota.view;

import esp32ota.image.Chip;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * One colour per memory type, shared by both segment maps so that a segment has the same colour in the file and in
 * the address space, from {@link Palette} (colour-blind safe): flash windows orange (DROM) and blue (IROM), internal
 * RAM bluish green (DRAM) and vermillion (IRAM), RTC memory reddish purple.
 */
final class MemoryColours {
    /** The types that give a segment its colour; the others (BYTE_ACCESSIBLE, MEM_INTERNAL, …) are aspects. */
    private static final Map<String, Color> MAIN = Map.of(
            "DROM", Palette.ORANGE, "IROM", Palette.BLUE,
            "DRAM", Palette.BLUISH_GREEN, "IRAM", Palette.VERMILLION,
            "RTC_DRAM", Palette.REDDISH_PURPLE, "RTC_IRAM", Palette.REDDISH_PURPLE,
            "RTC_DATA", Palette.REDDISH_PURPLE, "EXTRAM_DATA", Palette.YELLOW,
            "PADDING", Palette.GREY);
    static final Color OTHER = Palette.SKY_BLUE;
    static final Color UNMAPPED = Palette.LIGHT_GREY;
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
    static Color light(Color c) { return Palette.light(c); }
}
