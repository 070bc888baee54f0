package esp32ota.kernel;

import esp32ota.view.LiveDisplay;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NotebookLiveDisplayTest {
    private record Sent(String kind, String id, DisplayData data) {}

    private final List<Sent> sent = new ArrayList<>();
    private final NotebookLiveDisplay live = new NotebookLiveDisplay(
            (d, id) -> sent.add(new Sent("show", id, d)), (d, id) -> sent.add(new Sent("update", id, d)));

    @Test void showAndUpdateRenderTheValueAndPassTheIdOn() {
        var chart = new XYChartBuilder().width(300).height(200).title("progress").build();
        chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
        live.show("ota-bar", chart);
        live.update("ota-bar", "done");
        assertEquals(2, sent.size());
        assertEquals("show", sent.get(0).kind());
        assertEquals("ota-bar", sent.get(0).id());
        assertTrue(((String) sent.get(0).data().getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"));
        assertEquals("XYChart \"progress\" (300×200)", sent.get(0).data().getData(MIMEType.TEXT_PLAIN));
        assertEquals("update", sent.get(1).kind());
        assertEquals("ota-bar", sent.get(1).id());
        assertEquals("done", sent.get(1).data().getData(MIMEType.TEXT_PLAIN));
    }

    @Test void aBlankIdIsRefusedBeforeAnythingIsSent() {
        var e = assertThrows(IllegalArgumentException.class, () -> live.update(" ", "x"));
        assertEquals("a display id must not be blank", e.getMessage());
        assertTrue(sent.isEmpty());
    }

    @Test void theKernelRegistersItselfAsTheLibrarysLiveDisplay() {
        LiveDisplay.use(null);
        assertSame(LiveDisplay.NONE, LiveDisplay.current());
        var kernel = new KitKernel();
        try {
            assertInstanceOf(NotebookLiveDisplay.class, LiveDisplay.current());
        } finally {
            kernel.session().close();
            LiveDisplay.use(null);
        }
    }
}
