package esp32ota.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The table in {@link ByteRange}'s Javadoc, row by row. */
class ByteRangeTest {
    static ByteRange.Request parse(String header) { return ByteRange.parse(Optional.of(header), 1000); }

    static ByteRange part(String header) { return ((ByteRange.Request.Part) parse(header)).range(); }

    @Test void satisfiableRanges() {
        assertEquals(new ByteRange(0, 99), part("bytes=0-99"));
        assertEquals(new ByteRange(900, 999), part("bytes=900-"));
        assertEquals(new ByteRange(900, 999), part("bytes=-100"));
        assertEquals(new ByteRange(0, 999), part("bytes=-5000"));
        assertEquals(new ByteRange(950, 999), part("bytes=950-2000"));
        assertEquals(new ByteRange(999, 999), part("bytes=999-999"));
        assertEquals("bytes 0-99/1000", part("bytes=0-99").contentRange(1000));
        assertEquals(100, part("bytes=0-99").length());
        assertEquals("bytes=5-9", new ByteRange(5, 9).requestHeader());
    }

    @Test void unsatisfiableAndIgnored() {
        assertEquals(new ByteRange.Request.Unsatisfiable("bytes=1000-"), parse("bytes=1000-"));
        assertEquals(new ByteRange.Request.Unsatisfiable("bytes=-0"), parse("bytes=-0"));
        assertEquals(new ByteRange.Request.Whole(), ByteRange.parse(Optional.empty(), 1000));
        for (String ignored : new String[] {"bytes=abc", "items=0-5", "bytes=0-1,5-6", "bytes=9-3", "bytes"}) {
            assertEquals(new ByteRange.Request.Whole(), parse(ignored), ignored);
        }
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(5, 4));
    }
}
