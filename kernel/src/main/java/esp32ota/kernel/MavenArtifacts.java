package esp32ota.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Resolves {@code group:artifact:version} coordinates, with their runtime dependencies, using the Maven installed on
 * the machine: it writes a throw-away pom that depends on them and asks {@code maven-dependency-plugin} for the class
 * path. Downloads come from Maven Central into the usual local repository (~/.m2), so a second run is offline.
 */
final class MavenArtifacts {
    /** The same pinned plugin version as the project's own build. */
    static final String PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    static final Pattern COORDINATE = Pattern.compile("([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+)");
    static final long TIMEOUT_MINUTES = 5;

    private MavenArtifacts() {}

    /** The pom that makes Maven resolve {@code coordinates}; each must match {@link #COORDINATE}. */
    static String pom(List<String> coordinates) {
        var deps = new StringBuilder();
        for (String c : coordinates) {
            var m = COORDINATE.matcher(c);
            if (!m.matches()) throw new IllegalArgumentException("not a Maven coordinate group:artifact:version: " + c);
            deps.append("    <dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>\n"
                    .formatted(m.group(1), m.group(2), m.group(3)));
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>esp32ota.kernel</groupId>
                  <artifactId>maven-magic</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(deps);
    }

    /** The jar files of {@code coordinates} and everything they need at run time. */
    static List<Path> resolve(List<String> coordinates) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kit-maven-");
        try {
            Files.writeString(dir.resolve("pom.xml"), pom(coordinates));
            Path out = dir.resolve("classpath.txt");
            Path log = dir.resolve("mvn.log");
            Process p = new ProcessBuilder("mvn", "-B", "-q", "-ntp", PLUGIN, "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("mvn did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0 || !Files.exists(out)) {
                throw new IOException("mvn could not resolve " + String.join(", ", coordinates) + ":\n"
                        + errorLines(Files.readString(log, StandardCharsets.UTF_8)));
            }
            String cp = Files.readString(out, StandardCharsets.UTF_8).strip();
            return cp.isEmpty() ? List.of() : Pattern.compile(java.io.File.pathSeparator).splitAsStream(cp).map(Path::of).toList();
        } finally {
            deleteTree(dir);
        }
    }

    /** Maven's [ERROR] lines, without the generic help that follows them. */
    static String errorLines(String log) {
        var lines = log.lines().filter(l -> l.startsWith("[ERROR]") && !l.contains("-> [Help")
                && !l.matches("\\[ERROR\\]\\s*(To see|Re-run|For more|\\[Help).*") && !l.strip().equals("[ERROR]")).toList();
        return String.join("\n", lines.isEmpty() ? log.lines().limit(20).toList() : lines);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
