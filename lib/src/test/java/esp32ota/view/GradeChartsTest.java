package esp32ota.view;

import esp32ota.grade.Grade;
import esp32ota.grade.Gradebook;
import esp32ota.grade.Status;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The class charts: categories in order, one stacked series per status with its values and colour. */
class GradeChartsTest {
    static final Gradebook CLASS = new Gradebook(List.of(
            new Grade("alice", "00-free-flash", Status.SOLVED, ""),
            new Grade("alice", "00-bad-magic", Status.WRONG, "32 bytes"),
            new Grade("bob", "00-free-flash", Status.SOLVED, ""),
            new Grade("bob", "00-bad-magic", Status.SOLVED, ""),
            new Grade("carol", "00-free-flash", Status.ERROR, "CompileError"),
            new Grade("carol", "00-bad-magic", Status.NOT_ATTEMPTED, "")));

    private static List<Double> values(CategoryChart chart, Status s) {
        return java.util.Arrays.stream(ChartContents.series(chart).get(s.word()).getYData()).boxed().toList();
    }

    @Test void exercisesBySolveRate() {
        CategoryChart chart = GradeCharts.solveRates(CLASS);
        assertEquals("Exercises by solve rate (3 students)", chart.getTitle());
        assertEquals(List.of("solved", "wrong", "error", "not attempted"), List.copyOf(ChartContents.series(chart).keySet()));
        CategorySeries solved = ChartContents.series(chart).get("solved");
        assertEquals(List.of("00-free-flash", "00-bad-magic"), new ArrayList<>(solved.getXData()));
        assertEquals(List.of(2.0, 1.0), values(chart, Status.SOLVED));
        assertEquals(List.of(0.0, 1.0), values(chart, Status.WRONG));
        assertEquals(List.of(1.0, 0.0), values(chart, Status.ERROR));
        assertEquals(Palette.GOOD, solved.getFillColor());
        assertEquals(Palette.BAD, ChartContents.series(chart).get("error").getFillColor());
        assertTrue(chart.getStyler().isStacked());
    }

    @Test void studentsByProgress() throws Exception {
        CategoryChart chart = GradeCharts.progress(CLASS);
        assertEquals("Students by progress (2 exercises)", chart.getTitle());
        assertEquals(List.of("bob", "alice", "carol"), new ArrayList<>(ChartContents.series(chart).get("solved").getXData()));
        assertEquals(List.of(2.0, 1.0, 0.0), values(chart, Status.SOLVED));
        assertEquals(List.of(0.0, 0.0, 1.0), values(chart, Status.NOT_ATTEMPTED));
        assertEquals(Palette.WAITING, ChartContents.series(chart).get("wrong").getFillColor());
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);   // it draws
        assertTrue(png.length > 1000);
    }

    @Test void anEmptyClassIsAnEmptyChart() {
        assertEquals(0, GradeCharts.progress(new Gradebook(List.of())).getSeriesCollection().size());
    }

    @Test void everyStatusHasItsOwnColour() {
        assertEquals(4, java.util.Arrays.stream(Status.values()).map(GradeCharts::colour).distinct().count());
    }
}
