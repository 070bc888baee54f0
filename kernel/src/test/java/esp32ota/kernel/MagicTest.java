package esp32ota.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class MagicTest {
    @Test void parsesNameAndArguments() {
        assertEquals(Optional.of(new Magic("maven", List.of("a:b:1", "c:d:2"))), Magic.parse("%maven a:b:1  c:d:2"));
        assertEquals(Optional.of(new Magic("classpath", List.of("lib/*"))), Magic.parse("  %classpath lib/*"));
        assertEquals(Optional.of(new Magic("load", List.of())), Magic.parse("%load"));
    }

    @Test void doubleQuotesKeepBlanksInsideOneArgument() {
        assertEquals(List.of("my jars/x.jar", "y.jar"), Magic.parse("%jars \"my jars/x.jar\" y.jar").orElseThrow().args());
    }

    @Test void javaLinesAreNotMagics() {
        assertEquals(Optional.empty(), Magic.parse("int x = 7 % 3;"));
        assertEquals(Optional.empty(), Magic.parse("String.format(\"%d\", 1)"));
        assertEquals(Optional.empty(), Magic.parse("% not a name"));
    }

    @Test void analysisSeesMagicLinesAsBlanksOfTheSameLength() {
        String cell = "%maven a:b:1\nint x = 1;\n  %load f.jsh\nx";
        String blanked = Magic.withoutMagicLines(cell);
        assertEquals(cell.length(), blanked.length());
        assertEquals(" ".repeat(12) + "\nint x = 1;\n" + " ".repeat(13) + "\nx", blanked);
    }
}
