package esp32ota.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * What a cell can call without a prefix (the kernel runs {@code import static esp32ota.kernel.Notebook.*;}):
 * <pre>
 * display(Views.flashMap(table));             // a chart as PNG, a table as HTML, a record as a field table, …
 * display(bar, "progress");                   // the same, with a display id …
 * updateDisplay("progress", bar);             // … so that a later call replaces it in place
 * clearOutput();                              // empties this cell's output so far
 * </pre>
 * How each kind of object is shown is decided by {@link RichDisplay}.
 */
public final class Notebook {
    private static volatile KitKernel kernel;

    private Notebook() {}

    static void attach(KitKernel k) { kernel = k; }

    /** Shows {@code value} below the cell, as richly as the kit knows how. */
    public static void display(Object value) { output().display(RichDisplay.of(value), null); }

    /** Shows {@code value} under a display id that {@link #updateDisplay} can later replace. */
    public static void display(Object value, String displayId) {
        output().display(RichDisplay.of(value), requireId(displayId));
    }

    /** Replaces what was shown under {@code displayId}, wherever it is (live progress bars and charts). */
    public static void updateDisplay(String displayId, Object value) {
        output().update(RichDisplay.of(value), requireId(displayId));
    }

    /** Clears the output of the running cell. */
    public static void clearOutput() { output().clear(); }

    /** The rich views of {@code value} without showing them: MIME type → content. */
    public static DisplayData render(Object value) { return RichDisplay.of(value); }

    private static KitKernel output() {
        KitKernel k = kernel;
        if (k == null) throw new IllegalStateException("display(...) works in the kit's Jupyter kernel only");
        return k;
    }

    private static String requireId(String displayId) {
        if (displayId == null || displayId.isBlank()) throw new IllegalArgumentException("a display id must not be blank");
        return displayId;
    }
}
