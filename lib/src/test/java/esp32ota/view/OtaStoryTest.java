package esp32ota.view;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYSeries;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OtaStoryTest {
    @Test void theStoryIsSevenNumberedStepsLeftToRightEndingInValidOrRollback() {
        var chart = Views.otaStory();
        assertEquals("The OTA story: an update from the download to a valid app, or a rollback", chart.getTitle());
        assertEquals(List.of("1 download", "2 write", "3 otadata", "4 reboot", "5 bootloader", "6 self-test", "7 valid",
                "7 rollback"), List.copyOf(ChartContents.series(chart).keySet()));
        double previous = -1;
        for (XYSeries s : ChartContents.series(chart).values()) {
            assertTrue(s.getXData()[0] >= previous, s.getName() + " reads left to right");
            previous = s.getXData()[0];
        }
        var valid = ChartContents.series(chart).get("7 valid").getYData();
        var rollback = ChartContents.series(chart).get("7 rollback").getYData();
        assertTrue(valid[0] > rollback[1], "valid above rollback, the two ends of step 7");
        assertTrue(ChartContents.texts(chart).containsAll(List.of("1 download", "the other slot", "PENDING_VERIFY", "→")));
        assertEquals(OtaStory.WIDTH, BitmapEncoder.getBufferedImage(chart).getWidth());
    }

    @Test void aNotebooksStepsAreInColourAndTheOthersGrey() {
        var chart = Views.otaStory(3, 4, 5, 6, 7);
        assertEquals("Where this notebook sits in the OTA story: steps 3, 4, 5, 6, 7", chart.getTitle());
        assertEquals(Palette.LIGHT_GREY, ChartContents.series(chart).get("2 write").getFillColor());
        assertEquals(Palette.SKY_BLUE, ChartContents.series(chart).get("5 bootloader").getFillColor());
        assertEquals(Palette.BLUISH_GREEN, ChartContents.series(chart).get("7 valid").getFillColor());
        assertEquals(Palette.ORANGE, ChartContents.series(chart).get("7 rollback").getFillColor());
        assertEquals("Where this notebook sits in the OTA story: step 2", Views.otaStory(2).getTitle());
        assertThrows(IllegalArgumentException.class, () -> Views.otaStory(8));
    }
}
