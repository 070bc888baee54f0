package esp32ota.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ExerciseTest {
    @Test void aTrueCheckIsSolvedAndSaysSoOnOneLine() {
        Outcome o = Exercise.check("00-free-flash", true, "free = flash size − end");
        assertTrue(o.solved());
        assertEquals("✔ solved (00-free-flash)", o.toString());
        assertTrue(o.html().contains("✔ solved") && o.html().contains("(00-free-flash)"), o.html());
    }

    @Test void aFalseCheckSaysNotYetWithTheHint() {
        Outcome o = Exercise.check("01-md5-row", false, "the MD5 row follows the last entry");
        assertFalse(o.solved());
        assertEquals("not yet: the MD5 row follows the last entry (01-md5-row)", o.toString());
    }

    @Test void aHintOnSeveralLinesBecomesOneLineAndHtmlIsEscaped() {
        Outcome o = Exercise.check("x", false, "a <b>\n  c & d");
        assertEquals("not yet: a <b> c & d (x)", o.toString());
        assertTrue(o.html().contains("a &lt;b&gt; c &amp; d"), o.html());
        assertFalse(o.html().contains("<b> c"), o.html());
    }

    @Test void aMissingIdOrHintStillGivesALine() {
        assertEquals("not yet: look again (?)", Exercise.check(null, false, null).toString());
        assertEquals("not yet: look again (?)", Exercise.check(" ", false, " ").toString());
    }

    @Test void aSupplierThatThrowsIsNotYetAndNamesTheFailure() {
        Outcome o = Exercise.check("01-fix", () -> Optional.empty().orElseThrow() != null, "every row needs an offset");
        assertEquals("not yet: every row needs an offset (your code fails: No value present) (01-fix)", o.toString());
        Outcome npe = Exercise.check("01-fix", () -> { throw new NullPointerException(); }, "h");
        assertEquals("not yet: h (your code fails: NullPointerException) (01-fix)", npe.toString());
        Outcome assertion = Exercise.check("01-fix", () -> { throw new AssertionError("boom"); }, "h");
        assertFalse(assertion.solved());
    }

    @Test void aSupplierThatHoldsIsSolvedAndANullSupplierIsNot() {
        assertTrue(Exercise.check("a", () -> List.of(1).size() == 1, "h").solved());
        assertFalse(Exercise.check("a", (java.util.function.BooleanSupplier) null, "h").solved());
    }

    @Test void wholeNumbersCompareByValueWhateverTheirBoxedType() {
        assertTrue(Exercise.checkEquals("a", 0x10000L, 0x10000, "h").solved());
        assertTrue(Exercise.checkEquals("a", 7, (byte) 7, "h").solved());
        assertFalse(Exercise.checkEquals("a", 0x10000L, 0x10001, "h").solved());
        assertTrue(Exercise.checkEquals("a", "DRAM", "DRAM", "h").solved());
        assertFalse(Exercise.checkEquals("a", "DRAM", null, "h").solved());
        assertFalse(Exercise.checkEquals("a", 1.0, 1, "h").solved());
    }

    @Test void notYetShowsTheStudentsAnswerNeverTheExpectedOne() {
        Outcome o = Exercise.checkEquals("01-factory", 0x10000L, 0L, "round up to 0x10000");
        assertEquals("not yet: round up to 0x10000 (your answer: 0) (01-factory)", o.toString());
        Outcome big = Exercise.checkEquals("01-factory", 0x10000L, 0xF000L, "round up");
        assertEquals("not yet: round up (your answer: 61440 = 0xF000) (01-factory)", big.toString());
        assertFalse(big.toString().contains("65536") || big.toString().contains("10000)"), big.toString());
        assertEquals("not yet: h (your answer: \"IRAM\") (x)", Exercise.checkEquals("x", "DRAM", "IRAM", "h").toString());
        assertEquals("✔ solved (x)", Exercise.checkEquals("x", "DRAM", "DRAM", "h").toString());
    }
}
