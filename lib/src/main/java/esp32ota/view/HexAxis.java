package esp32ota.view;

/**
 * An x axis of addresses or offsets labelled in hex. Charts plot positions divided by a power of two (the unit), so
 * that XChart's automatic ticks, which fall on whole or half units for an axis 4 to 8 units wide, fall on round hex
 * addresses too.
 */
final class HexAxis {
    private HexAxis() {}

    /** The largest power of two that is at most a quarter of {@code extent}: 4 to 8 units across the axis. */
    static double unitFor(long extent) {
        long unit = 1;
        while (unit * 2 <= extent / 4) unit *= 2;
        return unit;
    }

    /** {@code "0x3F400000"} for a tick at {@code x} units. */
    static String label(double x, double unit) { return "0x%X".formatted(Math.round(x * unit)); }
}
