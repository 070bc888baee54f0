package esp32ota.cli;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.image.AppDescriptor;
import esp32ota.image.ImageBuilder;
import esp32ota.image.Segment;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import esp32ota.sweep.PowerCutSweep;
import esp32ota.sweep.SweepResult;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code ./kit bench ota}: (a) the power-cut sweep of a 1 MiB update, every erase and page program cut with every
 * tear: time and cut points per second; (b) a 1 MiB OTA download over the local HTTP server into a virtual ESP32
 * with instant flash: wall-clock MB/s next to a plain loopback download from the same server in the same run.
 */
final class OtaBench {
    private OtaBench() {}

    static int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--size")).atMostPositionals(0);
        int size = (int) FlashInputs.number("--size", args.option("--size").orElse("0x100000"));
        if (size < 0x10000 || size > 0x130000) {
            throw new CliException("bench ota: --size must be 0x10000..0x130000 (it must fit a 0x140000 slot)");
        }
        Bytes from = largeImage("1.0.0", size), to = largeImage("2.0.0", size);
        VirtualEsp32 device = VirtualEsp32.builder(noFactoryTable()).rollback(true).app(AppSlot.ota(0), from).build();
        console.out().printf("update image: %d bytes (%.2f MiB), blink 1.0.0 -> 2.0.0, rollback on%n", to.size(),
                to.size() / 1048576.0);
        PowerCutSweep sweep = PowerCutSweep.of(device, to).tears(EnumSet.allOf(NorFlash.Tear.class));
        sweep.run();                                                  // warm-up: JIT
        long t0 = System.nanoTime();
        SweepResult r = sweep.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        console.out().printf("power-cut sweep: %s (%d operations x %d tears) in %.2f s: %.0f cut points/s%n",
                r.summary(), r.operations(), 3, seconds, r.cuts().size() / seconds);
        return 0;
    }

    /** The no_factory_two_ota sample table: ota_0 and ota_1 of 0x140000 bytes each. */
    static PartitionTable noFactoryTable() {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), PartitionTable.DEFAULT_ADDRESS);
    }

    /**
     * A blink image of about {@code size} bytes, laid out as a real app of that size: DROM (descriptor and rodata,
     * a quarter), DRAM, IRAM, then IROM (the code, the rest) at a load address that agrees with its file offset modulo
     * 64 KiB. Pseudo-random contents from the version, so it is the same every run.
     */
    static Bytes largeImage(String version, int size) {
        ImageBuilder base = ImageSamples.blink(version, version.startsWith("1") ? 0 : 1);
        Random random = new Random(version.hashCode());
        int drom = size / 4 - AppDescriptor.SIZE, dram = 0x2000, iram = 0x10000;
        int headers = 0x18 + 4 * Segment.HEADER_SIZE + AppDescriptor.SIZE;
        int irom = size - headers - drom - dram - iram - 16 - 32;   // checksum padding and the SHA-256 after it
        long iromFileOffset = 0x18 + 3 * Segment.HEADER_SIZE + AppDescriptor.SIZE + drom + dram + iram
                + Segment.HEADER_SIZE;
        return base.withSegments(List.of(
                new ImageBuilder.Part(0x3F400020L, random(random, drom)),
                new ImageBuilder.Part(0x3FFB0000L, random(random, dram)),
                new ImageBuilder.Part(0x40080000L, random(random, iram)),
                new ImageBuilder.Part(0x400D0000L + iromFileOffset % 0x10000, random(random, irom)))).build();
    }

    private static Bytes random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Bytes.of(b);
    }
}
