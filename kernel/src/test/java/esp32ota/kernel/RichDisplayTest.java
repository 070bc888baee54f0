package esp32ota.kernel;

import esp32ota.bytes.FieldSpan;
import esp32ota.notebook.MimeBundle;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The kernel shows the library's MIME bundle (its kinds are tested in the library's MimeBundleTest). */
class RichDisplayTest {
    @Test void aRecordShowsTheLibrarysViews() {
        var span = new FieldSpan("PartitionEntry", "offset", 0x8004, 4);
        DisplayData d = RichDisplay.of(span);
        assertEquals(MimeBundle.of(span).get(MimeBundle.HTML), d.getData(MIMEType.TEXT_HTML));
        assertEquals(MimeBundle.of(span).get(MimeBundle.TEXT), d.getData(MIMEType.TEXT_PLAIN));
        assertNull(d.getData(MIMEType.IMAGE_PNG));
    }

    @Test void displayDataIsShownAsItIs() {
        var d = new DisplayData("as is");
        assertSame(d, RichDisplay.of(d));
    }
}
