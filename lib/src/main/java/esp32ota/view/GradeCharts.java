package esp32ota.view;

import esp32ota.grade.Gradebook;
import esp32ota.grade.Status;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.awt.Color;
import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * A class at a glance ({@link Gradebook}): exercises by solve rate and students by progress, each a stacked bar
 * chart with one series per {@link Status}, bottom to top, in the same colours (solved green, wrong orange, error
 * vermillion, not attempted grey), so the two charts read alike. The categories are {@link Gradebook#solveRates()}'s and
 * {@link Gradebook#progress()}'s rows, in their order.
 */
public final class GradeCharts {
    static final int WIDTH = 900, HEIGHT = 380;
    /** Bottom to top: what is done, what went wrong, what is not started. */
    static final List<Status> STACK = List.of(Status.SOLVED, Status.WRONG, Status.ERROR, Status.NOT_ATTEMPTED);

    private GradeCharts() {}

    /** The colour of a status, in both charts. */
    public static Color colour(Status s) {
        return switch (s) {
            case SOLVED -> Palette.GOOD;
            case WRONG -> Palette.WAITING;
            case ERROR -> Palette.BAD;
            case NOT_ATTEMPTED -> Palette.GREY;
        };
    }

    /** One bar per exercise, best solved first, stacked by how many students solved, got wrong, …. */
    public static CategoryChart solveRates(Gradebook book) {
        List<String> exercises = book.solveRates().stringColumn("exercise").asList();
        return stacked("Exercises by solve rate (%d students)".formatted(book.students().size()), "exercise",
                "students", exercises, book::countOfExercise);
    }

    /** One bar per student, most solved first, stacked by how many exercises they solved, got wrong, …. */
    public static CategoryChart progress(Gradebook book) {
        List<String> students = book.progress().stringColumn("student").asList();
        return stacked("Students by progress (%d exercises)".formatted(book.exercises().size()), "student",
                "exercises", students, book::countOfStudent);
    }

    private static CategoryChart stacked(String title, String x, String y, List<String> categories,
                                         ToIntBiFunction<String, Status> count) {
        CategoryChart chart = ChartStyle.bars(WIDTH, HEIGHT, title, x, y, ChartStyle.Legend.RIGHT);
        chart.getStyler().setStacked(true);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        if (categories.isEmpty()) return chart;
        for (Status s : STACK) {
            List<Integer> values = categories.stream().map(c -> count.applyAsInt(c, s)).toList();
            CategorySeries series = chart.addSeries(s.word(), categories, values);
            series.setFillColor(colour(s));
        }
        return chart;
    }
}
