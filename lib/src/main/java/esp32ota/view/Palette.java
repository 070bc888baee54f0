package esp32ota.view;

import esp32ota.bytes.FieldKind;

import java.awt.Color;
import java.util.List;

/**
 * The colours of the OTA views, in one place: Okabe and Ito's eight colours ("Color Universal Design", 2008), which
 * stay apart for the common kinds of colour blindness, plus two greys for "nothing here". Each view gives its colours
 * a meaning in its legend; across views the same meaning keeps the same colour ({@link #GOOD}, {@link #BAD}, …).
 */
public final class Palette {
    public static final Color BLACK = new Color(0x00, 0x00, 0x00);
    public static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    public static final Color SKY_BLUE = new Color(0x56, 0xB4, 0xE9);
    public static final Color BLUISH_GREEN = new Color(0x00, 0x9E, 0x73);
    public static final Color YELLOW = new Color(0xF0, 0xE4, 0x42);
    public static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    public static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
    public static final Color REDDISH_PURPLE = new Color(0xCC, 0x79, 0xA7);
    /** Not Okabe–Ito: a mid grey for "none" (no app booted, nothing happened to a sector). */
    public static final Color GREY = new Color(0x99, 0x99, 0x99);
    /** Not Okabe–Ito: a light grey for blank and free space. */
    public static final Color LIGHT_GREY = new Color(0xE4, 0xE4, 0xE4);
    /** Not Okabe–Ito: all but white, for what lies outside the subject (free flash, bytes after an image). */
    public static final Color FAINT_GREY = new Color(0xF4, 0xF4, 0xF4);
    /** Not Okabe–Ito: every chart's background, the outline between neighbouring boxes, "no otadata". */
    public static final Color WHITE = new Color(0xFF, 0xFF, 0xFF);

    /** The eight Okabe–Ito colours in their published order. */
    public static final List<Color> OKABE_ITO = List.of(BLACK, ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE,
            VERMILLION, REDDISH_PURPLE);

    /** Meanings shared by the views: a good outcome (valid, new app runs), a bad one (bricked, aborted). */
    public static final Color GOOD = BLUISH_GREEN, BAD = VERMILLION, WAITING = ORANGE;

    /** For things that are simply different (phases, partitions): no black, no yellow on white first. */
    private static final List<Color> CATEGORICAL = List.of(BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE,
            VERMILLION, YELLOW, BLACK);

    private Palette() {}

    /**
     * The background of a field of this kind in every hex dump: a light tint of one colour per kind, so black digits
     * stay readable on it. The magic is always orange, checksums always purple, text green, numbers blue.
     */
    public static Color field(FieldKind kind) {
        return switch (kind) {
            case MAGIC -> tint(ORANGE);
            case NUMBER -> tint(SKY_BLUE);
            case TEXT -> tint(BLUISH_GREEN);
            case CHECKSUM -> tint(REDDISH_PURPLE);
            case FLAGS -> tint(VERMILLION);
            case PADDING -> LIGHT_GREY;
            case DATA -> tint(YELLOW);
        };
    }

    /** {@code c} mixed with white, 45 % colour: light enough for black text on it. */
    public static Color tint(Color c) { return tint(c, 0.45); }

    /** {@code c} mixed with white, 25 % colour: a background for something drawn in {@code c} on it. */
    public static Color light(Color c) { return tint(c, 0.25); }

    /** {@code c} mixed with white, {@code share} of it colour (0 white, 1 {@code c}). */
    static Color tint(Color c, double share) {
        return new Color(mix(c.getRed(), share), mix(c.getGreen(), share), mix(c.getBlue(), share));
    }

    private static int mix(int channel, double share) { return (int) Math.round(channel * share + 255 * (1 - share)); }

    /** The {@code i}-th colour for unordered categories, repeating after eight. */
    public static Color category(int i) { return CATEGORICAL.get(Math.floorMod(i, CATEGORICAL.size())); }

    /** The colours for unordered categories in order, as XChart's default series colours take them. */
    static Color[] categories() { return CATEGORICAL.toArray(new Color[0]); }

    /** Black or white, whichever reads better on {@code background} (WCAG relative luminance). */
    public static Color textOn(Color background) {
        return luminance(background) > 0.179 ? BLACK : Color.WHITE;
    }

    /** {@code #E69F00}. */
    public static String hex(Color c) { return "#%02X%02X%02X".formatted(c.getRed(), c.getGreen(), c.getBlue()); }

    /** WCAG 2 relative luminance, 0 (black) to 1 (white). */
    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
