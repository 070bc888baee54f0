package esp32ota.view;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class PaletteTest {
    @Test void theEightColoursAreOkabeAndItosPublishedValues() {
        // Okabe & Ito, "Color Universal Design" (2008), RGB table: black, orange, sky blue, bluish green, yellow,
        // blue, vermillion, reddish purple.
        assertEquals(List.of("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"),
                Palette.OKABE_ITO.stream().map(Palette::hex).toList());
    }

    @Test void categoriesAreEightDistinctOkabeItoColoursStartingWithBlueThenRepeat() {
        List<Color> first8 = IntStream.range(0, 8).mapToObj(Palette::category).toList();
        assertEquals(8, new HashSet<>(first8).size());
        assertTrue(Palette.OKABE_ITO.containsAll(first8));
        assertEquals(Palette.BLUE, Palette.category(0));
        assertEquals(Palette.category(1), Palette.category(9));
        assertEquals(Palette.category(7), Palette.category(-1));
    }

    @Test void textIsWhiteOnDarkColoursAndBlackOnLightOnes() {
        assertEquals(Color.WHITE, Palette.textOn(Palette.BLUE));
        assertEquals(Color.WHITE, Palette.textOn(Palette.BLACK));
        assertEquals(Palette.BLACK, Palette.textOn(Palette.YELLOW));
        assertEquals(Palette.BLACK, Palette.textOn(Palette.LIGHT_GREY));
        assertEquals(1.0, Palette.luminance(Color.WHITE), 1e-9);
    }

    @Test void sharedMeaningsAreOkabeItoColours() {
        assertEquals(Palette.BLUISH_GREEN, Palette.GOOD);
        assertEquals(Palette.VERMILLION, Palette.BAD);
        assertNotEquals(Palette.GOOD, Palette.BAD);
    }

    @Test void eachFieldKindHasItsOwnLightColourUnderBlackDigits() {
        var colours = new java.util.HashSet<java.awt.Color>();
        for (var kind : esp32ota.bytes.FieldKind.values()) {
            var c = Palette.field(kind);
            colours.add(c);
            assertEquals(Palette.BLACK, Palette.textOn(c), kind.name());
        }
        assertEquals(esp32ota.bytes.FieldKind.values().length, colours.size());
        assertEquals(Palette.tint(Palette.ORANGE), Palette.field(esp32ota.bytes.FieldKind.MAGIC));
    }
}
