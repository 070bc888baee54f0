package esp32ota.kernel;

import java.util.List;

/**
 * Why a cell failed, shaped like a Jupyter {@code error} message: a name ({@code CompileError},
 * {@code DecodeException}, …), a one-line value, and the lines the notebook shows.
 */
final class CellError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> traceback;

    CellError(String name, String value, List<String> traceback) {
        super(value, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    String name() { return name; }

    String value() { return getMessage(); }

    List<String> traceback() { return traceback; }
}
