package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.DeviceEvent;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashActivity;
import esp32ota.flash.FlashOp;
import esp32ota.ota.OtaApi;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The live progress view and the flash activity map fed by a real update on a virtual ESP32. */
class OtaViewsOnADeviceTest {
    @Test void anUpdateWithSequentialWritesShowsOneEraseStallPerSectorAndItsSectorsOnTheMap() {
        VirtualEsp32 d = VirtualEsp32.builder(BootTimelineTest.noFactory()).rollback(true)
                .app(AppSlot.ota(0), ImageSamples.blink("1.0.0", 0).build()).build();
        d.reset();
        var shown = new LiveDisplayTest.Recording();
        var view = OtaProgressView.start("ota", shown);
        List<FlashOp> ops = new ArrayList<>();
        List<Long> writeErases = new ArrayList<>();
        d.addListener(view::onEvent);
        d.addListener(e -> { if (e instanceof DeviceEvent.FlashOperation f) ops.add(f.op()); });

        Bytes image = ImageSamples.blink("2.0.0", 1).build();
        OtaApi ota = d.ota();
        int h = ota.begin(AppSlot.ota(1), OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        assertEquals("writing", view.progress().phase());
        long clockAtBegin = d.flash().clock().nowMicros();
        view.accept(new OtaProgress.Sample(0, image.size(), clockAtBegin, System.nanoTime()));
        for (int i = 0; i < image.size(); i += 1024) {
            int before = ops.size();
            assertTrue(ota.write(h, image.slice(i, Math.min(image.size(), i + 1024))).ok());
            ops.subList(before, ops.size()).stream().filter(o -> o instanceof FlashOp.Erase).forEach(o -> writeErases.add(o.address()));
            view.accept(new OtaProgress.Sample(Math.min(image.size(), i + 1024), image.size(), d.flash().clock().nowMicros(), System.nanoTime()));
        }
        assertTrue(ota.end(h).ok());
        assertTrue(ota.setBootPartition(AppSlot.ota(1)).ok());
        view.finish();

        OtaProgress p = view.progress();
        assertEquals("boot partition set", p.phase());
        assertEquals(100.0, p.percent().getAsDouble());
        // each sector erase on the way is one stall: the 1 KiB writes into a fresh sector wait for its erase
        long sectors = (image.size() + 0xFFF) / 0x1000;
        assertEquals(sectors, writeErases.size());
        assertEquals(sectors, p.rates().stream().filter(OtaProgress.Rate::stall).count());
        XYChart bar = (XYChart) shown.values.get(shown.values.size() - 2);
        assertEquals("OTA boot partition set: %s of %s (100 %%)".formatted(ByteSize.format(image.size()),
                ByteSize.format(image.size())), bar.getTitle());

        FlashActivity a = FlashActivity.of(ops, d.flashSize());
        Views.flashActivity(BootTimelineTest.noFactory(), a);
        var t = Views.flashActivityTable(BootTimelineTest.noFactory(), a);
        int ota1 = t.stringColumn("stretch").indexOf("ota_1");
        assertEquals((int) sectors, t.intColumn("sectors erased").get(ota1));
        assertEquals(image.size(), t.longColumn("bytes programmed").get(ota1));
        assertEquals(1, t.intColumn("erases").get(t.stringColumn("stretch").indexOf("otadata")));   // set_boot: one copy
    }
}
