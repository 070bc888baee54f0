package esp32ota.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StackTracesTest {
    @Test void framesStopAtTheCellAndCellFramesReadAsSnippetAndLine() {
        var stack = new StackTraceElement[] {
                new StackTraceElement("esp32ota.partition.PartitionEntry", "decode", "PartitionEntry.java", 47),
                new StackTraceElement("", "helper", "#14", 2),       // as JShell rewrites a snippet's frames
                new StackTraceElement("", "", "#15", 1),
                new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
        };
        assertEquals(List.of("    at esp32ota.partition.PartitionEntry.decode(PartitionEntry.java:47)",
                "    at helper (#14:2)", "    at (#15:1)"), StackTraces.frames(stack));
    }

    @Test void deepStacksAreCut() {
        var stack = new StackTraceElement[StackTraces.MAX_FRAMES + 3];
        for (int i = 0; i < stack.length; i++) stack[i] = new StackTraceElement("a.B", "m" + i, "B.java", i);
        List<String> lines = StackTraces.frames(stack);
        assertEquals(StackTraces.MAX_FRAMES + 1, lines.size());
        assertEquals("    …", lines.get(lines.size() - 1));
    }
}
