package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionCsv;
import esp32ota.partition.PartitionTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A reproducible folder of firmware for scans, notebooks and benchmarks ({@code ./kit samples --corpus DIR --count N
 * --seed S}): file {@code i} comes from {@code new Random(seed * 1_000_003 + i)}, so the same arguments give the same
 * bytes. Of every 100 files, about:
 * <pre>
 *  70  app images: the ten chip families, four projects, IDF v4.4 to v5.4, 64 KiB to 4 MiB (a large DROM
 *      segment of 6-bit random data: as compressible as real code)
 *   8  broken app images (each {@link ImageBuilder.Defect})
 *   5  bootloaders        5  merged images (bootloader, table, otadata, two OTA apps)
 *   3  partition tables   3  otadata     3  encrypted-looking (random)     3  empty or junk
 * </pre>
 * Files are written one at a time (memory stays small whatever the count).
 */
public final class SyntheticCorpus {
    static final List<String> PROJECTS = List.of("blink", "hello", "sensor", "gateway");
    static final List<String> IDF = List.of("v4.4.7", "v5.0.4", "v5.1.2", "v5.2.2", "v5.3.1", "v5.4");
    static final String TABLE = """
            nvs,      data, nvs,     ,        0x4000,
            otadata,  data, ota,     ,        0x2000,
            phy_init, data, phy,     ,        0x1000,
            ota_0,    app,  ota_0,   0x20000, 0x180000,
            ota_1,    app,  ota_1,   ,        0x180000,
            """;

    private SyntheticCorpus() {}

    /** Writes {@code count} files under {@code dir}; returns their paths in order. */
    public static List<Path> write(Path dir, int count, long seed) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random r = new Random(seed * 1_000_003L + i);
            int roll = r.nextInt(100);
            String name;
            Bytes bytes;
            Chip chip = Chip.families().get(r.nextInt(Chip.families().size()));
            String chipName = chip.name().toLowerCase(Locale.ROOT).replace("_", "");
            if (roll < 70) {
                String project = PROJECTS.get(r.nextInt(PROJECTS.size()));
                name = "apps/%s/%s-%04d.bin".formatted(chipName, project, i);
                bytes = app(chip, project, r).build();
            } else if (roll < 78) {
                ImageBuilder.Defect d = ImageBuilder.Defect.values()[r.nextInt(ImageBuilder.Defect.values().length)];
                name = "broken/%s-%04d.bin".formatted(d.name().toLowerCase(Locale.ROOT).replace('_', '-'), i);
                bytes = app(chip, PROJECTS.get(0), r).buildBroken(d);
            } else if (roll < 83) {
                name = "bootloaders/%s-%04d.bin".formatted(chipName, i);
                bytes = MergedImage.bootloaderFor(chip, r.nextLong());
            } else if (roll < 88) {
                name = "merged/%s-%04d.bin".formatted(chipName, i);
                bytes = device(chip, r).merged();
            } else if (roll < 91) {
                name = "tables/table-%04d.bin".formatted(i);
                bytes = table(0x8000).encode(true);
            } else if (roll < 94) {
                name = "otadata/otadata-%04d.bin".formatted(i);
                bytes = otadata(table(0x8000).find("otadata").orElseThrow().offset(), r.nextInt(2), r.nextInt(5));
            } else if (roll < 97) {
                name = "encrypted/enc-%04d.bin".formatted(i);
                bytes = random(r, 0x4000 + r.nextInt(0x40000));
            } else {
                name = "junk/junk-%04d.bin".formatted(i);
                bytes = r.nextBoolean() ? Bytes.EMPTY : Bytes.utf8("not firmware " + i + "\n");
            }
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes.toByteArray());
            out.add(p);
        }
        return out;
    }

    /** An app of {@code project} for {@code chip}: random version, IDF and secure version, 64 KiB to 4 MiB. */
    static ImageBuilder app(Chip chip, String project, Random r) {
        String version = "%d.%d.%d".formatted(1 + r.nextInt(3), r.nextInt(10), r.nextInt(20));
        AppDescriptor d = AppDescriptor.of(version, project, r.nextInt(3), "%02d:%02d:00".formatted(r.nextInt(24),
                r.nextInt(60)), "Mar %2d 2025".formatted(1 + r.nextInt(28)), IDF.get(r.nextInt(IDF.size())),
                Bytes.utf8(project + version).sha256(), 0, 99, 16);
        ImageBuilder b = ImageBuilder.app(chip, d, r.nextLong());
        return withRodata(b, 0x10000 + r.nextInt(0x3F0000), r);
    }

    /**
     * Appends a read-only data segment of {@code size} bytes in the DROM window, 64 KiB past the first one, at the
     * address whose offset in a 64 KiB page matches its file offset (the bootloader's MMU rule).
     */
    static ImageBuilder withRodata(ImageBuilder b, int size, Random r) {
        long dataOffset = esp32ota.image.ImageHeader.SIZE;
        for (ImageBuilder.Part p : b.segments()) dataOffset += esp32ota.image.Segment.HEADER_SIZE + p.data().size();
        dataOffset += esp32ota.image.Segment.HEADER_SIZE;
        long drom = (b.segments().get(0).loadAddr() & ~0xFFFFL) + 0x10000;
        return b.withSegment(drom + dataOffset % 0x10000, rodata(r, size & ~3));
    }

    /** A device: bootloader, table at 0x8000, otadata selecting one of two apps. */
    static MergedImage device(Chip chip, Random r) {
        PartitionTable t = table(0x8000);
        int active = r.nextInt(2);
        return MergedImage.of(chip, t).withBootloader(MergedImage.bootloaderFor(chip, r.nextLong()))
                .with("otadata", otadata(t.find("otadata").orElseThrow().offset(), active, 1 + r.nextInt(4)))
                .with("ota_0", withRodata(ImageBuilder.app(chip, descriptor("1.0.0"), r.nextLong()), 0x20000, r).build())
                .with("ota_1", withRodata(ImageBuilder.app(chip, descriptor("1.1.0"), r.nextLong()), 0x20000, r).build());
    }

    private static AppDescriptor descriptor(String version) {
        return AppDescriptor.of(version, "gateway", 0, "12:00:00", "Mar  1 2025", "v5.4",
                Bytes.utf8("gateway " + version).sha256(), 0, 99, 16);
    }

    static PartitionTable table(long at) { return PartitionCsv.parse(TABLE, PartitionCsv.Options.defaults().withTableOffset(at)); }

    /** Otadata whose copy 0 selects {@code slot} of two, in state number {@code state} of {@link OtaImgState}. */
    static Bytes otadata(long address, int slot, int state) {
        byte[] b = Bytes.filled(0x2000, 0xFF).toByteArray();
        OtaImgState s = OtaImgState.values()[state % OtaImgState.values().length];
        OtaSelectEntry.written(address, slot + 1, s).encode().copyTo(b, 0);
        return Bytes.of(b);
    }

    /** Data as compressible as real code and constants: 6 random bits per byte (real apps measure 5-6). */
    private static Bytes rodata(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        for (int i = 0; i < n; i++) b[i] &= 0x3F;
        return Bytes.of(b);
    }

    private static Bytes random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Bytes.of(b);
    }
}
