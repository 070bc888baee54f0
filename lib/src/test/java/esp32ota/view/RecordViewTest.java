package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.Bootloader;
import esp32ota.boot.Scenario;
import esp32ota.bytes.Bytes;
import esp32ota.ota.UpdateSession;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.Md5Row;
import esp32ota.partition.PartitionCsv;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RecordViewTest {
    private static final Scenario SEQ2_NEW = Scenario.load("seq2_new");

    private static String value(List<RecordView.Row> rows, String field) {
        return rows.stream().filter(r -> r.field().equals(field)).findFirst().orElseThrow().value();
    }

    @Test void bytesAreAShortHexWithTheirLength() {
        assertEquals("01 00 00 00 (4 bytes)", RecordView.shortHex(Bytes.of(1, 0, 0, 0)));
        assertEquals("20 bytes, all ff", RecordView.shortHex(Bytes.filled(20, 0xFF)));
        assertEquals("7d b1 16 f5 … af fd (16 bytes)",
                RecordView.shortHex(Bytes.fromHex("7db116f536fb22699b9d301dba42affd")));
        assertEquals("0 bytes", RecordView.shortHex(Bytes.of()));
        assertEquals("2a (1 byte)", RecordView.shortHex(Bytes.of(0x2A)));
    }

    @Test void anOtadataCopyHasStateNamesAndItsCrcJudged() {
        var rows = RecordView.rows(OtaSelectEntry.written(0xE000, 2, OtaImgState.NEW));
        assertEquals(List.of("ota_seq", "seq_label", "ota_state", "crc", "meaning"), rows.stream().map(RecordView.Row::field).toList());
        assertEquals("2", value(rows, "ota_seq"));
        assertEquals("20 bytes, all ff", value(rows, "seq_label"));
        assertEquals("NEW (0)", value(rows, "ota_state"));
        assertTrue(value(rows, "crc").endsWith(", right"), value(rows, "crc"));
        var torn = OtaSelectEntry.written(0xE000, 2, OtaImgState.NEW).withState(OtaImgState.NEW.code());
        var wrong = new OtaSelectEntry(0xE000, 2, torn.seqLabel(), 0, 0xFFFF_FFFFL);
        assertTrue(value(RecordView.rows(wrong), "crc").startsWith("0xFFFFFFFF, wrong (0x"), value(RecordView.rows(wrong), "crc"));
        assertEquals("OtaSelectEntry at 0xE000", RecordView.title(wrong));
    }

    @Test void aPartitionEntryNamesItsTypeAndSubtype() {
        var table = PartitionCsv.parse("nvs, data, nvs, 0x9000, 0x4000\notadata, data, ota, 0xd000, 0x2000\nota_0, app, ota_0, 0x10000, 1M\n");
        var rows = RecordView.rows(table.find("otadata").orElseThrow());
        assertEquals("data (0x1)", value(rows, "type"));
        assertEquals("ota (0x0)", value(rows, "subtype"));
        assertEquals("8 KiB (0x2000)", value(rows, "size"));
        assertEquals("none", value(rows, "flags"));
        assertEquals("ota_0 app/ota_0 at 0x10000, 1 MiB", RecordView.line(table.find("ota_0").orElseThrow()));
    }

    @Test void anMd5RowShowsItsDigestShort() {
        var row = new Md5Row(0x80A0, Bytes.fromHex("7db116f536fb22699b9d301dba42affd"));
        assertEquals("7d b1 16 f5 … af fd (16 bytes)", value(RecordView.rows(row), "digest"));
    }

    @Test void otadataShowsBothCopiesInWordsAndTheActiveOne() {
        var rows = RecordView.rows(SEQ2_NEW.otadata());
        assertEquals("8 KiB", value(rows, "size"));
        assertTrue(value(rows, "copy 1").startsWith("seq 2, state NEW"), value(rows, "copy 1"));
        assertEquals("copy 1", value(rows, "active"));
        assertFalse(RecordView.text(SEQ2_NEW.otadata()).contains("[hex="));
    }

    @Test void aBootDecisionAndAnUpdateSessionNeverRunOffThePage() {
        var rollback = BootConfig.of(true);
        var decision = Bootloader.decide(SEQ2_NEW.table(), SEQ2_NEW.otadata(), rollback);
        var rows = RecordView.rows(decision);
        assertEquals("boots ota_1", value(rows, "outcome"));
        assertEquals("copy 1", value(rows, "active otadata"));
        assertTrue(value(rows, "otadata writes").startsWith("copy 1 := seq 2 PENDING_VERIFY"), value(rows, "otadata writes"));
        var session = UpdateSession.start(SEQ2_NEW.table(), rollback, OtaData.erased(0xD000)).boot()
                .setBootPartition(AppSlot.ota(1)).boot().boot();
        var sessionRows = RecordView.rows(session);
        assertEquals("start: otadata erased", value(sessionRows, "step 0"));
        assertTrue(value(sessionRows, "step 2").startsWith("esp_ota_set_boot_partition"), value(sessionRows, "step 2"));
        assertEquals("factory", value(sessionRows, "running"));   // ota_1 never confirmed: rolled back
        for (var r : sessionRows) assertTrue(r.value().length() <= RecordView.MAX_VALUE, r.toString());
        for (var r : rows) assertTrue(r.value().length() <= RecordView.MAX_VALUE, r.toString());
        assertEquals("update session, 5 steps", RecordView.title(session));
    }

    record Other(long address, Bytes payload, AppSlot slot) {}

    @Test void anyOtherRecordIsReadFieldByField() {
        var rows = RecordView.rows(new Other(0x9000, Bytes.filled(4096, 0xFF), AppSlot.FACTORY));
        assertEquals(List.of(new RecordView.Row("address", "0x9000 = 36864"),
                new RecordView.Row("payload", "4096 bytes, all ff"), new RecordView.Row("slot", "factory")), rows);
    }
}
