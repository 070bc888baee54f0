package esp32ota.examples;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.App;
import esp32ota.device.VirtualEsp32;
import esp32ota.http.ImageServer;
import esp32ota.http.LinkModel;
import esp32ota.ota.EspErr;
import esp32ota.ota.EspHttpsOta;
import esp32ota.ota.OtaEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static esp32ota.examples.NativeOtaExampleTest.blink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** esp_https_ota's advanced API called step by step from outside the app, as a notebook does. */
class EspHttpsOtaApiTest {
    @Test void performReturnsInProgressPerChunkUntilTheImageIsWritten() throws Exception {
        Bytes image = blink("2.0.0", 1);
        try (ImageServer server = ImageServer.http(0)) {
            server.add("/fw.bin", image.toByteArray());
            VirtualEsp32 d = HttpsOtaTest.device(App.IDLE);
            d.reset();
            List<OtaEvent> events = new ArrayList<>();
            EspHttpsOta.Config cfg = new EspHttpsOta.Config(server.url("/fw.bin"), Optional.empty(),
                    java.time.Duration.ofSeconds(5), 1024, true, false, 0, LinkModel.INSTANT);
            EspHttpsOta ota = EspHttpsOta.begin(d.ota(), cfg, events::add).orElseThrow();
            assertEquals(image.size(), ota.getImageSize());
            assertEquals(AppSlot.ota(1), ota.updatePartition());
            assertEquals("2.0.0", ota.getImgDesc().orElseThrow().versionText());
            assertEquals(0, ota.getImageLenRead(), "the descriptor was read, nothing written yet");
            List<Long> lens = new ArrayList<>();
            EspErr err;
            while ((err = ota.perform()) == EspErr.ESP_ERR_HTTPS_OTA_IN_PROGRESS) lens.add(ota.getImageLenRead());
            assertEquals(EspErr.ESP_OK, err);
            // 288 header bytes, then 1024-byte buffers, the last one short
            assertEquals(List.of(288L, 1312L, 2272L), lens);
            assertTrue(ota.isCompleteDataReceived());
            assertEquals(EspErr.ESP_OK, ota.finish());
            assertEquals(EspErr.ESP_ERR_INVALID_STATE, ota.abort(), "nothing left to abort");
            assertEquals(Optional.of(AppSlot.ota(1)), d.ota().getBootPartition());
            assertEquals(image, d.readFlash(0x150000, image.size()));
            List<Long> written = events.stream().filter(e -> e instanceof OtaEvent.HttpsOta h
                    && h.id() == OtaEvent.HttpsOta.Id.WRITE_FLASH).map(e -> ((OtaEvent.HttpsOta) e).data()).toList();
            assertEquals(lens, written);
            assertEquals(0x11, events.stream().filter(e -> e instanceof OtaEvent.HttpsOta h
                    && h.id() == OtaEvent.HttpsOta.Id.UPDATE_BOOT_PARTITION).map(e -> ((OtaEvent.HttpsOta) e).data())
                    .findFirst().orElseThrow());
        }
    }

    @Test void abortMidwayLeavesOtadataAlone() throws Exception {
        try (ImageServer server = ImageServer.http(0)) {
            server.add("/fw.bin", blink("2.0.0", 1).toByteArray());
            VirtualEsp32 d = HttpsOtaTest.device(App.IDLE);
            d.reset();
            Bytes otadataBefore = d.readFlash(0xd000, 0x2000);
            EspHttpsOta ota = EspHttpsOta.begin(d.ota(), EspHttpsOta.Config.of(server.url("/fw.bin"))
                    .withAllowHttp(true), e -> { }).orElseThrow();
            assertEquals(EspErr.ESP_ERR_HTTPS_OTA_IN_PROGRESS, ota.perform());
            assertFalse(ota.isCompleteDataReceived());
            assertEquals(EspErr.ESP_OK, ota.abort());
            assertEquals(0, d.ota().openUpdates());
            assertEquals(otadataBefore, d.readFlash(0xd000, 0x2000));
        }
    }
}
