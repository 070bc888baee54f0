package esp32ota.view;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.Scenario;
import esp32ota.ota.UpdateSession;
import esp32ota.partition.PartitionTable;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The otadata and boot views against the shared otadata vectors: every field, check, try order and log line expected
 * here is the vectors' (built from ESP-IDF's rules and cross-checked with its C functions), not our decoder's.
 */
class OtadataViewsTest {
    private static final Scenario SEQ2_NEW = Scenario.load("seq2_new");

    private static String s(JsonObject o, String key) { return o.get(key).getAsString(); }

    @Test void copiesSideBySideAgreeWithEveryScenarioEntry() {
        int cells = 0;
        for (String name : Scenario.names()) {
            Scenario sc = Scenario.load(name);
            Table t = Views.otadataCopies(sc.otadata(), sc.table());
            assertEquals(OtadataCopiesView.ROWS, t.stringColumn("field").asList(), name);
            for (int i = 0; i < 2; i++) {
                JsonObject e = sc.json().getAsJsonArray("entries").get(i).getAsJsonObject();
                List<String> col = t.stringColumn("copy " + i).asList();
                boolean blank = e.get("blank_seq").getAsBoolean();
                assertEquals(blank ? "0xFFFFFFFF (blank)" : e.get("ota_seq").getAsString(), col.get(1), name);
                assertEquals(e.get("ota_state_name").getAsString(), col.get(3).replaceFirst("^0x.*", "UNKNOWN"), name);
                assertEquals(s(e, "crc").toUpperCase().replace("0X", "0x"), col.get(4), name);
                assertEquals(s(e, "crc_expected").toUpperCase().replace("0X", "0x"), col.get(5), name);
                assertEquals(e.get("crc_ok").getAsBoolean() ? "yes" : "no", col.get(6), name);
                assertEquals(e.get("select_invalid").getAsBoolean() ? "yes" : "no", col.get(7), name);
                assertEquals(e.get("select_valid").getAsBoolean() ? "yes" : "no", col.get(8), name);
                JsonElement slot = e.get("slot_if_active_bootloader");
                if (blank || slot == null || slot.isJsonNull()) assertEquals("–", col.get(9), name);
                else assertTrue(col.get(9).startsWith(slot.getAsString() + " = (" + e.get("ota_seq").getAsString() + " − 1) mod "), name);
                cells += 8;
            }
        }
        assertEquals(11 * 2 * 8, cells);
    }

    @Test void copiesNameTheActiveCopyAndAddresses() {
        Table t = Views.otadataCopies(SEQ2_NEW.otadata(), SEQ2_NEW.table());
        assertEquals("otadata at 0xD000: copy 1 is active", t.name());   // vector: active_otadata 1
        assertEquals(List.of("field", "copy 0", "copy 1"), t.columnNames());
        assertEquals(List.of("0xD000", "20 × FF", "no"), List.of(t.stringColumn("copy 0").get(0),
                t.stringColumn("copy 0").get(2), t.stringColumn("copy 0").get(10)));
        assertEquals(List.of("0xE000", "ota_1 = (2 − 1) mod 2", "yes"), List.of(t.stringColumn("copy 1").get(0),
                t.stringColumn("copy 1").get(9), t.stringColumn("copy 1").get(10)));
        Table blank = Views.otadataCopies(Scenario.load("blank").otadata(), SEQ2_NEW.table());
        assertEquals("otadata at 0xD000: copy none is active", blank.name());
    }

    @Test void labelsShowTextWhenTheyAreText() {
        var e = esp32ota.otadata.OtaSelectEntry.written(0, 1, esp32ota.otadata.OtaImgState.VALID);
        var withText = new esp32ota.otadata.OtaSelectEntry(0, 1, esp32ota.bytes.Bytes.utf8("v1.2")
                .concat(esp32ota.bytes.Bytes.filled(16, 0)), e.stateCode(), e.crc());
        assertEquals("\"v1.2\"", OtadataCopiesView.label(withText));
        var binary = new esp32ota.otadata.OtaSelectEntry(0, 1, esp32ota.bytes.Bytes.filled(20, 0x01), 2, e.crc());
        assertEquals("01".repeat(20), OtadataCopiesView.label(binary));
    }

    @Test void trailAndLogOfABootAreTheVectorsLines() {
        BootDecision d = Bootloader.decide(SEQ2_NEW.table(), SEQ2_NEW.otadata(), BootConfig.of(true));
        JsonObject want = SEQ2_NEW.expected("bootloader_rollback_enabled");
        Table log = Views.bootLog(d);
        List<String> messages = new ArrayList<>();
        want.getAsJsonArray("logs_selection").forEach(l -> messages.add(s(l.getAsJsonObject(), "msg")));
        int selection = messages.size();
        want.getAsJsonArray("logs_after_successful_load").forEach(l -> messages.add(s(l.getAsJsonObject(), "msg")));
        assertEquals(messages, log.stringColumn("message").asList());
        assertEquals("bootloader log (%d lines)".formatted(messages.size()), log.name());
        assertEquals("selection", log.stringColumn("phase").get(selection - 1));
        assertEquals("load", log.stringColumn("phase").get(selection));
        assertEquals(List.of("phase", "level", "tag", "message"), log.columnNames());
        assertEquals("boot_comm", log.stringColumn("tag").get(3));   // "Both OTA copies are valid"

        Table trail = Views.bootTrail(d);
        assertEquals("the bootloader's decision: boots ota_1", trail.name());
        assertEquals(d.trail().size(), trail.rowCount());
        assertEquals(List.of(1, 2, 3), trail.intColumn("step").asList().subList(0, 3));
        assertTrue(trail.stringColumn("rule").get(3).contains("NEW") && trail.stringColumn("rule").get(3).contains("PENDING_VERIFY"));
    }

    @Test void tryOrderColoursWhatFailedWhatBootedAndWhatIsNext() {
        // seq2_new, rollback enabled: try_order ota_1, ota_0, factory; ota_1 boots when every image loads.
        BootDecision allLoad = Bootloader.decide(SEQ2_NEW.table(), SEQ2_NEW.otadata(), BootConfig.of(true));
        assertEquals(List.of(                                                       // in try order, left to right
                new TryOrderChart.Box("ota_1", 0x210000, 0x310000, 1, TryOrderChart.Status.BOOTED),
                new TryOrderChart.Box("ota_0", 0x110000, 0x210000, 2, TryOrderChart.Status.NEXT),
                new TryOrderChart.Box("factory", 0x10000, 0x110000, 3, TryOrderChart.Status.NEXT)),
                TryOrderChart.boxes(SEQ2_NEW.table(), allLoad));
        BootDecision ota1Broken = Bootloader.decide(SEQ2_NEW.table(), SEQ2_NEW.otadata(),
                BootConfig.of(true).withUnbootable(Set.of(AppSlot.ota(1))));
        XYChart chart = Views.tryOrder(SEQ2_NEW.table(), ota1Broken);
        assertEquals("Load loop from index 1: tries ota_1 → ota_0 → factory; boots ota_0", chart.getTitle());
        assertEquals("the order the load loop tries the app partitions, left to right", chart.getXAxisTitle());
        assertEquals(List.of("ota_1 0x210000: #1, fails to load", "ota_0 0x110000: #2, boots",
                "factory 0x10000: #3, tried next if it fails"), List.copyOf(ChartContents.series(chart).keySet()));
        XYSeries ota0 = ChartContents.series(chart).get("ota_0 0x110000: #2, boots");
        double g = TryOrderChart.GAP;
        assertArrayEquals(new double[] {1 + g, 2 - g, 2 - g, 1 + g}, ota0.getXData(), 1e-12);      // second box
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, ota0.getXYSeriesRenderStyle().orElseThrow(), "a filled legend patch");
        assertEquals(TryOrderChart.Status.BOOTED.colour, ota0.getFillColor());
        assertEquals(TryOrderChart.Status.FAILED.colour, ChartContents.series(chart).get("ota_1 0x210000: #1, fails to load").getFillColor());
    }

    @Test void tryOrderMarksAppPartitionsTheLoopNeverVisits() {
        // blank otadata, no factory (blank_no_factory): try_order ota_0, ota_1. A duplicate ota_1 row is never tried:
        // the bootloader keeps the last row of a role.
        Scenario sc = Scenario.load("blank_no_factory");
        List<esp32ota.partition.PartitionEntry> rows = new ArrayList<>(sc.table().entries());
        rows.add(new esp32ota.partition.PartitionEntry(0, 0, 0x11, 0x290000, 0x10000, "ota_1_old", 0));
        PartitionTable t = PartitionTable.of(0x8000, rows);
        BootDecision d = Bootloader.decide(t, sc.otadata(), BootConfig.of(false));
        assertEquals(List.of(TryOrderChart.Status.BOOTED, TryOrderChart.Status.NEXT, TryOrderChart.Status.NEVER),
                TryOrderChart.boxes(t, d).stream().map(TryOrderChart.Box::status).toList());
        assertEquals("ota_1 0x150000: never tried", TryOrderChart.boxes(t, d).get(2).legend());
    }

    @Test void tryOrderRendersHeadlessWithTheBootedColourInsideItsBox() {
        BootDecision d = Bootloader.decide(SEQ2_NEW.table(), SEQ2_NEW.otadata(),
                BootConfig.of(true).withUnbootable(Set.of(AppSlot.ota(1))));
        XYChart chart = Views.tryOrder(SEQ2_NEW.table(), d);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertEquals(TryOrderChart.WIDTH, img.getWidth());
        int x = (int) chart.getScreenXFromChart(1.2), y = (int) chart.getScreenYFromChart(0.2);   // box #2, ota_0
        assertEquals(TryOrderChart.Status.BOOTED.colour.getRGB(), img.getRGB(x, y));
    }

    @Test void sessionStatesUseThePalettesSharedMeanings() {
        assertEquals(Palette.GOOD, SessionTimeline.copyColour("VALID"));
        assertEquals(Palette.BAD, SessionTimeline.copyColour("ABORTED"));
        assertEquals(Palette.WAITING, SessionTimeline.copyColour("PENDING_VERIFY"));
        var states = List.of("NEW", "PENDING_VERIFY", "VALID", "INVALID", "ABORTED", "UNDEFINED", "CRC wrong", "blank");
        assertEquals(states.size(), states.stream().map(SessionTimeline::copyColour).distinct().count());
        assertNotEquals(SessionTimeline.appColour(AppSlot.ota(0)), SessionTimeline.appColour(AppSlot.ota(1)));
    }

    @Test void tryOrderIsColourBlindSafeNotRedAndGreen() {
        assertEquals(Palette.SKY_BLUE, TryOrderChart.Status.BOOTED.colour);
        assertEquals(Palette.VERMILLION, TryOrderChart.Status.FAILED.colour);
        for (var s : TryOrderChart.Status.values()) assertNotEquals(Palette.BLUISH_GREEN, s.colour, s.name());
        BootDecision d = Bootloader.decide(SEQ2_NEW.table(), SEQ2_NEW.otadata(),
                BootConfig.of(true).withUnbootable(Set.of(AppSlot.ota(1))));
        List<String> labels = ChartContents.texts(Views.tryOrder(SEQ2_NEW.table(), d));
        assertEquals(List.of("#1 ota_1", "0x210000", "fails to load", "→", "#2 ota_0", "0x110000", "boots", "→",
                "#3 factory", "0x10000", "tried next if it fails"), labels, "numbered, each box says what happens");
    }

    private static UpdateSession rolledBack() {
        Scenario sc = Scenario.load("blank_no_factory");
        return UpdateSession.start(sc.table(), BootConfig.of(true), sc.otadata())
                .boot().setBootPartition(AppSlot.ota(1)).boot().boot();
    }

    @Test void sessionTimelineHasOneSeriesPerColourWithACellPerStep() {
        // States per step from the vectors' chain blank_no_factory → seq1_valid → seq2_new → seq2_pending_verify
        // → ABORTED (each scenario's otadata_writes).
        XYChart chart = Views.updateSession(rolledBack());
        assertEquals("Update session: the app each boot runs: ota_0 → ota_1 → ota_0", chart.getTitle());
        assertEquals(List.of("blank", "VALID", "runs ota_0", "NEW", "PENDING_VERIFY", "runs ota_1", "ABORTED"),
                List.copyOf(ChartContents.series(chart).keySet()));
        XYSeries valid = ChartContents.series(chart).get("VALID");   // copy 0 in steps 1-4
        assertArrayEquals(new double[] {0, 0, Double.NaN, 0, 0, Double.NaN, 0, 0, Double.NaN, 0, 0, Double.NaN},
                valid.getYData());
        assertEquals(0.55, valid.getXData()[0], 1e-9);      // step 1 spans 0.55 … 1.45
        assertEquals(1.45, valid.getXData()[1], 1e-9);
        XYSeries aborted = ChartContents.series(chart).get("ABORTED");
        assertArrayEquals(new double[] {3.55, 4.45, 4}, aborted.getXData(), 1e-9);
        assertEquals(SessionTimeline.ROW_COPY_1, aborted.getYData()[0]);
        assertArrayEquals(new double[] {0.55, 1.45, 1, 1.55, 2.45, 2, 3.55, 4.45, 4},
                ChartContents.series(chart).get("runs ota_0").getXData(), 1e-9);
        assertFalse(ChartContents.series(chart).get("NEW").isShowInLegend());
    }

    @Test void sessionTimelineRendersHeadlessWithAbortedInCopyOneAtTheLastStep() {
        XYChart chart = Views.updateSession(rolledBack());
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertEquals(SessionTimeline.HEIGHT, img.getHeight());
        int x = (int) chart.getScreenXFromChart(4.3), y = (int) chart.getScreenYFromChart(SessionTimeline.ROW_COPY_1);
        assertEquals(SessionTimeline.copyColour("ABORTED").getRGB(), img.getRGB(x, y));
    }

    @Test void sessionStepsTableSpellsEachStep() {
        Table t = Views.updateSteps(rolledBack());
        assertEquals(List.of("step", "event", "result", "copy 0", "copy 1", "running", "written"), t.columnNames());
        assertEquals(List.of("start", "boot", "esp_ota_set_boot_partition(ota_1)", "boot", "boot"),
                t.stringColumn("event").asList());
        assertEquals(List.of("otadata erased", "booted ota_0", "ESP_OK", "booted ota_1", "booted ota_0"),
                t.stringColumn("result").asList());
        assertEquals(List.of("blank", "blank", "seq 2 NEW", "seq 2 PENDING_VERIFY", "seq 2 ABORTED"),
                t.stringColumn("copy 1").asList());
        assertEquals(List.of("–", "ota_0", "ota_0", "ota_1", "ota_0"), t.stringColumn("running").asList());
        assertEquals(List.of("–", "copy 0", "copy 1", "copy 1", "copy 1"), t.stringColumn("written").asList());
    }

    @Test void sessionStepsShowTheEfuseWhenAntiRollbackIsOn() {
        // blank_no_factory, anti-rollback: ota_0 secure_version 0, ota_1 1. Confirming ota_1 burns the eFuse to 1
        // (esp_ota_mark_app_valid_cancel_rollback → esp_ota_set_anti_rollback); going back to ota_0 is then refused.
        Scenario sc = Scenario.load("blank_no_factory");
        BootConfig c = BootConfig.of(true).withAntiRollback(esp32ota.boot.AntiRollback.of(0,
                java.util.Map.of(AppSlot.ota(0), 0L, AppSlot.ota(1), 1L)));
        UpdateSession s = UpdateSession.start(sc.table(), c, sc.otadata()).boot().setBootPartition(AppSlot.ota(1))
                .boot().markAppValid().setBootPartition(AppSlot.ota(0));
        Table t = Views.updateSteps(s);
        assertEquals(List.of("0", "0", "0", "0", "1", "1"), t.stringColumn("eFuse").asList());
        assertEquals("ESP_ERR_OTA_SMALL_SEC_VER", t.stringColumn("result").get(5));
        assertEquals("–", t.stringColumn("written").get(5));
    }

    @Test void sessionCellsSayWhenACrcIsWrongAndWhenACallWasRefused() {
        var c = esp32ota.otadata.OtaSelectEntry.written(0, 3, esp32ota.otadata.OtaImgState.VALID);
        var bad = new esp32ota.otadata.OtaSelectEntry(0, 3, c.seqLabel(), c.stateCode(), 0xED4A5010L);
        assertEquals("CRC wrong", SessionTimeline.copyClass(bad));
        assertEquals("seq 3 VALID, CRC wrong", SessionTimeline.copyText(bad));
        assertEquals("set_boot(ota_0)", SessionTimeline.shortEvent("esp_ota_set_boot_partition(ota_0)"));
        assertEquals("mark_valid", SessionTimeline.shortEvent("esp_ota_mark_app_valid_cancel_rollback()"));
        assertEquals("mark_invalid", SessionTimeline.shortEvent("esp_ota_mark_app_invalid_rollback()"));
        UpdateSession refused = rolledBack().setBootPartition(AppSlot.ota(5));
        assertTrue(SessionTimeline.refused(refused.last()));
        assertFalse(SessionTimeline.refused(refused.steps().get(2)));
        UpdateSession stuck = UpdateSession.start(refused.table(), BootConfig.of(true)
                .withUnbootable(java.util.Set.of(AppSlot.ota(0), AppSlot.ota(1))), refused.otadata()).boot();
        assertEquals(List.of("otadata as given", "nothing bootable"),
                stuck.steps().stream().map(SessionTimeline::result).toList());
        assertFalse(SessionTimeline.refused(stuck.last()), "a boot is never refused");
    }
}
