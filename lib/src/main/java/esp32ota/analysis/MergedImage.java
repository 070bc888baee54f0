package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.image.Chip;
import esp32ota.image.ImageBuilder;
import esp32ota.image.MemoryMap;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The flash contents of one device put together: bootloader, partition table and what each partition holds, written
 * out as esptool writes them:
 * <ul>
 * <li>{@link #merged()}: a merged image ({@code esptool merge_bin}), from the chip's bootloader address to the end
 *     of the last part, gaps filled with 0xFF; flashed at {@link BootloaderAddress#of}</li>
 * <li>{@link #dump(long)}: a whole flash as {@code esptool read_flash 0 ALL} reads it, 0xFF where nothing was
 *     written</li>
 * </ul>
 * The inverse of {@link DumpReport#split}; used for tests, the synthetic corpus and the notebook.
 *
 * @param chip       the chip: where the bootloader goes
 * @param bootloader the bootloader image
 * @param table      the partition table (its address is where it is written)
 * @param contents   partition name → bytes written at its start
 */
public record MergedImage(Chip chip, Bytes bootloader, PartitionTable table, Map<String, Bytes> contents) {
    public MergedImage {
        contents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contents));
    }

    /** A device with a small generated bootloader and nothing in its partitions yet. */
    public static MergedImage of(Chip chip, PartitionTable table) {
        return new MergedImage(chip, bootloaderFor(chip, chip.imageChipId()), table, Map.of());
    }

    public MergedImage withBootloader(Bytes image) { return new MergedImage(chip, image, table, contents); }

    /** {@code bytes} written at the start of partition {@code name}; they must fit in it. */
    public MergedImage with(String name, Bytes bytes) {
        PartitionEntry e = table.find(name).orElseThrow(() -> new IllegalArgumentException(
                "the table has no partition '%s' (it has %s)".formatted(name, table.labels())));
        if (bytes.size() > e.size()) {
            throw new IllegalArgumentException("%d bytes do not fit in '%s' (0x%X bytes)".formatted(bytes.size(), name,
                    e.size()));
        }
        Map<String, Bytes> next = new LinkedHashMap<>(contents);
        next.put(name, bytes);
        return new MergedImage(chip, bootloader, table, next);
    }

    /** The merged image: from the bootloader's address to the end of the last part written. */
    public Bytes merged() {
        long from = BootloaderAddress.of(chip);
        long end = table.address() + PartitionTable.SECTOR_SIZE;
        for (var c : contents.entrySet()) end = Math.max(end, table.find(c.getKey()).orElseThrow().offset() + c.getValue().size());
        return write(from, end - from);
    }

    /** A whole flash of {@code flashSize} bytes, from address 0. */
    public Bytes dump(long flashSize) { return write(0, flashSize); }

    private Bytes write(long from, long size) {
        byte[] flash = new byte[Math.toIntExact(size)];
        java.util.Arrays.fill(flash, (byte) 0xFF);
        put(flash, from, BootloaderAddress.of(chip), bootloader);
        put(flash, from, table.address(), table.encode(true));
        for (var c : contents.entrySet()) put(flash, from, table.find(c.getKey()).orElseThrow().offset(), c.getValue());
        return Bytes.of(flash);
    }

    private static void put(byte[] flash, long from, long address, Bytes bytes) {
        long at = address - from;
        if (at < 0 || at + bytes.size() > flash.length) {
            throw new IllegalArgumentException("0x%X bytes at 0x%X do not fit in a flash of 0x%X bytes from 0x%X"
                    .formatted(bytes.size(), address, flash.length, from));
        }
        bytes.copyTo(flash, (int) at);
    }

    /**
     * A small 2nd-stage bootloader for {@code chip}: RAM-only (a DRAM and an IRAM segment, pseudo-random contents
     * from {@code seed}), checksum and hash valid. It carries no descriptor: scans know it by its size.
     */
    public static Bytes bootloaderFor(Chip chip, long seed) {
        Random random = new Random(seed);
        long dram = regionStart(chip.memoryMap(), "DRAM"), iram = regionStart(chip.memoryMap(), "IRAM");
        return ImageBuilder.forChip(chip).withSegment(dram + 0x100, data(random, 0x800))
                .withSegment(iram + 0x100, data(random, 0x1800)).withEntry(iram + 0x100).build();
    }

    private static long regionStart(MemoryMap map, String type) {
        return map.regions().stream().filter(r -> r.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " region")).start();
    }

    private static Bytes data(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return Bytes.of(b);
    }
}
