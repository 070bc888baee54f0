package esp32ota.view;

import java.util.Objects;

/**
 * Where a view that changes while something runs (an OTA's progress) shows itself. The library cannot call the
 * notebook kernel, so the kernel registers itself here when it starts ({@link #use}); elsewhere (tests, the CLI) the
 * default, {@link #NONE}, shows nothing.
 * <pre>{@code
 * LiveDisplay.current().show("ota-bar", chart);      // a new output, under an id
 * LiveDisplay.current().update("ota-bar", chart2);   // replaces that output in place
 * }</pre>
 */
public interface LiveDisplay {
    /** Shows {@code value} as a new output that {@link #update} can later replace. */
    void show(String id, Object value);

    /** Replaces what was shown under {@code id}. */
    void update(String id, Object value);

    /** Shows nothing: the default outside a notebook. */
    LiveDisplay NONE = new LiveDisplay() {
        @Override public void show(String id, Object value) {}

        @Override public void update(String id, Object value) {}

        @Override public String toString() { return "LiveDisplay.NONE"; }
    };

    /** The display the kernel registered, or {@link #NONE}. */
    static LiveDisplay current() { return LiveDisplaySlot.current; }

    /** Makes {@code display} the one {@link #current()} returns ({@code null} goes back to {@link #NONE}). */
    static void use(LiveDisplay display) { LiveDisplaySlot.current = Objects.requireNonNullElse(display, NONE); }
}

/** The one registered {@link LiveDisplay} (an interface cannot hold a mutable field itself). */
final class LiveDisplaySlot {
    static volatile LiveDisplay current = LiveDisplay.NONE;

    private LiveDisplaySlot() {}
}
