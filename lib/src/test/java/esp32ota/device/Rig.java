package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;

import java.util.ArrayList;
import java.util.List;

/** Devices and images for the device tests, all from the sample generators. */
final class Rig {
    private Rig() {}

    /** nvs, otadata 0xd000, phy_init, ota_0 0x10000, ota_1 0x150000 (0x140000 each), no factory. */
    static PartitionTable noFactory() { return table("no_factory_two_ota"); }

    /** nvs, otadata, phy_init, factory 0x10000, ota_0 0x110000, ota_1 0x210000 (1 MB each). */
    static PartitionTable twoOta() { return table("two_ota"); }

    static PartitionTable table(String name) {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    static Bytes blink(String version, long secureVersion) { return ImageSamples.blink(version, secureVersion).build(); }

    /** A device with blink 1.0.0 in ota_0 on the no-factory table, erased otadata. */
    static VirtualEsp32Builder withBlink100(boolean rollback) {
        return VirtualEsp32.builder(noFactory()).rollback(rollback).app(AppSlot.ota(0), blink("1.0.0", 0));
    }

    /** Records every event. */
    static List<DeviceEvent> record(VirtualEsp32 d) {
        List<DeviceEvent> events = new ArrayList<>();
        d.addListener(events::add);
        return events;
    }

    /** The console lines of {@code b} without their timestamps: {@code I boot: text}, ROM lines as they are. */
    static List<String> untimed(Boot b) {
        return b.console().stream().map(l -> l.isRom() ? l.text()
                : l.level().orElseThrow().letter() + " " + l.tag() + ": " + l.text()).toList();
    }

    /** Runs a whole update of the running app to {@code image} in {@code slot}: begin, 1 KiB writes, end, set boot. */
    static void update(VirtualEsp32 d, AppSlot slot, Bytes image) {
        var ota = d.ota();
        int h = ota.begin(slot, esp32ota.ota.OtaApi.OTA_WITH_SEQUENTIAL_WRITES).orElseThrow();
        for (int i = 0; i < image.size(); i += 1024) {
            var err = ota.write(h, image.slice(i, Math.min(image.size(), i + 1024)));
            if (!err.ok()) throw new AssertionError("write: " + err);
        }
        if (!ota.end(h).ok()) throw new AssertionError("end failed");
        if (!ota.setBootPartition(slot).ok()) throw new AssertionError("set boot failed");
    }
}
