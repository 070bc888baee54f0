package esp32ota.kernel;

import esp32ota.bytes.HexDump;
import esp32ota.lesson.Outcome;
import esp32ota.view.RecordView;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * How the kernel shows a value, by kind (every kind also gets {@code text/plain}):
 * <pre>
 * java.awt image                 image/png
 * XChart chart (any kind)        image/png at the chart's own size
 * tablesaw Table                 text/html table (text/plain: Table.print())
 * HexDump                        text/html, fields coloured and named (text/plain: the annotated dump)
 * exercise Outcome               text/html, one coloured line (text/plain: "✔ solved (ID)" / "not yet: HINT (ID)")
 * record, list of one record type  text/html field table, text/plain lines (both RecordView's words)
 * anything else                  text/plain: String.valueOf
 * </pre>
 */
final class RichDisplay {
    private RichDisplay() {}

    static DisplayData of(Object value) {
        if (value instanceof DisplayData d) return d;
        DisplayData d = new DisplayData(String.valueOf(value));
        if (value instanceof RenderedImage image) {
            d.putData(MIMEType.IMAGE_PNG, png(image));
        } else if (value instanceof Chart<?, ?> chart) {
            d.putData(MIMEType.IMAGE_PNG, png(BitmapEncoder.getBufferedImage(chart)));
            d.putText("%s \"%s\" (%d×%d)".formatted(chart.getClass().getSimpleName(), chart.getTitle(),
                    chart.getWidth(), chart.getHeight()));
        } else if (value instanceof Table table) {
            d.putText(table.print());
            d.putHTML(TableHtml.of(table));
        } else if (value instanceof HexDump dump) {
            d.putHTML(HexDumpHtml.of(dump));
        } else if (value instanceof Outcome outcome) {
            d.putHTML(outcome.html());
        } else if (value instanceof Record record) {
            d.putText(RecordView.text(record));
            d.putHTML(RecordHtml.of(record));
        } else if (value instanceof List<?> list && RecordHtml.isRecordList(list)) {
            d.putText(RecordHtml.text(list));
            d.putHTML(RecordHtml.table(list));
        }
        return d;
    }

    /** PNG bytes, base64-encoded as Jupyter wants them. */
    static String png(RenderedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
