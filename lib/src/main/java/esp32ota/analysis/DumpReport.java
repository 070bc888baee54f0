package esp32ota.analysis;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.image.AppImage;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.Target;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A full flash dump or a merged ("factory") image split into its parts, each read by the kit's own decoders:
 * <pre>
 * flash address    part
 * 0x0/0x1000/0x2000  2nd-stage bootloader (chip dependent, {@link BootloaderAddress})
 * 0x8000           partition table (CONFIG_PARTITION_TABLE_OFFSET; found by scanning when moved)
 * table's rows     otadata (with the boot decision), app partitions (image, verdict, descriptor), data partitions
 * </pre>
 * A merged image is a dump that starts at the bootloader's address instead of 0 ({@link #base()}): esptool's
 * {@code merge_bin} writes one for flashing at 0x1000 on an ESP32. {@link DumpRender} shows a report as text, JSON
 * and tablesaw tables.
 *
 * @param fileSize      bytes in the file
 * @param base          flash address of the file's first byte
 * @param baseReason    how the base was found (option, bootloader position, table position)
 * @param chip          the chip: from {@code --chip}, else the bootloader's header
 * @param bootloader    the bootloader, if the file holds one where the chip's ROM reads it
 * @param table         the partition table
 * @param tableReason   where the table was found
 * @param partitions    every row of the table with what the file holds for it
 * @param otadata       the otadata partition's bytes, when the table has one and the file covers it
 * @param decision      what the bootloader does with this flash ({@link Bootloader#decide})
 * @param nextBoot      one sentence: what would boot next, and why
 * @param assumptions   what the decision assumed (rollback setting, erased otadata outside the file)
 */
public record DumpReport(long fileSize, long base, String baseReason, Optional<Chip> chip,
                         Optional<BootloaderPart> bootloader, PartitionTable table, String tableReason,
                         List<PartitionPart> partitions, Optional<OtaData> otadata, BootDecision decision,
                         String nextBoot, List<String> assumptions) {
    public DumpReport {
        partitions = List.copyOf(partitions);
        assumptions = List.copyOf(assumptions);
    }

    /**
     * How to read a file: the chip ({@code --chip}; empty: from the bootloader), the flash address of its first byte
     * ({@code --base}; empty: worked out), and whether the bootloader was built with app rollback.
     */
    public record Options(Optional<Chip> chip, OptionalLong base, boolean rollback) {
        public static Options detect() { return new Options(Optional.empty(), OptionalLong.empty(), false); }

        public Options withChip(Chip c) { return new Options(Optional.of(c), base, rollback); }

        public Options withBase(long b) { return new Options(chip, OptionalLong.of(b), rollback); }

        public Options withRollback(boolean r) { return new Options(chip, base, r); }
    }

    /**
     * The bootloader image at its flash address.
     *
     * @param address    flash address
     * @param facts      the image's facts and verdict, when it could be framed
     * @param error      why it could not be framed, or null
     */
    public record BootloaderPart(long address, Optional<ImageFacts> facts, String error) {}

    /**
     * One partition and what the file holds for it.
     *
     * @param entry   the table row
     * @param content {@code app image}, {@code erased}, {@code otadata}, {@code data}, {@code not in file}
     * @param fill    used, erased and absent sectors
     * @param image   for app partitions with an image: its facts, judged in this slot
     * @param error   why an app partition's image could not be framed, or null
     */
    public record PartitionPart(PartitionEntry entry, String content, Fill fill, Optional<ImageFacts> image,
                                String error) {
        /** {@code app/ota_0}, {@code data/nvs}, {@code 0x40/0x01}. */
        public String typeName() {
            String type = entry.knownType().map(PartitionType::keyword).orElse("0x%02x".formatted(entry.type()));
            String sub = entry.knownSubtype().map(PartitionSubtype::keyword).orElse("0x%02x".formatted(entry.subtype()));
            return type + "/" + sub;
        }

        /** True when the bootloader could load this app partition. */
        public boolean bootable() { return image.map(ImageFacts::bootable).orElse(false); }
    }

    /** Flash addresses the table is looked for at first, then every 4 KiB boundary. */
    static final long DEFAULT_TABLE = PartitionTable.DEFAULT_ADDRESS;

    /**
     * Splits {@code file}. Throws {@link DecodeException} when no partition table can be found: without one the file
     * is not a dump (it may be a plain image: see {@link Identification}).
     */
    public static DumpReport split(Bytes file, Options options) {
        long tableAt = findTable(file, options.base().isPresent() ? DEFAULT_TABLE - options.base().getAsLong() : -1)
                .orElseThrow(() -> new DecodeException(DecodeException.Kind.BAD_VALUE, 0, "FlashDump",
                        "partition table", "32-byte rows (AA 50 …) and an end row at a 4 KiB boundary",
                        "none in %d bytes".formatted(file.size())));
        List<String> why = new ArrayList<>();
        long base = base(file, tableAt, options, why);
        String baseReason = why.get(0);
        Optional<Chip> chip = options.chip().or(() -> bootloaderChip(file, base));
        PartitionTable table = PartitionTable.decode(tableBytes(file, tableAt), base + tableAt);
        String tableReason = (base + tableAt == DEFAULT_TABLE ? "at the default address 0x8000"
                : "moved: found at flash 0x%X by scanning".formatted(base + tableAt))
                + " (file offset 0x%X, %d partitions, %s)".formatted(tableAt, table.entries().size(),
                table.md5Row().isPresent() ? "MD5 row matches" : "no MD5 row");
        Optional<BootloaderPart> bootloader = chip.map(c -> bootloaderPart(file, BootloaderAddress.of(c), base, c,
                base + tableAt));
        List<PartitionPart> parts = new ArrayList<>();
        for (PartitionEntry e : table.entries()) parts.add(partition(file, e, base, chip));
        Optional<OtaData> otadata = Optional.empty();
        List<String> assumptions = new ArrayList<>();
        assumptions.add("app rollback " + (options.rollback() ? "enabled" : "disabled")
                + " in the bootloader (CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE" + (options.rollback() ? ")" : " not set)"));
        Optional<PartitionEntry> otaEntry = table.find(PartitionSubtype.DATA_OTA);
        if (otaEntry.isPresent()) {
            long fo = otaEntry.get().offset() - base;
            if (fo >= 0 && fo + OtaData.SIZE <= file.size()) {
                otadata = Optional.of(OtaData.decode(file.slice((int) fo, (int) fo + OtaData.SIZE), otaEntry.get().offset()));
            } else {
                assumptions.add("otadata at 0x%X is not in the file: taken as erased (as after erase_flash)"
                        .formatted(otaEntry.get().offset()));
            }
        }
        Set<AppSlot> unbootable = new HashSet<>();
        for (PartitionPart p : parts) {
            if (!p.bootable()) AppSlot.of(p.entry()).ifPresent(unbootable::add);
        }
        BootDecision decision = Bootloader.decide(table, otadata.orElse(OtaData.erased(otaEntry.map(PartitionEntry::offset)
                .orElse(0L))), BootConfig.of(options.rollback()).withUnbootable(unbootable));
        return new DumpReport(file.size(), base, baseReason, chip, bootloader, table, tableReason, parts, otadata,
                decision, nextBoot(decision, parts), assumptions);
    }

    /**
     * The file offset of the first partition table: at {@code preferred} (when ≥ 0), else at 0x8000, 0x7000 or
     * 0x6000 (a dump, or merged for 0x1000 or 0x2000), else at the first 4 KiB boundary where one decodes.
     */
    public static Optional<Long> findTable(Bytes file, long preferred) {
        List<Long> tries = new ArrayList<>();
        if (preferred >= 0) tries.add(preferred);
        tries.addAll(List.of(DEFAULT_TABLE, DEFAULT_TABLE - 0x1000, DEFAULT_TABLE - 0x2000));
        for (long at : tries) if (tableAt(file, at)) return Optional.of(at);
        for (long at = PartitionTable.SECTOR_SIZE; at + PartitionEntry.SIZE <= file.size(); at += PartitionTable.SECTOR_SIZE) {
            if (tableAt(file, at)) return Optional.of(at);
        }
        return Optional.empty();
    }

    /** A table with at least one row and an end row decodes at file offset {@code at}. */
    static boolean tableAt(Bytes file, long at) {
        if (at <= 0 || at + 2 * PartitionEntry.SIZE > file.size()) return false;
        if (file.u16le((int) at) != PartitionEntry.MAGIC) return false;
        try {
            return !PartitionTable.decode(tableBytes(file, at), DEFAULT_TABLE).entries().isEmpty();
        } catch (DecodeException e) {
            return false;
        }
    }

    private static Bytes tableBytes(Bytes file, long at) {
        return file.slice((int) at, (int) Math.min(file.size(), at + PartitionTable.MAX_LENGTH));
    }

    /** The flash address of the file's first byte. */
    private static long base(Bytes file, long tableAt, Options options, List<String> why) {
        if (options.base().isPresent()) {
            why.add("--base 0x%X given".formatted(options.base().getAsLong()));
            return options.base().getAsLong();
        }
        if (options.chip().isPresent()) {
            long boot = BootloaderAddress.of(options.chip().get());
            if (boot != 0 && isImage(file, 0)) {
                why.add("the file starts with an image; --chip %s reads the bootloader at 0x%X: merged for 0x%X"
                        .formatted(options.chip().get().esptoolName(), boot, boot));
                return boot;
            }
            why.add("--chip %s: bootloader at 0x%X, file from 0x0".formatted(options.chip().get().esptoolName(), boot));
            return 0;
        }
        Optional<Chip> first = imageChipAt(file, 0);
        if (first.isPresent() && BootloaderAddress.of(first.get()) != 0) {
            long boot = BootloaderAddress.of(first.get());
            why.add("the file starts with a %s bootloader, which the ROM reads at 0x%X: merged for 0x%X"
                    .formatted(first.get().esptoolName(), boot, boot));
            return boot;
        }
        if (first.isPresent()) {
            why.add("the file starts with a %s bootloader, read at 0x0: a dump from 0x0".formatted(first.get().esptoolName()));
            return 0;
        }
        for (long at : List.of(0x1000L, 0x2000L)) {
            Optional<Chip> c = imageChipAt(file, at);
            if (c.isPresent() && BootloaderAddress.of(c.get()) == at) {
                why.add("%s bootloader at 0x%X: a dump from 0x0".formatted(c.get().esptoolName(), at));
                return 0;
            }
        }
        long base = Math.max(0, DEFAULT_TABLE - tableAt);
        why.add("no bootloader found; the table is taken to be at 0x8000, so the file starts at 0x%X".formatted(base));
        return base;
    }

    /** The chip of the image at the address its ROM reads the bootloader from, else of any image at the start. */
    static Optional<Chip> bootloaderChip(Bytes file, long base) {
        for (long address : List.of(0x0L, 0x1000L, 0x2000L)) {
            Optional<Chip> c = imageChipAt(file, address - base);
            if (c.isPresent() && BootloaderAddress.of(c.get()) == address) return c;
        }
        return imageChipAt(file, 0);
    }

    private static boolean isImage(Bytes file, long at) {
        return at >= 0 && at + ImageHeader.SIZE <= file.size() && file.u8((int) at) == ImageHeader.MAGIC;
    }

    /** The chip named by an ESP32-family image header at file offset {@code at}, if one is there. */
    static Optional<Chip> imageChipAt(Bytes file, long at) {
        if (!isImage(file, at)) return Optional.empty();
        int hash = file.u8((int) at + ImageHeader.OFF_HASH_APPENDED);
        if (hash > 1) return Optional.empty();
        return Chip.fromImageChipId(file.u16le((int) at + ImageHeader.OFF_CHIP_ID));
    }

    /** The bootloader at {@code address}: the bytes up to the partition table at {@code tableAddress}. */
    private static BootloaderPart bootloaderPart(Bytes file, long address, long base, Chip chip, long tableAddress) {
        long fo = address - base;
        if (fo < 0 || fo >= file.size() || tableAddress <= address) {
            return new BootloaderPart(address, Optional.empty(), "the file does not cover 0x%X".formatted(address));
        }
        Bytes bytes = file.slice((int) fo, (int) Math.min(file.size(), tableAddress - base));
        try {
            AppImage img = AppImage.decode(bytes);
            return new BootloaderPart(address, Optional.of(ImageFacts.of(img, Target.any().withChip(chip)
                    .withAddress(address))), null);
        } catch (DecodeException e) {
            return new BootloaderPart(address, Optional.empty(), e.getMessage());
        }
    }

    private static PartitionPart partition(Bytes file, PartitionEntry e, long base, Optional<Chip> chip) {
        long fo = e.offset() - base;
        if (fo < 0) {
            return new PartitionPart(e, "before the file", new Fill(e.size(), 0, 0, e.size(), List.of()),
                    Optional.empty(), null);
        }
        Fill fill = Fill.of(file, fo, e.size());
        if (fill.absent() == e.size()) return new PartitionPart(e, "not in file", fill, Optional.empty(), null);
        if (!e.isApp()) return new PartitionPart(e, e.is(PartitionSubtype.DATA_OTA) ? "otadata" : "data", fill,
                Optional.empty(), null);
        if (fill.used() == 0) return new PartitionPart(e, "erased", fill, Optional.empty(), null);
        Bytes slot = file.slice((int) fo, (int) Math.min(file.size(), fo + e.size()));
        Target target = Target.any().withPartitionSize(e.size()).withAddress(e.offset());
        if (chip.isPresent()) target = target.withChip(chip.get());
        try {
            return new PartitionPart(e, "app image", fill, Optional.of(ImageFacts.of(AppImage.decode(slot), target)), null);
        } catch (DecodeException x) {
            return new PartitionPart(e, "not an image", fill, Optional.empty(), x.getMessage());
        }
    }

    private static String nextBoot(BootDecision d, List<PartitionPart> parts) {
        if (d.booted().isEmpty()) {
            String why = d.trail().isEmpty() ? "" : ": " + d.trail().get(d.trail().size() - 1);
            return "nothing boots" + why;
        }
        AppSlot slot = d.booted().get();
        PartitionPart p = parts.stream().filter(x -> AppSlot.of(x.entry()).equals(Optional.of(slot))).findFirst()
                .orElseThrow();
        String app = p.image().map(DumpRender::describe).orElse("?");
        String from = d.activeOtadata().copy().map(a -> "otadata copy %d selects it".formatted(a))
                .orElse(d.startIndex().equals(Optional.of(AppSlot.FACTORY_INDEX)) ? "no valid otadata selection: factory first"
                        : "no valid otadata selection: ota_0 first");
        if (d.startPartition().isPresent() && !d.startPartition().get().equals(slot)) {
            from = "%s was tried first and does not load".formatted(d.startPartition().get());
        }
        return "%s ('%s' at 0x%X): %s; %s".formatted(slot, p.entry().name(), p.entry().offset(), app, from);
    }
}
