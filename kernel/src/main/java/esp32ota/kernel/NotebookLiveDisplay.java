package esp32ota.kernel;

import esp32ota.view.LiveDisplay;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.function.BiConsumer;

/**
 * The library's {@link LiveDisplay} in the kernel: {@code show} is {@code display(value, id)} and {@code update} is
 * {@code updateDisplay(id, value)}, each value rendered by {@link RichDisplay}. {@link KitKernel} registers one at
 * start, so that library views (an OTA's progress bar) update the notebook's output in place.
 */
final class NotebookLiveDisplay implements LiveDisplay {
    private final BiConsumer<DisplayData, String> show, update;

    /** {@code show} and {@code update} receive the rendered value and its display id. */
    NotebookLiveDisplay(BiConsumer<DisplayData, String> show, BiConsumer<DisplayData, String> update) {
        this.show = show;
        this.update = update;
    }

    @Override public void show(String id, Object value) { show.accept(RichDisplay.of(value), requireId(id)); }

    @Override public void update(String id, Object value) { update.accept(RichDisplay.of(value), requireId(id)); }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a display id must not be blank");
        return id;
    }
}
