package esp32ota.ota;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.flash.NorFlash;
import esp32ota.image.AppDescriptor;
import esp32ota.image.AppImage;
import esp32ota.image.Checksum;
import esp32ota.image.Chip;
import esp32ota.image.ImageHeader;
import esp32ota.image.ImageVerifier;
import esp32ota.image.SegmentHeader;
import esp32ota.image.Target;
import esp32ota.image.Verdict;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The app images a flash holds, one per app partition of the table, judged as {@code esp_image_verify} judges them.
 * The pure boot and OTA rules take "which images do not load" and "each app's secure_version" as inputs; this is
 * where a device works them out from the bytes actually in flash.
 *
 * @param images every app partition's image, in table order (the first row with a role wins, as in the app)
 */
public record FlashedApps(Map<AppSlot, SlotImage> images) {
    /**
     * The image in one app partition.
     *
     * @param bytes      what was read: from the partition start through the checksum and digest the headers
     *                   announce (the whole partition when the headers point past it; 24 bytes when the magic is
     *                   wrong)
     * @param verdict    {@link ImageVerifier}'s judgement with the partition's size and address
     * @param descriptor the {@code esp_app_desc_t} at partition offset 0x20, if its magic is right (read directly,
     *                   as {@code esp_ota_get_partition_description} does, so a corrupt image may still have one)
     */
    public record SlotImage(AppSlot slot, PartitionEntry partition, Bytes bytes, Verdict verdict,
                            Optional<AppDescriptor> descriptor) {
        public boolean bootable() { return verdict.bootable(); }

        /** The framed image, when the bytes can be framed. */
        public Optional<AppImage> image() {
            try {
                return Optional.of(AppImage.decode(bytes));
            } catch (DecodeException e) {
                return Optional.empty();
            }
        }
    }

    public FlashedApps { images = Collections.unmodifiableMap(new LinkedHashMap<>(images)); }

    /** Reads every app partition of {@code table} from {@code flash}. */
    public static FlashedApps read(NorFlash flash, PartitionTable table, Target target) {
        return read(table, p -> readSlot(flash, p, target));
    }

    /** Reads and judges the image in {@code p}. */
    public static SlotImage readSlot(NorFlash flash, PartitionEntry p, Target target) {
        AppSlot slot = AppSlot.of(p).orElseThrow(() -> new IllegalArgumentException(p.name() + " is not an app"));
        Bytes bytes = flash.read(p.offset(), (int) Math.min(extent(flash, p), p.size()));
        Verdict verdict = ImageVerifier.verify(bytes, target.withPartitionSize(p.size()).withAddress(p.offset()));
        return new SlotImage(slot, p, bytes, verdict, descriptor(flash, p));
    }

    /** {@code esp_ota_get_partition_description}: the descriptor at offset 0x20, if its magic is right. */
    public static Optional<AppDescriptor> descriptor(NorFlash flash, PartitionEntry p) {
        int at = ImageHeader.SIZE + SegmentHeader.SIZE;
        if (p.size() < at + AppDescriptor.SIZE) return Optional.empty();
        AppDescriptor d = AppDescriptor.decode(ByteReader.of(flash.read(p.offset() + at, AppDescriptor.SIZE),
                p.offset() + at));
        return d.hasMagic() ? Optional.of(d) : Optional.empty();
    }

    /**
     * How many bytes the image in {@code p} claims, walking the segment headers as the loader does (without reading
     * segment data): header, segments, padding to the checksum byte, and the digest if one is announced.
     */
    static long extent(NorFlash flash, PartitionEntry p) {
        if (p.size() < ImageHeader.SIZE) return p.size();
        Bytes h = flash.read(p.offset(), ImageHeader.SIZE);
        if (h.u8(ImageHeader.OFF_MAGIC) != ImageHeader.MAGIC) return ImageHeader.SIZE;
        long at = ImageHeader.SIZE;
        for (int i = 0; i < h.u8(ImageHeader.OFF_SEGMENT_COUNT); i++) {
            if (at + SegmentHeader.SIZE > p.size()) return p.size();
            long length = flash.read(p.offset() + at, SegmentHeader.SIZE).u32le(SegmentHeader.OFF_DATA_LEN);
            at += SegmentHeader.SIZE + length;
            if (at > p.size()) return p.size();
        }
        long end = Checksum.offsetAfter(at) + 1 + (h.u8(ImageHeader.OFF_HASH_APPENDED) != 0 ? AppImage.DIGEST_SIZE : 0);
        return Math.min(end, p.size());
    }

    public Optional<SlotImage> image(AppSlot slot) { return Optional.ofNullable(images.get(slot)); }

    /** The app partitions whose image does not verify. */
    public Set<AppSlot> unbootable() {
        return images.values().stream().filter(i -> !i.bootable()).map(SlotImage::slot).collect(Collectors.toSet());
    }

    /** Each partition's secure_version, where its app description is readable. */
    public Map<AppSlot, Long> secureVersions() {
        Map<AppSlot, Long> out = new TreeMap<>(java.util.Comparator.comparingInt(AppSlot::index));
        images.values().forEach(i -> i.descriptor().ifPresent(d -> out.put(i.slot(), d.secureVersion())));
        return out;
    }

    /** The inputs of the pure rules: rollback, anti-rollback with this eFuse value (if on), unbootable images. */
    public BootConfig bootConfig(boolean rollback, boolean antiRollback, long efuseSecureVersion) {
        BootConfig c = BootConfig.of(rollback).withUnbootable(unbootable());
        return antiRollback ? c.withAntiRollback(AntiRollback.of(efuseSecureVersion, secureVersions())) : c;
    }

    /**
     * Slot images judged before, remembered by content, for power-cut sweeps that boot thousands of copies of one
     * flash: {@link #readSlot} answers from memory when the partition's bytes are the same as those of an image it
     * judged ({@link NorFlash#sameContent} against a copy of the flash taken then, cheap while the copies share
     * sectors), and reads and verifies otherwise. The answer is the same either way; only the work (and the read
     * time on the virtual clock) is saved. Mutable, single-threaded.
     */
    public static final class Memo {
        private static final int PER_PARTITION = 4;

        private record Key(long offset, long size, Target target) {}

        private record Entry(NorFlash snapshot, SlotImage image) {}

        private final Map<Key, Deque<Entry>> entries = new HashMap<>();
        private final Map<SlotImage, Map<Chip, List<LogLine>>> logs = new IdentityHashMap<>();
        private long hits, misses;

        /** {@link FlashedApps#readSlot}, from memory when {@code p} holds bytes judged before. */
        public SlotImage readSlot(NorFlash flash, PartitionEntry p, Target target) {
            Deque<Entry> list = entries.computeIfAbsent(new Key(p.offset(), p.size(), target), k -> new ArrayDeque<>());
            for (Entry e : list) {
                if (e.image().partition().equals(p) && flash.sameContent(e.snapshot(), p.offset(), p.size())) {
                    hits++;
                    return e.image();
                }
            }
            misses++;
            SlotImage image = FlashedApps.readSlot(flash, p, target);
            if (list.size() == PER_PARTITION) list.removeLast();
            list.addFirst(new Entry(flash.copy(), image));
            return image;
        }

        /**
         * {@link ImageLog#of}: the {@code esp_image} lines of an image this memo returned, remembered with it (they
         * re-decode the image, SHA-256 included).
         */
        public List<LogLine> imageLog(SlotImage image, Chip chip) {
            if (logs.size() > 64) logs.clear();
            return logs.computeIfAbsent(image, i -> new IdentityHashMap<>()).computeIfAbsent(chip,
                    c -> ImageLog.of(image, c));
        }

        /** {@link FlashedApps#read} through {@link #readSlot}. */
        public FlashedApps read(NorFlash flash, PartitionTable table, Target target) {
            return FlashedApps.read(table, p -> readSlot(flash, p, target));
        }

        /** Slot images answered from memory so far. */
        public long hits() { return hits; }

        /** Slot images read and verified so far. */
        public long misses() { return misses; }
    }

    /**
     * The bootloader's decision as the real bootloader reaches it: an app partition's image is read and verified only
     * when the bootloader tries to boot it. Decides with the images known to fail so far; if the slot it picks does
     * not verify, that slot joins them and it decides again. {@link Bootloader} asks whether an image loads only
     * when it tries that slot, in order, so this reaches the same decision as judging every slot first
     * ({@link #read} then {@link #bootConfig}). Secure versions come from every slot's app description, as there.
     *
     * @param tried the judged images: the booted one and every one that failed before it
     */
    public record Decided(BootDecision decision, FlashedApps tried) {}

    /** See {@link Decided}; {@code judge} reads and verifies one app partition ({@link Memo#readSlot}, say). */
    public static Decided decideJudgingTried(NorFlash flash, PartitionTable table, OtaData otadata,
                                             Function<PartitionEntry, SlotImage> judge, boolean rollback,
                                             boolean antiRollback, long efuseSecureVersion) {
        Map<AppSlot, PartitionEntry> partitions = new LinkedHashMap<>();
        Map<AppSlot, Long> versions = new TreeMap<>(java.util.Comparator.comparingInt(AppSlot::index));
        for (PartitionEntry p : table.entries()) {
            AppSlot.of(p).ifPresent(slot -> {
                if (partitions.containsKey(slot)) return;
                partitions.put(slot, p);
                descriptor(flash, p).ifPresent(d -> versions.put(slot, d.secureVersion()));
            });
        }
        Map<AppSlot, SlotImage> judged = new LinkedHashMap<>();
        Set<AppSlot> bad = new HashSet<>();
        while (true) {
            BootConfig c = BootConfig.of(rollback).withUnbootable(bad);
            if (antiRollback) c = c.withAntiRollback(AntiRollback.of(efuseSecureVersion, versions));
            BootDecision decision = Bootloader.decide(table, otadata, c);
            Optional<AppSlot> booted = decision.booted();
            if (booted.isEmpty() || !partitions.containsKey(booted.get())) {
                return new Decided(decision, new FlashedApps(judged));
            }
            SlotImage image = judged.computeIfAbsent(booted.get(), s -> judge.apply(partitions.get(s)));
            if (image.bootable()) return new Decided(decision, new FlashedApps(judged));
            bad.add(booted.get());
        }
    }

    private static FlashedApps read(PartitionTable table, Function<PartitionEntry, SlotImage> judge) {
        Map<AppSlot, SlotImage> out = new LinkedHashMap<>();
        for (PartitionEntry p : table.entries()) {
            AppSlot.of(p).ifPresent(slot -> {
                if (!out.containsKey(slot)) out.put(slot, judge.apply(p));
            });
        }
        return new FlashedApps(out);
    }
}
