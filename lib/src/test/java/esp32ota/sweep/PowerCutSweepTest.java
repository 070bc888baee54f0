package esp32ota.sweep;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.NorFlash;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PowerCutSweepTest {
    static PartitionTable noFactory() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), 0x8000);
    }

    static Bytes blink(String version, long sv) { return ImageSamples.blink(version, sv).build(); }

    static VirtualEsp32 device(boolean rollback, Bytes old) {
        return VirtualEsp32.builder(noFactory()).rollback(rollback).app(AppSlot.ota(0), old).build();
    }

    @Test void blink100To200NeverBricks() {
        SweepResult r = PowerCutSweep.of(device(true, blink("1.0.0", 0)), blink("2.0.0", 1))
                .tears(EnumSet.allOf(NorFlash.Tear.class)).run();
        assertEquals("48 cut points, 0 unbootable", r.summary());
        assertEquals(0, r.unbootable().size());
    }
}
