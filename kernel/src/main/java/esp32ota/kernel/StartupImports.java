package esp32ota.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The kit kernel's start-up code: the library's imports ({@link esp32ota.notebook.StartupImports}), {@link Notebook}'s,
 * then assertions on for every later cell (kernel.json also starts Java with {@code -ea}, but the checks do not rely
 * on it alone).
 */
final class StartupImports {
    private StartupImports() {}

    static List<String> lines() {
        List<String> lines = new ArrayList<>(esp32ota.notebook.StartupImports.lines());
        lines.add("import static " + Notebook.class.getName() + ".*;");
        lines.add(esp32ota.notebook.StartupImports.ASSERTIONS_ON);
        lines.add(esp32ota.notebook.StartupImports.ASSERTIONS_CHECKED);
        return lines;
    }
}
