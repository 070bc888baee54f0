package esp32ota.examples;

import esp32ota.bytes.Bytes;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Two real runs over HTTP on 127.0.0.1, native and esp_https_ota advanced, in one table. */
class OtaRunTableTest {
    @Test void eachRunIsOneRowWithItsRequestsErasesEventsAndVirtualTime() throws Exception {
        Bytes v1 = ImageSamples.blink("1.0.0", 0).build(), v2 = ImageSamples.blink("2.0.0", 1).build();
        var sample = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst().orElseThrow();
        var options = OtaRun.Options.of(v1, v2, PartitionTable.decode(PartitionTableSamples.binary(sample), 0x8000));
        Map<String, OtaRun.Report> runs = new LinkedHashMap<>();
        runs.put("native", OtaRun.run(options));
        runs.put("advanced", OtaRun.run(options.withApi(OtaRun.Api.HTTPS_ADVANCED)));

        Table t = OtaRun.table(runs);

        assertEquals(2, t.rowCount());
        assertEquals("native", t.stringColumn("way").get(0));
        assertEquals("UPDATED", t.stringColumn("outcome").get(0));
        assertEquals("GET → 200 (" + v2.size() + " B)", t.stringColumn("HTTP requests").get(0));
        assertEquals("-", t.stringColumn("esp_https_ota events").get(0));
        assertTrue(t.stringColumn("esp_https_ota events").get(1).startsWith("START, CONNECTED, GET_IMG_DESC"),
                t.stringColumn("esp_https_ota events").get(1));
        assertTrue(t.stringColumn("esp_https_ota events").get(1).endsWith("FINISH"));
        assertTrue(t.stringColumn("esp_https_ota events").get(1).contains(", WRITE_FLASH × "),
                t.stringColumn("esp_https_ota events").get(1));             // repeats folded
        var firstBoot = runs.get("native").boots().get(0).console();
        assertEquals(firstBoot.get(firstBoot.size() - 1).millis().getAsLong(), t.longColumn("first boot ms").get(0));
        assertTrue(firstBoot.get(firstBoot.size() - 1).text().contains("Prepare to restart system!"));
        long programs = runs.get("native").events().stream().filter(e -> e instanceof esp32ota.device.DeviceEvent.FlashOperation f
                && f.op() instanceof esp32ota.flash.FlashOp.Program).count();
        assertEquals((int) programs, (int) t.intColumn("page programs").get(0));
        assertTrue(t.intColumn("sector erases").get(0) >= 1);
        assertEquals(runs.get("advanced").device().flash().clock().nowMicros() / 1000, t.longColumn("virtual ms").get(1));
    }
}
