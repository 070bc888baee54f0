package esp32ota.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MavenArtifactsTest {
    @Test void pomDependsOnEachCoordinate() {
        String pom = MavenArtifacts.pom(List.of("com.fazecast:jSerialComm:2.11.0", "a.b:c-d:1.0-rc1"));
        assertTrue(pom.contains("<dependency><groupId>com.fazecast</groupId><artifactId>jSerialComm</artifactId>"
                + "<version>2.11.0</version></dependency>"), pom);
        assertTrue(pom.contains("<groupId>a.b</groupId><artifactId>c-d</artifactId><version>1.0-rc1</version>"), pom);
        assertTrue(pom.contains("<packaging>pom</packaging>"), pom);
    }

    @Test void refusesWhatIsNotGroupArtifactVersion() {
        var e = assertThrows(IllegalArgumentException.class, () -> MavenArtifacts.pom(List.of("only:two")));
        assertEquals("not a Maven coordinate group:artifact:version: only:two", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MavenArtifacts.pom(List.of("a:b:<x>")));
    }

    @Test void keepsOnlyMavensErrorLines() {
        String log = """
                [INFO] Scanning
                [ERROR] Failed to execute goal on project maven-magic: Could not resolve dependencies for x:y:9
                [ERROR]\s
                [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                [ERROR] -> [Help 1]
                """;
        assertEquals("[ERROR] Failed to execute goal on project maven-magic: Could not resolve dependencies for x:y:9",
                MavenArtifacts.errorLines(log));
    }
}
