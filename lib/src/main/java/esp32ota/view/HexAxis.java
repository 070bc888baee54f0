package esp32ota.view;

import org.knowm.xchart.XYChart;

/**
 * The x axis of addresses or offsets, labelled in hex, of every chart that has one (flash map, both segment maps).
 * Charts plot positions divided by a power of two (the unit), so that XChart's automatic ticks, which fall on whole
 * or half units for an axis 3 to 6 units wide, fall on round hex addresses too: a 4 MiB flash counts MiB, a
 * 0x30000-byte window 64 KiB.
 */
final class HexAxis {
    /** XChart puts about ten ticks on the axis; at least 3 units keep its steps at half a unit or more. */
    static final int MIN_UNITS = 3;
    /** Pixels between ticks XChart aims for: room for a label of ten hex digits. */
    static final int TICK_SPACING = 110;

    private HexAxis() {}

    /** The largest power of two that {@code extent} holds at least {@link #MIN_UNITS} times: 1 MiB for 4 MiB. */
    static double unitFor(long extent) { return Long.highestOneBit(Math.max(1, extent / MIN_UNITS)); }

    /** {@code "0x3F400000"} for a tick at {@code x} units. */
    static String label(double x, double unit) { return "0x%X".formatted(Math.round(x * unit)); }

    /** Shows {@code [xMin, xMax]} units of {@code unit} bytes on {@code chart}'s x axis, each tick an address. */
    static void apply(XYChart chart, double xMin, double xMax, double unit) {
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setXAxisTickMarkSpacingHint(TICK_SPACING);
        chart.setCustomXAxisTickLabelsFormatter(x -> label(x, unit));
    }
}
