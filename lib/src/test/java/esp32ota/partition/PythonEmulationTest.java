package esp32ota.partition;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Python behaviour gen_esp32part relies on. Every expected value was printed by CPython 3.11 ({@code int(x, 0)},
 * {@code str.splitlines()}, {@code str.strip()}, {@code os.path.expandvars} with the environment shown,
 * {@code "%.1f" %}), not by the kit.
 */
class PythonEmulationTest {
    @Test void intWithBaseZero() {
        List<String[]> cases = List.of(
            c("0", "0"), c("00", "0"), c("0_0", "0"), c("000_0", "0"), c("0_", null), c("010", null), c("-010", null),
            c("0x_1f", "31"), c("0x__1", null), c("_1", null), c("1_", null), c("1__0", null), c("1_000", "1000"),
            c("+5", "5"), c("-5", "-5"), c("- 5", null), c(" 5 ", "5"), c("\t7\n", "7"), c("0x", null),
            c("0b", null), c("0o", null), c("0b102", null), c("0o17", "15"), c("0o8", null), c("0X1F", "31"),
            c("0B11", "3"), c("0O17", "15"), c("0xFfFf", "65535"), c("\uff11\uff12", "12"), c("0x\uff11", "1"),
            c("\ud835\udfcf\ud835\udfce", "10"), c("1\u0000", null), c("\u00a05\u00a0", "5"), c("5\u001f", null),
            c("\u001c5", null), c("5\u0085", "5"), c("\u30005", "5"), c("5\u000b", "5"), c("", null), c("  ", null),
            c("+", null), c("-", null), c("0x-1", null), c("-0x10", "-16"), c("++1", null), c("1e3", null),
            c("1.0", null), c("0xg", null), c("\u0663", "3"), c("99999999999999999999", "99999999999999999999"),
            c("1k", null), c("0b_1", "1"), c("0_7", null), c("00_00", "0"));
        for (String[] c : cases) {
            Optional<BigInteger> expected = Optional.ofNullable(c[1]).map(BigInteger::new);
            assertEquals(expected, PythonInt.parse(c[0]), () -> "int(" + c[0] + ", 0)");
        }
    }

    @Test void intRefusesMoreThan4300DecimalDigitsButNotHexDigits() {
        assertTrue(PythonInt.parse("1".repeat(4300)).isPresent());
        assertTrue(PythonInt.parse("-" + "1".repeat(4300)).isPresent());
        assertTrue(PythonInt.parse("1_".repeat(4299) + "1").isPresent());           // underscores do not count
        assertEquals(Optional.empty(), PythonInt.parse("1".repeat(4301)));
        assertEquals(Optional.empty(), PythonInt.parse("0".repeat(4301)));
        assertTrue(PythonInt.parse("0x" + "f".repeat(5000)).isPresent());
    }

    @Test void splitLinesLikePython() {
        assertEquals(List.of("a", "b"), PythonText.splitLines("a\nb"));
        assertEquals(List.of("a", "b"), PythonText.splitLines("a\r\nb"));
        assertEquals(List.of("a", "b"), PythonText.splitLines("a\rb"));
        assertEquals(List.of("a", "", "b"), PythonText.splitLines("a\n\nb\n"));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"),
                PythonText.splitLines("a\u000bb\u000cc\u001cd\u001de\u001ef\u0085g\u2028h\u2029i"));
        assertEquals(List.of("a\u001fb"), PythonText.splitLines("a\u001fb"));
        assertEquals(List.of(""), PythonText.splitLines("\n"));
        assertEquals(List.of(), PythonText.splitLines(""));
        assertEquals(List.of("a", "", "b"), PythonText.splitLines("a\r\r\nb"));
        assertEquals(List.of("x"), PythonText.splitLines("x\r"));
    }

    @Test void stripLikePython() {
        assertEquals("a", PythonText.strip(" a "));
        assertEquals("a", PythonText.strip("\t\n\u000b\u000c\r\u001c\u001d\u001e\u001fa\u0085\u00a0\u1680\u2000\u200a"
                + "\u2028\u2029\u202f\u205f\u3000"));
        assertEquals("\u200ba\u200b", PythonText.strip("\u200ba\u200b"));              // zero-width space is not space
        assertEquals("\ufeffa", PythonText.strip("\ufeffa"));                          // nor is a byte order mark
        assertEquals("a b", PythonText.strip("a b"));
    }

    @Test void expandVarsLikePosixpath() {
        Map<String, String> env = Map.of("A", "x", "B_1", "y", "DOLLAR", "$A", "SP", " v ");
        String[][] cases = {
            {"$A", "x"}, {"${A}", "x"}, {"$A$B_1", "xy"}, {"$B_1x", "$B_1x"}, {"${B_1}x", "yx"}, {"$Bx", "$Bx"},
            {"$$A", "$x"}, {"$", "$"}, {"${", "${"}, {"${A", "${A"}, {"${}", "${}"}, {"${a b}", "${a b}"},
            {"a$A.b", "ax.b"}, {"\\$A", "\\x"}, {"$1", "$1"}, {"$A-$UNSET-${UNSET}", "x-$UNSET-${UNSET}"},
            {"$DOLLAR", "$A"}, {"${A}}", "x}"}, {"x${SP}y", "x v y"}, {"$A{B_1}", "x{B_1}"}};
        for (String[] c : cases) assertEquals(c[1], PythonText.expandVars(c[0], env), c[0]);
    }

    @Test void unknownVariableOnlyAtTheVeryStartOfTheLine() {
        assertEquals("UNSET_1", PythonText.leadingVariable("$UNSET_1,data"));
        assertEquals("_x", PythonText.leadingVariable("$_x"));
        assertNull(PythonText.leadingVariable(" $UNSET"));
        assertNull(PythonText.leadingVariable("${UNSET}"));
        assertNull(PythonText.leadingVariable("$1abc"));
        assertNull(PythonText.leadingVariable("$"));
    }

    @Test void percentXAndPercentPointOneF() {
        assertEquals("1000", PythonRepr.hex(0x1000));
        assertEquals("-8000", PythonRepr.hex(-0x8000));                              // "0x%x" % -0x8000 == "0x-8000"
        assertEquals("1.2", PythonRepr.oneDecimal(1.25));                             // half to even
        assertEquals("0.2", PythonRepr.oneDecimal(0.25));
        assertEquals("0.8", PythonRepr.oneDecimal(0.75));
        assertEquals("3.1", PythonRepr.oneDecimal(3.0625));
        assertEquals("1.3", PythonRepr.oneDecimal(1.2500000000000002));
    }

    private static String[] c(String text, String value) { return new String[] {text, value}; }
}
