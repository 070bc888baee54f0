package esp32ota.board;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.image.AppImage;
import esp32ota.image.Checksum;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.ImageVerifier;
import esp32ota.image.SegmentHeader;
import esp32ota.image.Target;
import esp32ota.image.Verdict;
import esp32ota.loader.LoaderException;
import esp32ota.loader.RomLoaderClient;
import esp32ota.ota.FlashedApps;
import esp32ota.ota.OtaCall;
import esp32ota.ota.OtaConfig;
import esp32ota.ota.OtaOps;
import esp32ota.ota.OtadataInFlash;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import esp32ota.serial.Transport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * An ESP32 in download mode on a serial line. {@link #read} only reads; {@link #writeSlot} is the one method that
 * writes, and it checks everything it can before the first byte goes out: the slot is an OTA slot of the table on
 * the board, the image is for an ESP32, fits the slot and verifies as {@code esp_image_verify} would. It writes the
 * image, checks the device's MD5, and only then (when asked) rewrites otadata as {@code esp_ota_set_boot_partition}
 * would on the otadata it reads back; any failure before that leaves otadata as it was.
 */
public final class Board {
    /** SYNC attempts when connecting (esptool: 5 per reset). */
    public static final int SYNC_ATTEMPTS = 5;

    private final RomLoaderClient client;
    private final RomLoaderClient.Esp32Summary chip;
    private final long flashSize;
    private long readBytes;

    private Board(RomLoaderClient client, RomLoaderClient.Esp32Summary chip) {
        this.client = client;
        this.chip = chip;
        long size = chip.flashId().size().orElse(4L << 20);
        this.flashSize = Math.max(NorFlash.MIN_SIZE, Math.min(NorFlash.MAX_SIZE, size));
    }

    /** Syncs with the ROM loader on {@code port} (no reset: the board must be in download mode) and identifies it. */
    public static Board connect(Transport port) { return connect(new RomLoaderClient(port)); }

    /** As {@link #connect(Transport)} with a client already made (its timeouts). A chip other than ESP32 is refused. */
    public static Board connect(RomLoaderClient client) {
        client.connect(SYNC_ATTEMPTS);
        return new Board(client, client.esp32Summary());
    }

    public RomLoaderClient client() { return client; }

    public RomLoaderClient.Esp32Summary chip() { return chip; }

    public long flashSize() { return flashSize; }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** The partition table at 0x8000. */
    public PartitionTable readTable() {
        return PartitionTable.decode(read(PartitionTable.DEFAULT_ADDRESS, PartitionTable.MAX_LENGTH),
                PartitionTable.DEFAULT_ADDRESS);
    }

    /**
     * Reads the table, both otadata entries and every app image (each only as far as its headers say it extends),
     * then runs the bootloader's decision on them. {@code rollback}: whether the firmware was built with
     * {@code CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE} (the board cannot tell).
     */
    public BoardReport read(boolean rollback) {
        long before = readBytes;
        PartitionTable table = readTable();
        NorFlash mirror = NorFlash.erased(flashSize, FlashTiming.INSTANT);
        Optional<PartitionEntry> otadataPartition = OtadataInFlash.partition(table);
        otadataPartition.ifPresent(p -> {
            for (int copy = 0; copy < OtaData.COPIES; copy++) {
                long at = p.offset() + (long) copy * OtaData.SECTOR_SIZE;
                if (at + 0x20 <= p.offset() + p.size()) mirror.program(at, read(at, 0x20));
            }
        });
        for (PartitionEntry p : table.entries()) {
            if (AppSlot.of(p).isEmpty() || p.offset() + p.size() > flashSize) continue;
            mirror.program(p.offset(), read(p.offset(), (int) extent(p)));
        }
        OtaData otadata = OtadataInFlash.read(mirror, table);
        Target target = Target.any().withChip(Chip.ESP32);
        FlashedApps apps = FlashedApps.read(mirror, table, target);
        BootDecision d = Bootloader.decide(table, otadata, apps.bootConfig(rollback, false, 0));
        return new BoardReport(chip, flashSize, table, otadata, apps, d, readBytes - before);
    }

    /** How far the image in {@code p} extends, from its headers (header, segments, checksum, digest). */
    private long extent(PartitionEntry p) {
        if (p.size() < ImageHeader.SIZE) return p.size();
        Bytes h = read(p.offset(), ImageHeader.SIZE);
        if (h.u8(ImageHeader.OFF_MAGIC) != ImageHeader.MAGIC) return ImageHeader.SIZE;
        long at = ImageHeader.SIZE;
        for (int i = 0; i < h.u8(ImageHeader.OFF_SEGMENT_COUNT); i++) {
            if (at + SegmentHeader.SIZE > p.size()) return p.size();
            at += SegmentHeader.SIZE + read(p.offset() + at, SegmentHeader.SIZE).u32le(SegmentHeader.OFF_DATA_LEN);
            if (at > p.size()) return p.size();
        }
        long end = Checksum.offsetAfter(at) + 1 + (h.u8(ImageHeader.OFF_HASH_APPENDED) != 0 ? AppImage.DIGEST_SIZE : 0);
        return Math.min(end, p.size());
    }

    private Bytes read(long address, int length) {
        readBytes += length;
        return client.readFlashSlow(address, length, null);
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    /**
     * Writes {@code image} into the OTA slot named {@code partition} ({@code ota_1}) and, when {@code switchBoot},
     * makes otadata select it. Refused before any write ({@link BoardException}): a name that is not an OTA app
     * partition of the board's table, an image that does not fit it, is not for an ESP32 or does not verify.
     *
     * @param compress  send it deflated (FLASH_DEFL_*), as {@code esptool write_flash -z}
     * @param rollback  the firmware's {@code CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE}: the new entry is NEW if on
     * @param progress  image bytes sent so far, after each block
     */
    public SlotWrite writeSlot(String partition, Bytes image, boolean compress, boolean switchBoot, boolean rollback,
                               LongConsumer progress) {
        PartitionTable table = readTable();
        PartitionEntry p = table.find(partition).orElseThrow(() -> new BoardException(
                "the board's partition table has no partition '%s' (it has %s)".formatted(partition, table.labels())));
        AppSlot slot = AppSlot.of(p).filter(AppSlot::isOta).orElseThrow(() -> new BoardException(
                "'%s' is not an OTA app slot (type 0x%02x, subtype 0x%02x)".formatted(partition, p.type(), p.subtype())));
        check(image, p);
        long start = System.nanoTime();
        RomLoaderClient.WriteResult w = client.writeFlash(p.offset(), image, compress, progress == null ? n -> { }
                : progress);
        if (!w.md5().equals(image.md5())) {
            throw new LoaderException(LoaderException.Kind.BAD_RESPONSE, "MD5 of %s after the write is %s, not %s"
                    .formatted(partition, w.md5().hex(), image.md5().hex()));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Optional<OtaCall<Void>> call = Optional.empty();
        if (switchBoot) call = Optional.of(switchTo(table, slot, rollback));
        return new SlotWrite(slot, p, image.size(), w.sentBytes(), w.md5(), call, elapsed);
    }

    /**
     * Makes otadata select the OTA slot {@code partition}, whose image is already in flash (written by another tool):
     * its image is read back and must verify, as {@code esp_ota_set_boot_partition} verifies it; then otadata is
     * rewritten as that call would. Refused ({@link BoardException}) before any write otherwise.
     */
    public OtaCall<Void> switchBoot(String partition, boolean rollback) {
        BoardReport r = read(rollback);
        PartitionEntry p = r.table().find(partition).orElseThrow(() -> new BoardException(
                "the board's partition table has no partition '%s' (it has %s)".formatted(partition, r.table().labels())));
        AppSlot slot = AppSlot.of(p).filter(AppSlot::isOta).orElseThrow(() -> new BoardException(
                "'%s' is not an OTA app slot (type 0x%02x, subtype 0x%02x)".formatted(partition, p.type(), p.subtype())));
        FlashedApps.SlotImage image = r.apps().image(slot).orElseThrow();
        if (!image.bootable()) {
            throw new BoardException("the image in '%s' would not boot: %s; otadata untouched".formatted(partition,
                    image.verdict().summary()));
        }
        return switchTo(r.table(), slot, rollback);
    }

    /** Refuses an image that is not for this chip, does not fit {@code p} or does not verify. */
    static void check(Bytes image, PartitionEntry p) {
        if (image.size() > p.size()) {
            throw new BoardException("a %d-byte image does not fit '%s' (0x%X = %d bytes); nothing was written"
                    .formatted(image.size(), p.name(), p.size(), p.size()));
        }
        AppImage decoded;
        try {
            decoded = AppImage.decode(image);
        } catch (DecodeException e) {
            throw new BoardException("not an app image: " + e.getMessage() + "; nothing was written");
        }
        Optional<Chip> imageChip = decoded.chip();
        if (imageChip.isPresent() && imageChip.get() != Chip.ESP32) {
            throw new BoardException("the image is for %s, the board is an ESP32; nothing was written"
                    .formatted(imageChip.get().esptoolName()));
        }
        Verdict v = ImageVerifier.verify(image, Target.any().withChip(Chip.ESP32).withPartitionSize(p.size())
                .withAddress(p.offset()));
        if (!v.bootable()) {
            throw new BoardException("the image would not boot from '%s': %s; nothing was written".formatted(
                    p.name(), v.summary()));
        }
    }

    /** {@code esp_ota_set_boot_partition} on the otadata read back now; its writes go out as flash writes. */
    private OtaCall<Void> switchTo(PartitionTable table, AppSlot slot, boolean rollback) {
        PartitionEntry od = OtadataInFlash.partition(table).orElseThrow(() -> new BoardException(
                "the table has no otadata partition: nothing selects an OTA slot"));
        NorFlash mirror = NorFlash.erased(flashSize, FlashTiming.INSTANT);
        for (int copy = 0; copy < OtaData.COPIES; copy++) {
            long at = od.offset() + (long) copy * OtaData.SECTOR_SIZE;
            mirror.program(at, read(at, 0x20));
        }
        OtaConfig config = OtaConfig.of(rollback);
        OtaCall<Void> call = OtaOps.setBootPartition(table, OtadataInFlash.read(mirror, table), slot,
                BootConfig.of(rollback), config.algorithm());
        if (!call.ok()) return call;
        for (OtadataWrite write : call.writes()) {
            long at = od.offset() + (long) write.sector() * OtaData.SECTOR_SIZE;
            client.writeFlash(at, write.entry().encode(), false, n -> { });
        }
        return call;
    }
}
