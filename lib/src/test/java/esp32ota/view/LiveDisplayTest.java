package esp32ota.view;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LiveDisplayTest {
    /** Remembers what it was asked to show, as {@code show id value} / {@code update id value}. */
    static final class Recording implements LiveDisplay {
        final List<String> calls = new ArrayList<>();
        final List<Object> values = new ArrayList<>();

        @Override public void show(String id, Object value) { calls.add("show " + id); values.add(value); }

        @Override public void update(String id, Object value) { calls.add("update " + id); values.add(value); }

        long count(String call) { return calls.stream().filter(call::equals).count(); }
    }

    @AfterEach void backToNone() { LiveDisplay.use(null); }

    @Test void theDefaultShowsNothingAndARegisteredDisplayIsTheCurrentOne() {
        assertSame(LiveDisplay.NONE, LiveDisplay.current());
        LiveDisplay.NONE.show("x", "ignored");                      // no kernel: nothing happens, nothing fails
        var r = new Recording();
        LiveDisplay.use(r);
        assertSame(r, LiveDisplay.current());
        LiveDisplay.current().update("ota", "50 %");
        assertEquals(List.of("update ota"), r.calls);
        LiveDisplay.use(null);
        assertSame(LiveDisplay.NONE, LiveDisplay.current());
    }
}
