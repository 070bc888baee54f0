package esp32ota.kernel;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CellHistoryTest {
    private static CellHistory history() {
        var h = new CellHistory();
        h.add(1, "6 * 7", "42");
        h.add(2, "int a = 1;", "");
        h.add(3, "6 * 7", "42");
        h.add(4, "6 * 8", "48");
        return h;
    }

    private static List<Integer> counts(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test void tailGivesTheLastN() {
        assertEquals(List.of(3, 4), counts(history().lookupTail(2, Set.of())));
        assertEquals(List.of(1, 2, 3, 4), counts(history().lookupTail(10, Set.of())));
    }

    @Test void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of(2, 3), counts(history().lookupRange(CellHistory.SESSION, 2, 4, Set.of())));
        assertEquals(List.of(), counts(history().lookupRange(7, 1, 5, Set.of())));
    }

    @Test void searchMatchesGlobsAndCanKeepOnlyTheNewestOfEachInput() {
        assertEquals(List.of(1, 3, 4), counts(history().search("6 *", 0, Set.of())));
        assertEquals(List.of(3, 4), counts(history().search("6 *", 0, EnumSet.of(ResultFlag.UNIQUE))));
        assertEquals(List.of(4), counts(history().search("6 * ?", 1, Set.of())));
        assertEquals(List.of(2), counts(history().search("int*", 0, Set.of())));
    }

    @Test void outputOnlyWhenAskedFor() {
        assertFalse(history().lookupTail(1, Set.of()).get(0).hasOutput());
        assertEquals("48", history().lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
    }

    @Test void globQuotesRegexCharacters() {
        assertTrue(CellHistory.globToRegex("a.b(*)").matcher("a.b(x)").matches());
        assertFalse(CellHistory.globToRegex("a.b").matcher("axb").matches());
    }
}
