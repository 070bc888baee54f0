package esp32ota.notebook;

import esp32ota.bytes.HexDump;
import esp32ota.lesson.Outcome;
import esp32ota.view.RecordView;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a notebook shows a value, by kind: MIME type → content, as Jupyter's {@code display_data} carries it. Both kernels
 * use it (the kit's own through {@code RichDisplay}, JJava through {@link JJavaExtension}), so a value looks the same in
 * either. Every kind also gets {@code text/plain}:
 * <pre>
 * java.awt image                 image/png (base64)
 * XChart chart (any kind)        image/png at the chart's own size
 * tablesaw Table                 text/html table (text/plain: Table.print())
 * HexDump                        text/html, fields coloured and named (text/plain: the annotated dump)
 * exercise Outcome               text/html, one coloured line (text/plain: "✔ solved (ID)" / "not yet: HINT (ID)")
 * record, list of one record type  text/html field table, text/plain lines (both RecordView's words); a list of
 *                                records with a toString of their own (AppSlot) keeps its text: [ota_0, ota_1]
 * anything else                  text/plain: String.valueOf
 * </pre>
 */
public final class MimeBundle {
    public static final String TEXT = "text/plain", HTML = "text/html", PNG = "image/png";

    private MimeBundle() {}

    /** The views of {@code value}, {@code text/plain} first. */
    public static Map<String, String> of(Object value) {
        var views = new LinkedHashMap<String, String>();
        views.put(TEXT, String.valueOf(value));
        if (value instanceof RenderedImage image) {
            views.put(PNG, png(image));
        } else if (value instanceof Chart<?, ?> chart) {
            views.put(TEXT, "%s \"%s\" (%d×%d)".formatted(chart.getClass().getSimpleName(), chart.getTitle(),
                    chart.getWidth(), chart.getHeight()));
            views.put(PNG, png(BitmapEncoder.getBufferedImage(chart)));
        } else if (value instanceof Table table) {
            views.put(TEXT, table.print());
            views.put(HTML, TableHtml.of(table));
        } else if (value instanceof HexDump dump) {
            views.put(HTML, HexDumpHtml.of(dump));
        } else if (value instanceof Outcome outcome) {
            views.put(HTML, outcome.html());
        } else if (value instanceof Record record) {
            views.put(TEXT, RecordView.text(record));
            views.put(HTML, RecordHtml.of(record));
        } else if (value instanceof List<?> list && RecordHtml.isRecordList(list)) {
            views.put(TEXT, RecordHtml.text(list));
            views.put(HTML, RecordHtml.table(list));
        } else if (value instanceof List<?> list && isLongListOfWords(list)) {
            views.put(TEXT, list.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        }
        return views;
    }

    /** Beyond this many characters a list of records with words of their own reads one record per line. */
    static final int LINE = 100;

    /**
     * True for a list of records that each have words of their own (log lines, boot steps) and that would not fit
     * on one line as {@code [a, b, …]}: one per line reads better. {@code [ota_0, ota_1]} stays as it is.
     */
    private static boolean isLongListOfWords(List<?> list) {
        return !list.isEmpty() && String.valueOf(list).length() > LINE
                && list.stream().allMatch(e -> e instanceof Record r && RecordView.hasOwnWords(r));
    }

    /** PNG bytes, base64-encoded as Jupyter wants them. */
    public static String png(RenderedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
