package esp32ota.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;
import java.util.List;

/**
 * The kit's notebook calls in JJava, with the meaning they have in the kit's kernel ({@link JJavaExtension} imports
 * them). JJava's own {@code display(x)} returns a display id, which a cell ending in it prints, and its
 * {@code display(x, "id")} means "render as the MIME type id"; the kit's show {@code x} and return nothing.
 * <pre>
 * display(Views.flashMap(table));     // a chart as PNG, a table as HTML, a record as a field table, …
 * display(bar, "progress");           // the same, under a display id that updateDisplay("progress", …) replaces
 * </pre>
 */
public final class JJavaNotebook {
    private JJavaNotebook() {}

    /** Shows {@code value} below the cell, as {@link MimeBundle} renders it. */
    public static void display(Object value) { kernel().display(kernel().getRenderer().render(value)); }

    /** Shows {@code value} under a display id that JJava's {@code updateDisplay(id, value)} can later replace. */
    public static void display(Object value, String displayId) { kernel().display(render(kernel().getRenderer(), value, displayId)); }

    /**
     * {@code value} as {@code renderer} renders it, under a display id. Not through {@code DisplayData.setDisplayId}:
     * it returns void in jjava-jupyter 1.0-a6 and the DisplayData in 1.0-a7, so a call compiled against one fails in
     * the other ({@code NoSuchMethodError}); the transient field it sets is the same in both.
     */
    static DisplayData render(Renderer renderer, Object value, String displayId) {
        if (displayId == null || displayId.isBlank()) throw new IllegalArgumentException("a display id must not be blank");
        DisplayData data = renderer.render(value);
        data.putTransientData(DISPLAY_ID, displayId);
        return data;
    }

    /** Jupyter's transient key of a display id ({@code display_data}, {@code update_display_data}). */
    static final String DISPLAY_ID = "display_id";

    /**
     * Registers {@link MimeBundle}'s views with the running kernel's renderer, for every kind it renders (lists: those
     * of one record type; other lists keep their text). Runs as notebook code, see {@link JJavaExtension}.
     */
    public static void registerRenderers() { registerRenderers(kernel().getRenderer()); }

    static void registerRenderers(Renderer renderer) {
        for (Class<?> kind : List.of(RenderedImage.class, Chart.class, Table.class, esp32ota.bytes.HexDump.class,
                esp32ota.lesson.Outcome.class, Record.class, List.class)) {
            renderer.createRegistration(kind).register((value, context) -> MimeBundle.of(value)
                    .forEach((type, content) -> context.getOutputContainer().putData(type, content)));
        }
    }

    private static BaseKernel kernel() { return BaseKernel.notebookKernel(); }
}
