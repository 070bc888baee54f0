package esp32ota.view;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SweepChartTest {
    /** 16 erases, 264 page programs, 4 set_boot operations (op 282 bricks), 16 first-boot operations. */
    static List<SweepChart.Point> sweep() {
        List<SweepChart.Point> pts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String phase = i < 16 ? "begin: erase" : i < 280 ? "write" : i < 284 ? "set_boot" : "first boot";
            String out = i < 282 ? "old app" : i == 282 ? "nothing" : "new app";
            pts.add(new SweepChart.Point(i, phase, out));
        }
        return pts;
    }

    @Test void aSweepResultMapsToNewAppOldAppOrNothingAndKeepsOtherOutcomesByLabel() {
        var old = esp32ota.sweep.Outcome.boots(esp32ota.boot.AppSlot.ota(0), java.util.Optional.of("1.0.0"), 1);
        var fresh = esp32ota.sweep.Outcome.boots(esp32ota.boot.AppSlot.ota(1), java.util.Optional.of("2.0.0"), 1);
        var erase = new esp32ota.flash.FlashOp.Erase(40, 0x150000, 0x1000, 0, 45_000);
        var program = new esp32ota.flash.FlashOp.Program(41, 0x150000, 0x100, 45_000, 500);
        java.util.function.BiFunction<Integer, esp32ota.sweep.Outcome, esp32ota.sweep.CutResult> cut = (step, o) ->
                new esp32ota.sweep.CutResult(new esp32ota.sweep.CutPoint(step, esp32ota.flash.NorFlash.Tear.NONE,
                        step == 0 ? erase : program, step == 0 ? esp32ota.sweep.Phase.WRITE : esp32ota.sweep.Phase.SET_BOOT), o);
        var result = new esp32ota.sweep.SweepResult(esp32ota.boot.AppSlot.ota(1), old, fresh, List.of(
                cut.apply(0, esp32ota.sweep.Outcome.boots(esp32ota.boot.AppSlot.ota(0), java.util.Optional.of("1.0.0"), 2)),
                cut.apply(1, fresh),
                cut.apply(2, esp32ota.sweep.Outcome.failed(esp32ota.sweep.Outcome.Kind.NOTHING_BOOTS, 8)),
                cut.apply(3, esp32ota.sweep.Outcome.failed(esp32ota.sweep.Outcome.Kind.BOOT_LOOP, 8))));

        assertEquals(List.of(new SweepChart.Point(0, "write", SweepChart.OLD_APP),
                new SweepChart.Point(1, "set_boot", SweepChart.NEW_APP),
                new SweepChart.Point(2, "set_boot", SweepChart.NOTHING),
                new SweepChart.Point(3, "set_boot", "boot loop")), SweepChart.points(result));
        assertEquals("Power cut during each of 4 flash operations: 1 new app, 1 old app, 1 nothing, 1 boot loop",
                Views.sweep(result).getTitle());
        assertEquals(2, Views.sweepTable(result).rowCount());
    }

    @Test void outcomesAreColouredByMeaningAndTheLegendHasOnePatchEach() {
        XYChart c = SweepChart.chart(sweep());
        assertEquals("Power cut during each of 300 flash operations: 17 new app, 282 old app, 1 nothing", c.getTitle());
        List<XYSeries> legend = ChartContents.series(c).values().stream().filter(XYSeries::isShowInLegend).toList();
        assertEquals(List.of("after the cut: new app", "after the cut: old app", "after the cut: nothing"),
                legend.stream().map(XYSeries::getName).toList());
        assertEquals(List.of(Palette.GOOD, Palette.BLUE, Palette.BAD), legend.stream().map(XYSeries::getFillColor).toList());
        assertTrue(legend.stream().allMatch(s -> s.getXYSeriesRenderStyle().orElseThrow() == XYSeries.XYSeriesRenderStyle.PolygonArea));
    }

    @Test void runsSpanTheirOperationsAndASingleBrickingPointIsWidenedAndLabelled() {
        XYChart c = SweepChart.chart(sweep());
        assertArrayEquals(new double[] {-0.5, 281.5, 281.5, -0.5}, ChartContents.series(c).get("after the cut: old app").getXData());
        double[] brick = ChartContents.series(c).get("after the cut: nothing").getXData();
        assertEquals(282.0, (brick[0] + brick[1]) / 2, 1e-9);
        assertEquals(SweepChart.MIN_RUN_SHARE * 300, brick[1] - brick[0], 1e-9);       // 1.8 ops wide, not 1
        List<SweepChart.Label> labels = SweepChart.labels(sweep());
        assertEquals(List.of("op 282", "1. begin: erase", "2. write", "3. set_boot", "4. first boot"),
                labels.stream().map(SweepChart.Label::text).toList());
        assertEquals(new SweepChart.Label("op 282", 282, SweepChart.OUTCOME_TOP + 0.07), labels.get(0));
        assertEquals(new SweepChart.Label("3. set_boot", 281.5, 1.72), labels.get(3));
    }

    @Test void phasesAreBandsOfConsecutiveOperations() {
        assertEquals(List.of(new SweepChart.Band("begin: erase", 0, 15), new SweepChart.Band("write", 16, 279),
                new SweepChart.Band("set_boot", 280, 283), new SweepChart.Band("first boot", 284, 299)),
                SweepChart.bands(sweep()));
        assertEquals("after the cut: something else", SweepChart.legend("something else"));
        assertEquals(Palette.ORANGE, SweepChart.colour("torn", List.of("old app", "torn")));
    }

    @Test void theTableCountsOutcomesPerPhase() {
        Table t = SweepChart.table(sweep());
        assertEquals(List.of("#", "phase", "first op", "last op", "cut points", "new app", "old app", "nothing"), t.columnNames());
        assertEquals("set_boot", t.stringColumn("phase").get(2));
        assertEquals(4, t.intColumn("cut points").get(2));
        assertEquals(1, t.intColumn("new app").get(2));
        assertEquals(2, t.intColumn("old app").get(2));
        assertEquals(1, t.intColumn("nothing").get(2));
        assertEquals(264, t.intColumn("old app").get(1));
    }

    @Test void tornWritesGiveSeveralPointsPerOperationAndABrickingTearIsDrawnOnTop() {
        List<SweepChart.Point> pts = new ArrayList<>();
        for (int op = 0; op < 10; op++) {
            for (int tear = 0; tear < 3; tear++) {
                pts.add(new SweepChart.Point(op, "write", op == 6 && tear == 1 ? "nothing" : "old app"));
            }
        }
        assertEquals("Power cut at 30 points in 10 flash operations: 29 old app, 1 nothing", SweepChart.title(pts));
        assertEquals(List.of(new SweepChart.Run("old app", 0, 6), new SweepChart.Run("nothing", 6, 6),
                new SweepChart.Run("old app", 6, 9)), SweepChart.runs(pts));
        XYChart c = SweepChart.chart(pts);
        List<String> names = List.copyOf(ChartContents.series(c).keySet());
        assertEquals("after the cut: nothing", names.get(2));                   // after both old-app runs: on top
        assertEquals(30, SweepChart.table(pts).intColumn("cut points").get(0));
    }

    @Test void anEmptySweepIsRefusedAndAFullOneRendersHeadless() {
        var e = assertThrows(IllegalArgumentException.class, () -> SweepChart.chart(List.of()));
        assertEquals("a sweep with no cut points has nothing to draw", e.getMessage());
        assertEquals(SweepChart.WIDTH, BitmapEncoder.getBufferedImage(SweepChart.chart(sweep())).getWidth());
    }
}
