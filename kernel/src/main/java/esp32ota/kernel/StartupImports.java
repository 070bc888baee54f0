package esp32ota.kernel;

import java.util.ArrayList;
import java.util.List;

/** The kit kernel's start-up imports: the library's ({@link esp32ota.notebook.StartupImports}), then {@link Notebook}'s. */
final class StartupImports {
    private StartupImports() {}

    static List<String> lines() {
        List<String> lines = new ArrayList<>(esp32ota.notebook.StartupImports.lines());
        lines.add("import static " + Notebook.class.getName() + ".*;");
        return lines;
    }
}
