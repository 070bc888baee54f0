package esp32ota.view;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every chart gets its look from {@link ChartStyle} and its colours from {@link Palette}, and from nowhere else. */
class ChartStyleTest {
    /** The view package's sources, from the lib module's folder (where Maven runs the tests). */
    static final Path VIEW_SOURCES = Path.of("src/main/java/esp32ota/view");

    @Test void everyKindOfChartHasTheKitsBackgroundTextColourAndSeriesColours() {
        List<Chart<?, ?>> charts = List.of(Views.otaStory(), Views.flashMap(FlashActivityMapTest.twoOta()),
                Views.segmentsInFile(ImageViewsTest.PINS), Views.sweep(SweepChartTest.sweep()),
                FirmwareCharts.memoryTypes(ImageViewsTest.PINS));
        for (Chart<?, ?> c : charts) {
            assertEquals(Palette.WHITE, c.getStyler().getChartBackgroundColor(), c.getTitle());
            assertEquals(Palette.BLACK, c.getStyler().getAnnotationTextFontColor(), c.getTitle());
            assertArrayEquals(Palette.categories(), c.getStyler().getSeriesColors(), c.getTitle());
        }
    }

    @Test void onlyPaletteMakesColoursAndOnlyChartStyleMakesChartsAndTexts() throws IOException {
        Map<String, Pattern> owned = Map.of(
                "Palette.java", Pattern.compile("new Color\\(|\\bColor\\.[A-Z_]+\\b"),
                "ChartStyle.java", Pattern.compile("ChartBuilder\\(|new AnnotationText\\(|setChartBackgroundColor"
                        + "|setLegendPosition|setAnnotationTextFontColor|XYSeriesRenderStyle\\.PolygonArea"));
        try (Stream<Path> files = Files.list(VIEW_SOURCES)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString(), text = Files.readString(f);
                owned.forEach((owner, pattern) -> {
                    if (name.equals(owner)) return;
                    var m = pattern.matcher(text);
                    assertFalse(m.find(), () -> name + " has " + m.group() + ": that belongs in " + owner);
                });
            }
        }
    }
}
