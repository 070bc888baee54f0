package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.ota.AppView;
import esp32ota.bytes.Bytes;
import esp32ota.flash.FlashTiming;
import esp32ota.flash.NorFlash;
import esp32ota.flash.VirtualClock;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a {@link VirtualEsp32}: either from a partition table (the flash gets a bootloader at 0x1000, the table's
 * binary at its address, otadata and app images in their partitions, 0xFF elsewhere, as {@code idf.py flash}
 * leaves it), or from a flash dump. Everything is checked in {@link #build()} before any flash exists.
 */
public final class VirtualEsp32Builder {
    private final PartitionTable table;
    private final Bytes dump;
    private final Map<AppSlot, Bytes> images = new LinkedHashMap<>();
    private Optional<OtaData> otadata = Optional.empty();
    private long flashSize = 4L << 20;
    private ChipIdentity chip = ChipIdentity.esp32();
    private DeviceConfig config = DeviceConfig.of(false);
    private AppCatalog apps = AppCatalog.builtIn();
    private long efuseSecureVersion;
    private FlashTiming timing = FlashTiming.TYPICAL;
    private VirtualClock clock = new VirtualClock();

    private VirtualEsp32Builder(PartitionTable table, Bytes dump) {
        this.table = table;
        this.dump = dump;
    }

    static VirtualEsp32Builder of(PartitionTable table) { return new VirtualEsp32Builder(table, null); }

    static VirtualEsp32Builder ofDump(Bytes dump) {
        VirtualEsp32Builder b = new VirtualEsp32Builder(null, dump);
        b.flashSize = NorFlash.sizeOfDump(dump.size()).orElseThrow(() -> new IllegalArgumentException(
                "a flash dump is 2, 4, 8 or 16 MiB, not %d bytes".formatted(dump.size())));
        return b;
    }

    /** Flash size in bytes (2, 4, 8 or 16 MiB; 4 MiB if not given). */
    public VirtualEsp32Builder flashSize(long bytes) {
        if (dump != null) throw new IllegalArgumentException("a dump's size is the flash size");
        this.flashSize = bytes;
        return this;
    }

    /** {@code image} in the app partition {@code slot}. */
    public VirtualEsp32Builder app(AppSlot slot, Bytes image) {
        requireTable();
        images.put(slot, image);
        return this;
    }

    /** The otadata partition's contents (erased if not given). */
    public VirtualEsp32Builder otadata(OtaData data) {
        requireTable();
        this.otadata = Optional.of(data);
        return this;
    }

    public VirtualEsp32Builder chip(ChipIdentity c) {
        this.chip = c;
        return this;
    }

    public VirtualEsp32Builder config(DeviceConfig c) {
        this.config = c;
        return this;
    }

    /** Shortcut for {@code config(DeviceConfig.of(rollback))}. */
    public VirtualEsp32Builder rollback(boolean on) { return config(DeviceConfig.of(on)); }

    public VirtualEsp32Builder apps(AppCatalog c) {
        this.apps = c;
        return this;
    }

    /** The eFuse anti-rollback counter at power-on (0 on a new chip). */
    public VirtualEsp32Builder efuseSecureVersion(long v) {
        if (v < 0 || v > 32) throw new IllegalArgumentException("the ESP32's secure version field holds 0-32");
        this.efuseSecureVersion = v;
        return this;
    }

    public VirtualEsp32Builder timing(FlashTiming t) {
        this.timing = t;
        return this;
    }

    public VirtualEsp32Builder clock(VirtualClock c) {
        this.clock = c;
        return this;
    }

    /** Checks the layout, then makes the flash and the device. */
    public VirtualEsp32 build() {
        if (chip.chip() != esp32ota.image.Chip.ESP32) {
            throw new IllegalArgumentException("only the ESP32's ROM and bootloader are modelled, not " + chip.chip());
        }
        Bytes contents = dump != null ? dump : layout();
        return new VirtualEsp32(NorFlash.of(contents, flashSize, clock, timing), chip, config, apps, efuseSecureVersion);
    }

    private Bytes layout() {
        if (Long.bitCount(flashSize) != 1 || flashSize < NorFlash.MIN_SIZE || flashSize > NorFlash.MAX_SIZE) {
            throw new IllegalArgumentException("flash size must be 2, 4, 8 or 16 MiB, not %d bytes".formatted(flashSize));
        }
        if (table.flashEnd() > flashSize) {
            throw new IllegalArgumentException("the table needs 0x%X bytes of flash, the chip has 0x%X"
                    .formatted(table.flashEnd(), flashSize));
        }
        byte[] flash = new byte[(int) flashSize];
        java.util.Arrays.fill(flash, (byte) 0xFF);
        Bytes bootloader = RomBoot.placeholderBootloader(flashSize);
        if (RomBoot.BOOTLOADER_OFFSET + bootloader.size() > table.address()) {
            throw new IllegalStateException("the bootloader placeholder overlaps the partition table");
        }
        bootloader.copyTo(flash, (int) RomBoot.BOOTLOADER_OFFSET);
        table.encode(true).copyTo(flash, (int) table.address());
        AppView view = AppView.of(table);
        otadata.ifPresent(o -> {
            PartitionEntry p = view.otadata().orElseThrow(() ->
                    new IllegalArgumentException("otadata given, but the table has no otadata partition"));
            if (o.size() > p.size()) {
                throw new IllegalArgumentException("otadata of 0x%X bytes does not fit '%s' (0x%X)"
                        .formatted(o.size(), p.name(), p.size()));
            }
            o.encode().copyTo(flash, (int) p.offset());
        });
        images.forEach((slot, image) -> {
            PartitionEntry p = view.find(slot).orElseThrow(() ->
                    new IllegalArgumentException("the table has no " + slot + " partition"));
            if (image.size() > p.size()) {
                throw new IllegalArgumentException("a %d-byte image does not fit %s '%s' (0x%X bytes)"
                        .formatted(image.size(), slot, p.name(), p.size()));
            }
            image.copyTo(flash, (int) p.offset());
        });
        return Bytes.of(flash);
    }

    private void requireTable() {
        if (table == null) throw new IllegalArgumentException("a device made from a dump takes its contents from it");
    }
}
