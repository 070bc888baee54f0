package esp32ota.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The imports every kernel starts with (the kit's own and JJava with the kit's extension): the most used of JShell's
 * defaults, every package of the kit's library (found in its jar, so packages added later are imported too; the CLI is
 * left out), XChart and tablesaw's API. Each kernel adds the static import of its {@code display(...)} family. Each
 * import is one JShell snippet and costs start-up time, so JShell's rarer defaults (java.math, java.net,
 * java.util.concurrent, java.util.regex) are left to the cells.
 */
public final class StartupImports {
    public static final List<String> DEFAULTS = List.of("java.io", "java.nio.file", "java.util", "java.util.function",
            "java.util.stream", "org.knowm.xchart", "tech.tablesaw.api");
    public static final String ROOT = "esp32ota";
    public static final List<String> LEFT_OUT = List.of("esp32ota.cli");

    /**
     * Notebook code that makes the default assertion status of the class loader that loads the cells' classes "on":
     * every cell compiled after it checks its {@code assert}s, whatever flags Java was started with (JJava starts it
     * without {@code -ea}). Both kernels run it after the imports.
     */
    public static final String ASSERTIONS_ON = "new Object() {}.getClass().getClassLoader().setDefaultAssertionStatus(true);";

    /**
     * Notebook code, run after {@link #ASSERTIONS_ON}, that fails loudly when assertions are still off: the notebooks'
     * checks are {@code assert}s, and a kernel that skipped them silently would let a wrong answer pass.
     */
    public static final String ASSERTIONS_CHECKED = "{ boolean on = false; assert on = true; if (!on) throw new IllegalStateException("
            + "\"the kit could not turn assertions on in this kernel: start its Java with -ea\"); }";

    private StartupImports() {}

    /** One {@code import …;} line per package: the defaults, then the library's. */
    public static List<String> lines() {
        List<String> lines = new ArrayList<>();
        DEFAULTS.forEach(p -> lines.add("import " + p + ".*;"));
        libraryPackages(libraryLocation()).forEach(p -> lines.add("import " + p + ".*;"));
        return lines;
    }

    /** The jar (or class folder, in a development build) the library's classes come from. */
    public static Path libraryLocation() {
        try {
            return Path.of(esp32ota.bytes.Bytes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kit's library", e);
        }
    }

    /** Packages under {@code esp32ota} holding at least one class, sorted, without {@link #LEFT_OUT}. */
    public static List<String> libraryPackages(Path location) {
        var packages = new TreeSet<String>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> s = Files.walk(location.resolve(ROOT))) {
                    s.filter(p -> p.toString().endsWith(".class"))
                     .forEach(p -> packages.add(location.relativize(p.getParent()).toString().replace(location.getFileSystem().getSeparator(), ".")));
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    jar.stream().map(e -> e.getName())
                       .filter(n -> n.startsWith(ROOT + "/") && n.endsWith(".class"))
                       .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LEFT_OUT.forEach(packages::remove);
        return List.copyOf(packages);
    }
}
