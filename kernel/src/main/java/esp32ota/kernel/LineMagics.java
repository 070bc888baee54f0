package esp32ota.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's line magics (IJava's set): {@code %classpath} and {@code %jars} add jars or class folders,
 * {@code %maven g:a:v} resolves artifacts from Maven Central, {@code %load FILE} runs a file of Java snippets.
 * Relative paths are resolved against the notebook's folder (the kernel's working directory); {@code dir/*} means
 * every jar in {@code dir}.
 */
final class LineMagics {
    /** What a magic needs from the kernel. */
    interface Target {
        void addToClasspath(Path path);

        void runCell(String code) throws CellError;
    }

    private final Target target;
    private final Path workingDirectory;

    LineMagics(Target target, Path workingDirectory) {
        this.target = target;
        this.workingDirectory = workingDirectory;
    }

    void run(Magic magic) throws CellError {
        switch (magic.name()) {
            case "classpath" -> addAll(magic, false);
            case "jars" -> addAll(magic, true);
            case "maven" -> maven(magic);
            case "load" -> load(magic);
            default -> throw error(magic, "%" + magic.name() + " is not a magic here; there are %classpath, %jars, %maven and %load");
        }
    }

    private void addAll(Magic magic, boolean jarsOnly) throws CellError {
        if (magic.args().isEmpty()) throw error(magic, "usage: %" + magic.name() + " PATH… (jar, folder, or folder/*)");
        for (String arg : magic.args()) {
            for (Path p : expand(arg, magic)) {
                if (jarsOnly && !p.toString().endsWith(".jar")) throw error(magic, "not a jar file: " + p);
                target.addToClasspath(p);
                System.out.println("added to the class path: " + p);
            }
        }
    }

    /** One argument as paths: {@code dir/*} is every jar in dir; anything else must exist. */
    List<Path> expand(String arg, Magic magic) throws CellError {
        if (arg.endsWith("/*")) {
            Path dir = workingDirectory.resolve(arg.substring(0, arg.length() - 2)).normalize();
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
                s.forEach(jars::add);
            } catch (IOException e) {
                throw error(magic, "cannot list " + dir + ": " + e.getMessage());
            }
            if (jars.isEmpty()) throw error(magic, "no jar files in " + dir);
            jars.sort(null);
            return jars;
        }
        Path p = workingDirectory.resolve(arg).normalize();
        if (!Files.exists(p)) throw error(magic, "no such file or folder: " + p);
        return List.of(p);
    }

    private void maven(Magic magic) throws CellError {
        if (magic.args().isEmpty()) throw error(magic, "usage: %maven group:artifact:version …");
        for (String c : magic.args()) {
            if (!MavenArtifacts.COORDINATE.matcher(c).matches()) throw error(magic, "not group:artifact:version: " + c);
        }
        List<Path> jars;
        try {
            jars = MavenArtifacts.resolve(magic.args());
        } catch (IOException e) {
            throw error(magic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(magic, "interrupted while Maven was resolving");
        }
        jars.forEach(target::addToClasspath);
        System.out.println("%s: %d jar(s) added to the class path".formatted(String.join(", ", magic.args()), jars.size()));
    }

    private void load(Magic magic) throws CellError {
        if (magic.args().size() != 1) throw error(magic, "usage: %load FILE");
        Path file = workingDirectory.resolve(magic.args().get(0)).normalize();
        String code;
        try {
            code = Files.readString(file);
        } catch (IOException e) {
            throw error(magic, "cannot read " + file + ": " + e.getMessage());
        }
        target.runCell(code);
    }

    private static CellError error(Magic magic, String message) {
        return new CellError("MagicError", message, List.of("%" + magic.name() + ": " + message));
    }
}
