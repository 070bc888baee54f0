package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

/** writeAll: native_ota_example's write loop, with a progress report per chunk and a stall per sector erase. */
class ChunkWriterTest {
    final Bytes v2 = ImageSamples.blink("2.0.0", 1).build();

    @Test void writeAllWritesTheImageInChunksAndReportsEachOne() {
        VirtualEsp32 d = OtaApiTest.booted();
        OtaApi ota = d.ota();
        int h = ota.begin(AppSlot.ota(1), OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        List<OtaEvent> events = new ArrayList<>();
        var writer = new ChunkWriter(ota, h, OptionalLong.of(v2.size()), events::add, () -> 0L);

        assertEquals(EspErr.ESP_OK, writer.writeAll(v2, 1024));

        assertEquals(v2.size(), writer.written());
        assertEquals(v2, d.readFlash(OtaApiTest.OTA_1, v2.size()));
        List<Long> written = events.stream().filter(e -> e instanceof OtaEvent.Progress)
                .map(e -> ((OtaEvent.Progress) e).written()).toList();
        assertEquals(List.of(1024L, 2048L, (long) v2.size()), written);
        List<OtaEvent.EraseStall> stalls = events.stream().filter(e -> e instanceof OtaEvent.EraseStall)
                .map(e -> (OtaEvent.EraseStall) e).toList();
        assertEquals(1, stalls.size());                          // 2272 bytes: one sector, erased before chunk 1
        assertEquals(OtaApiTest.OTA_1, stalls.get(0).address());
        assertEquals(EspErr.ESP_OK, ota.end(h));
    }

    @Test void writeAllStopsAtTheFirstErrorAndReportsNothingForIt() {
        VirtualEsp32 d = OtaApiTest.booted();
        OtaApi ota = d.ota();
        int h = ota.begin(AppSlot.ota(1), OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        List<OtaEvent> events = new ArrayList<>();
        var writer = new ChunkWriter(ota, h, OptionalLong.empty(), events::add, () -> 0L);

        Bytes html = Bytes.utf8("<!DOCTYPE html><html>not firmware</html>");
        assertEquals(EspErr.ESP_ERR_OTA_VALIDATE_FAILED, writer.writeAll(html, 16));

        assertEquals(0, writer.written());
        assertTrue(events.stream().noneMatch(e -> e instanceof OtaEvent.Progress));
        assertThrows(IllegalArgumentException.class, () -> writer.writeAll(v2, 0));
    }
}
