package esp32ota.samples;

import esp32ota.bytes.Bytes;
import esp32ota.examples.OtaRun;
import esp32ota.flash.FlashTiming;
import esp32ota.http.LinkModel;
import esp32ota.partition.PartitionTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole-flash dumps a virtual ESP32 saved around one OTA (esp32ota.examples.OtaRun): blink 1.0.0 in ota_0 of
 * {@code no_factory_two_ota} (4 MiB, the smallest flash that table fits), rollback enabled, native_ota_example
 * updating to blink 2.0.0 over HTTP on 127.0.0.1. The bytes depend only on what was written, never on timing, so
 * every run writes the same files.
 */
public final class FlashDumpSamples implements SampleFamily {
    public static final String DIR = "flash/";
    public static final String FLASHED = DIR + "1-blink-1.0.0-flashed.bin";
    public static final String BEFORE_REBOOT = DIR + "2-ota-2.0.0-written-before-reboot.bin";
    public static final String CONFIRMED = DIR + "3-blink-2.0.0-confirmed.bin";

    @Override public String name() { return "Flash dumps around an OTA"; }

    @Override public Map<String, Bytes> files() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        PartitionTable table = PartitionTable.decode(PartitionTableSamples.binary(s), PartitionTable.DEFAULT_ADDRESS);
        OtaRun.Options o = OtaRun.Options.of(ImageSamples.blink("1.0.0", 0).build(),
                ImageSamples.blink("2.0.0", 1).build(), table).withRollback(true).withLink(LinkModel.INSTANT)
                .withTiming(FlashTiming.INSTANT);
        Map<String, Bytes> f = new LinkedHashMap<>();
        try {
            OtaRun.Report firstBoot = OtaRun.run(o.withMaxBoots(1));
            f.put(FLASHED, firstBoot.flashedImage());
            f.put(BEFORE_REBOOT, firstBoot.device().flash().dump());
            f.put(CONFIRMED, OtaRun.run(o).device().flash().dump());
        } catch (IOException e) {
            throw new UncheckedIOException("the local image server did not start", e);
        }
        return Collections.unmodifiableMap(f);
    }

    @Override public String readme() {
        return """
                ## Flash dumps around an OTA (`flash/`)

                Whole 4 MiB flash dumps (esp32ota.samples.FlashDumpSamples), byte for byte from address 0 as
                `esptool.py read_flash 0 ALL` writes them: bootloader at 0x1000, partition table
                `no_factory_two_ota` at 0x8000, otadata at 0xd000, ota_0 at 0x10000, ota_1 at 0x150000. The virtual
                ESP32 (rollback enabled) ran native_ota_example from blink 1.0.0 and updated to blink 2.0.0 over
                HTTP on 127.0.0.1 (`./kit ota run --from … --to … --rollback --save DUMP` does the same).

                | file | the flash … | try |
                |---|---|---|
                | `flash/1-blink-1.0.0-flashed.bin` | as `idf.py flash` leaves it: blink 1.0.0 in ota_0, otadata erased | `./kit boot --flash sample-images/flash/1-blink-1.0.0-flashed.bin` (no factory image, trying OTA 0) |
                | `flash/2-ota-2.0.0-written-before-reboot.bin` | after the update, before the restart: blink 2.0.0 in ota_1, otadata copy 1 = seq 2, NEW | `./kit boot --flash sample-images/flash/2-ota-2.0.0-written-before-reboot.bin --rollback` (NEW becomes PENDING_VERIFY, ota_1 boots) |
                | `flash/3-blink-2.0.0-confirmed.bin` | after the reboot: blink 2.0.0 passed its self-test, copy 1 is VALID | `./kit device run --flash sample-images/flash/3-blink-2.0.0-confirmed.bin --rollback` |
                """;
    }
}
