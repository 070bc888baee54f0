package esp32ota.notebook;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The kit in JJava's kernel (the maintained fork of IJava): JJava finds this class through {@code ServiceLoader}
 * ({@code META-INF/services/org.dflib.jjava.jupyter.Extension} in the library's jar) when the kit's jars join its
 * class path, at start through {@code JJAVA_CLASSPATH} or later through {@code %classpath} / {@code %maven}.
 * <p>
 * It runs {@link #SETUP} in the notebook's JShell: the kit's start-up imports, {@link JJavaNotebook#display} in place
 * of JJava's own, assertions on for every later cell, and {@link JJavaNotebook#registerRenderers()}. All of it runs
 * as notebook code on purpose: JJava loads extensions through a class loader of their own, so only code in the
 * notebook's class loader sees the same chart, table and record classes as the cells do. A failing cell then shows
 * the exception it threw, not JJava's wrapper ({@link JJavaExceptions}).
 * <p>
 * Compiled against jjava-jupyter 1.0-a6 and calling only what 1.0-a7 has with the same signature
 * ({@link BaseKernel#evalRaw}; not {@code DisplayData.setDisplayId}, see {@link JJavaNotebook}; the kernel's
 * {@code getJShell()} by reflection, as jjava-kernel is not on Maven Central).
 */
public final class JJavaExtension implements Extension {
    /** The notebook code that sets the kit up. */
    static final List<String> SETUP = setup();

    @Override public void install(BaseKernel kernel) {
        JJavaExceptions.passThrough(kernel);
        kernel.evalRaw(String.join("\n", SETUP));
    }

    private static List<String> setup() {
        List<String> lines = new ArrayList<>(StartupImports.lines());
        lines.add("import static " + JJavaNotebook.class.getName() + ".display;");   // shadows JJava's display(…)
        lines.add(StartupImports.ASSERTIONS_ON);
        lines.add(StartupImports.ASSERTIONS_CHECKED);
        lines.add(JJavaNotebook.class.getName() + ".registerRenderers();");
        return List.copyOf(lines);
    }
}
