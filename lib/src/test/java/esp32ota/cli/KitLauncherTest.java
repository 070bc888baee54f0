package esp32ota.cli;

import esp32ota.samples.ImageSamples;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./kit} launcher's fast path, on a copy of the script in a small checkout with a fake {@code mvn} (it
 * writes the jar and logs the call) and a fake {@code java} (it logs its arguments and writes the archive a training
 * run asks for): a source edited, created, deleted or renamed builds again; nothing changed builds nothing; a failed
 * build or training leaves a state that still works. Then the real JVM with the flags the kit gives: a damaged or
 * missing class-data archive still runs, silently, and a command loads none of the other commands' classes.
 */
class KitLauncherTest {
    @TempDir Path root;
    private Path log;
    private Path bin;

    private static final String FAKE_MVN = """
            #!/bin/bash
            echo "mvn $*" >>"$KIT_TEST_LOG"
            [ "${FAKE_MVN_STATUS:-0}" = 0 ] || exit "$FAKE_MVN_STATUS"
            mkdir -p lib/target && echo jar >lib/target/esp32ota-lib.jar
            """;
    private static final String FAKE_JAVA = """
            #!/bin/bash
            echo "java $*" >>"$KIT_TEST_LOG"
            for a in "$@"; do
              case "$a" in
                -XX:ArchiveClassesAtExit=*) [ "${FAKE_TRAINING:-ok}" = ok ] || exit 1; echo archive >"${a#*=}" ;;
              esac
            done
            """;

    @BeforeEach
    void checkout() throws IOException {
        Path kit = checkoutRoot().resolve("kit");
        Files.copy(kit, root.resolve("kit"));
        assertTrue(root.resolve("kit").toFile().setExecutable(true));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("lib/src/main/java/p"));
        Files.writeString(root.resolve("lib/pom.xml"), "<project/>");
        Files.writeString(root.resolve("lib/src/main/java/p/A.java"), "class A {}");
        bin = Files.createDirectories(root.resolve("fake-bin"));
        for (var e : Map.of("mvn", FAKE_MVN, "java", FAKE_JAVA, "javac", "#!/bin/bash\n").entrySet()) {
            Path p = Files.writeString(bin.resolve(e.getKey()), e.getValue());
            assertTrue(p.toFile().setExecutable(true));
        }
        log = root.resolve("calls.log");
    }

    @Test
    void aSourceChangeBuildsAgainAndNoChangeBuildsNothing() throws Exception {
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));   // no jar yet
        assertEquals(List.of("run"), kit(Map.of(), "image-info", "x.bin"));
        assertEquals(List.of("run"), kit(Map.of(), "partition", "t.csv"));

        Path a = root.resolve("lib/src/main/java/p/A.java");
        Files.writeString(a, "class A { int x; }");                      // edited in place: only its own mtime
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));
        assertEquals(List.of("run"), kit(Map.of(), "image-info", "x.bin"));

        Path sub = Files.createDirectories(root.resolve("lib/src/main/java/p/q"));
        Files.writeString(sub.resolve("B.java"), "class B {}");          // created in a new folder
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));
        Files.delete(sub.resolve("B.java"));                              // deleted
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));
        Files.move(a, a.resolveSibling("A2.java"));                       // renamed
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));
        Files.writeString(root.resolve("lib/pom.xml"), "<project><!-- changed --></project>");
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));
        assertEquals(List.of("run"), kit(Map.of(), "image-info", "x.bin"));
    }

    @Test
    void aFailedBuildIsTriedAgainOnTheNextCall() throws Exception {
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "boot", "--help"));
        Files.writeString(root.resolve("lib/src/main/java/p/A.java"), "class A { broken");
        assertEquals(List.of("mvn"), kit(Map.of("FAKE_MVN_STATUS", "1"), 2, "boot", "--help"));
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "boot", "--help"));
        assertEquals(List.of("run"), kit(Map.of(), "boot", "--help"));
    }

    @Test
    void theArchiveIsUsedWhenMadeFromThisJarAndSkippedWhenItsTrainingFailed() throws Exception {
        kit(Map.of("FAKE_TRAINING", "fail"), "image-info", "x.bin");
        Path archive = root.resolve("lib/target/esp32ota-cli.jsa");
        assertEquals(0, Files.size(archive), "an empty archive marks a failed training");
        assertEquals(List.of("run"), kit(Map.of(), "image-info", "x.bin"), "a failed training is not retried per call");
        assertFalse(lastJavaCall().contains("-XX:SharedArchiveFile"), lastJavaCall());

        Files.writeString(root.resolve("lib/src/main/java/p/A.java"), "class A { int y; }");
        assertEquals(List.of("mvn", "train", "run"), kit(Map.of(), "image-info", "x.bin"));
        assertTrue(lastJavaCall().contains("-XX:SharedArchiveFile=" + archive), lastJavaCall());
        assertTrue(lastJavaCall().contains("-XX:TieredStopAtLevel=1"), "a short command: C1 only");

        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(root.resolve("lib/target/esp32ota-lib.jar"),
                FileTime.fromMillis(System.currentTimeMillis() - 1000));   // the jar repackaged by mvn verify, say
        assertEquals(List.of("train", "run"), kit(Map.of(), "image-info", "x.bin"));

        kit(Map.of(), "samples", "--corpus", "dir", "--count", "500");
        assertFalse(lastJavaCall().contains("TieredStopAtLevel"), "a corpus is gigabytes to hash: C2");
        kit(Map.of(), "scan", "dir");
        assertFalse(lastJavaCall().contains("TieredStopAtLevel"), "scan runs long: the JVM's defaults");
        assertTrue(lastJavaCall().endsWith("-jar " + root.resolve("lib/target/esp32ota-lib.jar") + " scan dir"),
                lastJavaCall());
    }

    @Test
    void aDamagedOrMissingArchiveStillRunsSilently() throws Exception {
        kit(Map.of(), "image-info", "x.bin");
        List<String> flags = new ArrayList<>(List.of(lastJavaCall().split(" ")));
        flags = flags.subList(1, flags.indexOf("-jar"));                 // what the kit gives image-info
        Path damaged = root.resolve("lib/target/esp32ota-cli.jsa");
        Files.write(damaged, new byte[4096]);
        assertTrue(flags.contains("-XX:SharedArchiveFile=" + damaged), flags.toString());
        String help = KitRun.run(root, "--help").stdout();
        for (boolean present : new boolean[] {true, false}) {
            if (!present) Files.delete(damaged);
            Proc p = java(flags, "esp32ota.cli.Main", "--help");
            assertEquals(0, p.status, p.err);
            assertEquals(help, p.out);
            assertEquals("", p.err, "no CDS warnings");
        }
    }

    @Test
    void imageInfoLoadsNoOtherCommandAndNoChartOrTableLibrary() throws Exception {
        Path image = root.resolve("app.bin");
        Files.write(image, ImageSamples.blinkOfSize("1.0.0", 0, 0x40000).toByteArray());
        Proc p = java(List.of("-verbose:class"), "esp32ota.cli.Main", "image-info", image.toString());
        assertEquals(0, p.status, p.err);
        assertTrue(p.out.contains("esp32ota.cli.ImageInfoCommand"), "the log names the classes loaded");
        for (String other : List.of("PartitionCommand", "ScanCommand", "BenchCommand", "DeviceCommand", "OtaCommand",
                "SamplesCommand", "org.knowm.xchart", "tech.tablesaw", "com.fazecast")) {
            assertFalse(p.out.contains(other), other + " was loaded for image-info");
        }
    }

    /** Runs {@code ./kit ARGS} expecting exit 0; what it did: mvn, a training run, the command's java. */
    private List<String> kit(Map<String, String> env, String... args) throws Exception {
        return kit(env, 0, args);
    }

    private List<String> kit(Map<String, String> env, int status, String... args) throws Exception {
        Files.deleteIfExists(log);
        List<String> line = new ArrayList<>(List.of(root.resolve("kit").toString()));
        line.addAll(List.of(args));
        var b = new ProcessBuilder(line).directory(root.toFile()).redirectErrorStream(true);
        b.environment().put("PATH", bin + ":/usr/bin:/bin");
        b.environment().put("KIT_TEST_LOG", log.toString());
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(status, p.exitValue(), out);
        List<String> did = new ArrayList<>();
        if (Files.exists(log)) {
            for (String call : Files.readAllLines(log)) {
                did.add(call.startsWith("mvn") ? "mvn" : call.contains("CliTraining") ? "train" : "run");
            }
        }
        if (status == 0 && did.contains("mvn")) age();
        return did;
    }

    /**
     * After a build, as if time had passed: the sources 20 s old, the stamp 10 s old, so that every mtime the file
     * system sets from now on (an edit, a file created in a folder) is newer than the stamp.
     */
    private void age() throws IOException {
        long now = System.currentTimeMillis();
        List<Path> sources;
        try (var s = Files.walk(root.resolve("lib/src/main"))) {
            sources = new ArrayList<>(s.toList());
        }
        sources.addAll(List.of(root.resolve("lib/pom.xml"), root.resolve("pom.xml")));
        for (Path p : sources) Files.setLastModifiedTime(p, FileTime.fromMillis(now - 20_000));
        Files.setLastModifiedTime(root.resolve("lib/target/kit-build.stamp"), FileTime.fromMillis(now - 10_000));
    }

    private String lastJavaCall() throws IOException {
        List<String> calls = Files.readAllLines(log);
        return calls.get(calls.size() - 1);
    }

    private record Proc(int status, String out, String err) {}

    /** The real JVM (this test's) on this test's class path. */
    private Proc java(List<String> flags, String... mainAndArgs) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> line = new ArrayList<>(List.of(javaBin));
        line.addAll(flags);
        line.addAll(List.of("-cp", System.getProperty("java.class.path")));
        line.addAll(List.of(mainAndArgs));
        Path err = root.resolve("java.err");
        Process p = new ProcessBuilder(line).directory(root.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Proc(p.exitValue(), out, Files.readString(err));
    }

    /** The checkout this test runs in: the first folder up from here with the kit script and lib/pom.xml. */
    static Path checkoutRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("kit")) && Files.isRegularFile(p.resolve("lib/pom.xml"))) return p;
        }
        throw new IllegalStateException("no checkout with ./kit above " + Path.of("").toAbsolutePath());
    }
}
