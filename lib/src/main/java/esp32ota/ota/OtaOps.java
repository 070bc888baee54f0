package esp32ota.ota;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.Journal;
import esp32ota.boot.OtadataWrite;
import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The application's view of OTA boot selection, as pure functions over a table and otadata: ESP-IDF's
 * {@code esp_ota_get_boot_partition}, {@code esp_ota_get_next_update_partition} and
 * {@code esp_ota_set_boot_partition} (esp_ota_ops.c, tag {@code esp_ota_ops}). The rollback functions are in
 * {@link OtaRollback}. The app counts OTA slots up to the first gap ({@link AppView}).
 */
public final class OtaOps {
    static final String TAG = "esp_ota_ops";
    private static final long U32 = 0xFFFF_FFFFL;

    private OtaOps() {}

    /** {@code esp_ota_get_app_partition_count()}: ota_0, ota_1, … up to the first missing slot. */
    public static int appPartitionCount(PartitionTable table) { return AppView.of(table).otaCount(); }

    /**
     * {@code esp_ota_get_boot_partition()}: the partition otadata selects, without the bootloader's rewrites (so it
     * can disagree with what the bootloader will boot, e.g. for a PENDING_VERIFY copy). Empty = NULL.
     */
    public static OtaCall<AppSlot> getBootPartition(PartitionTable table, OtaData otadata) {
        AppView av = AppView.of(table);
        Journal j = new Journal(av.place(otadata), Optional.empty());
        String fn = "esp_ota_get_boot_partition()";
        Optional<List<OtaSelectEntry>> read = av.readOtadata(j);
        if (read.isEmpty()) return OtaCall.of(fn, EspErr.ESP_OK, Optional.empty(), j);
        List<OtaSelectEntry> copies = read.get();
        int count = av.otaCount();
        j.log('D', TAG, "found ota app max = %d", count);
        if ((copies.get(0).isSelectInvalid() && copies.get(1).isSelectInvalid()) || count == 0) {
            j.log('D', TAG, "finding factory app...");
            j.explain(count == 0 ? "the app counts no OTA slots (ota_0 missing)" : "neither copy can be selected");
            return OtaCall.of(fn, EspErr.ESP_OK, defaultBootPartition(av, j), j);
        }
        Optional<Integer> chosen = j.activeOtadata(copies);
        if (chosen.isEmpty()) {
            j.log('E', TAG, "ota data invalid, no current app. Assuming factory");
            return OtaCall.of(fn, EspErr.ESP_OK, defaultBootPartition(av, j), j);
        }
        int active = chosen.get();
        OtaSelectEntry e = copies.get(active);
        int slot = e.slot(count);
        j.log('D', TAG, "finding ota_%d app...", PartitionSubtype.APP_OTA_MIN + slot);
        j.explain("copy %d is active; %s → ota_%d (the log prints the subtype, %d, not the slot)", active,
                OtaSelectEntryDescriber.slotArithmetic(e, count), slot, PartitionSubtype.APP_OTA_MIN + slot);
        return OtaCall.of(fn, EspErr.ESP_OK, av.find(AppSlot.ota(slot)).flatMap(AppSlot::of), j);
    }

    /** {@code find_default_boot_partition}: factory, else the lowest OTA slot present, else test, else NULL. */
    private static Optional<AppSlot> defaultBootPartition(AppView av, Journal j) {
        if (av.find(AppSlot.FACTORY).isPresent()) return explainDefault(AppSlot.FACTORY, j);
        for (int n = 0; n < PartitionSubtype.APP_OTA_COUNT; n++) {
            if (av.find(AppSlot.ota(n)).isPresent()) return explainDefault(AppSlot.ota(n), j);
        }
        if (av.find(AppSlot.TEST).isPresent()) return explainDefault(AppSlot.TEST, j);
        j.log('E', TAG, "invalid partition table, no app partitions");
        return Optional.empty();
    }

    private static Optional<AppSlot> explainDefault(AppSlot slot, Journal j) {
        j.explain("default boot partition: %s (factory, else the lowest OTA slot, else test)", slot);
        return Optional.of(slot);
    }

    /**
     * {@code esp_ota_get_next_update_partition(start_from)}: the first OTA slot after {@code startFrom} in subtype
     * order, wrapping to the lowest; the lowest when {@code startFrom} is not an OTA slot (e.g. factory).
     */
    public static OtaCall<AppSlot> getNextUpdatePartition(PartitionTable table, AppSlot startFrom) {
        AppView av = AppView.of(table);
        Journal j = new Journal(OtaData.erased(0), Optional.empty());
        String fn = "esp_ota_get_next_update_partition(" + startFrom + ")";
        if (av.find(startFrom).isEmpty()) {
            j.explain("%s is not in the table: the real function fails an assert", startFrom);
            return OtaCall.of(fn, EspErr.ESP_ERR_INVALID_ARG, Optional.empty(), j);
        }
        Optional<AppSlot> first = Optional.empty();
        boolean nextIsResult = false;
        for (int n = 0; n < PartitionSubtype.APP_OTA_COUNT; n++) {
            if (av.find(AppSlot.ota(n)).isEmpty()) continue;
            if (first.isEmpty()) first = Optional.of(AppSlot.ota(n));
            if (AppSlot.ota(n).equals(startFrom)) nextIsResult = true;
            else if (nextIsResult) {
                j.explain("the next OTA slot after %s is ota_%d", startFrom, n);
                return OtaCall.of(fn, EspErr.ESP_OK, Optional.of(AppSlot.ota(n)), j);
            }
        }
        j.explain(first.isEmpty() ? "the table has no OTA slots: NULL"
                : "no OTA slot after %s: the lowest one, %s".formatted(startFrom, first.get()));
        return OtaCall.of(fn, EspErr.ESP_OK, first, j);
    }

    /**
     * {@code esp_ota_set_boot_partition(partition)}: verify the image, then make otadata select it on the next boot.
     * Factory is selected by erasing all of otadata; an OTA slot by rewriting one copy with a new seq and state NEW
     * (rollback enabled) or UNDEFINED.
     */
    public static OtaCall<Void> setBootPartition(PartitionTable table, OtaData otadata, AppSlot target,
                                                 BootConfig config, SetBootAlgorithm algorithm) {
        AppView av = AppView.of(table);
        Journal j = new Journal(av.place(otadata), config.antiRollback());
        String fn = "esp_ota_set_boot_partition(" + target + ")";
        if (av.find(target).isEmpty()) {
            j.explain("%s is not in the table: the call would get NULL", target);
            return OtaCall.of(fn, EspErr.ESP_ERR_INVALID_ARG, j);
        }
        if (!config.loads(target)) {
            j.explain("%s does not hold a valid image: esp_image_verify fails before otadata is touched", target);
            return OtaCall.of(fn, EspErr.ESP_ERR_OTA_VALIDATE_FAILED, j);
        }
        if (target.equals(AppSlot.FACTORY)) {
            if (av.otadata().isEmpty()) return OtaCall.of(fn, EspErr.ESP_ERR_NOT_FOUND, j);
            j.eraseAll(av.otadata().get().size(), fn + ": erase otadata");
            j.explain("factory is selected by erasing the whole otadata partition (blank otadata boots factory)");
            return OtaCall.of(fn, EspErr.ESP_OK, j);
        }
        if (config.antiRollback().isPresent()) {
            AntiRollback a = config.antiRollback().get();
            Optional<Long> version = a.secureVersion(target);
            if (version.isEmpty()) {
                j.explain("anti-rollback: %s has no readable app description", target);
                return OtaCall.of(fn, EspErr.ESP_ERR_NOT_FOUND, j);
            }
            if (!a.accepts(version.get())) {
                j.log('E', TAG, "This a new partition can not be booted due to a secure version is lower than stored "
                        + "in efuse. Partition will be erased.");
                j.explain("anti-rollback: %s has secure_version %d < eFuse %d; the real call also erases %s",
                        target, version.get(), a.efuseSecureVersion(), target);
                return OtaCall.of(fn, EspErr.ESP_ERR_OTA_SMALL_SEC_VER, j);
            }
        }
        return OtaCall.of(fn, rewriteOtaData(av, target, config.rollback(), algorithm, fn, j), j);
    }

    /** {@code esp_rewrite_ota_data(subtype)}. The slot is {@code subtype & 0x0F}, so "test" (0x20) means slot 0. */
    private static EspErr rewriteOtaData(AppView av, AppSlot target, boolean rollback, SetBootAlgorithm algorithm,
                                         String reason, Journal j) {
        Optional<List<OtaSelectEntry>> read = av.readOtadata(j);
        if (read.isEmpty()) return EspErr.ESP_ERR_NOT_FOUND;
        List<OtaSelectEntry> copies = read.get();
        int count = av.otaCount();
        int slot = target.subtype() & 0x0F;
        if (!target.isOta()) {
            j.explain("%s is not an OTA slot, but ESP-IDF takes subtype & 0x0F = %d as the slot", target, slot);
        }
        if (slot >= count) {
            j.explain("slot %d is not below the app's OTA slot count %d", slot, count);
            return EspErr.ESP_ERR_INVALID_ARG;
        }
        Optional<Integer> chosen = j.activeOtadata(copies);
        int next;
        long seq;
        if (chosen.isEmpty()) {
            next = 0;
            seq = slot + 1L;
            j.explain("no valid copy: write copy 0 with seq = slot + 1 = %d", seq);
        } else if (algorithm == SetBootAlgorithm.CURRENT && copies.get(chosen.get()).slot(count) == slot) {
            int active = chosen.get();
            next = active;
            seq = copies.get(active).otaSeq();
            j.explain("copy %d already selects ota_%d: rewrite it with the same seq %d and the new state", active, slot,
                    seq);
        } else {
            int active = chosen.get();
            next = 1 - active;
            OptionalLong found = seqForSlot(copies.get(active).otaSeq(), slot, count);
            if (found.isEmpty()) {
                j.explain("no u32 seq ≥ %d selects ota_%d among %d slots: the real loop never ends",
                        copies.get(active).otaSeq(), slot, count);
                return EspErr.ESP_FAIL;
            }
            seq = found.getAsLong();
            long current = copies.get(active).otaSeq();
            j.explain("copy %d is active with seq %d; the other copy, %d, gets the smallest seq ≥ %d with %s: %d",
                    active, current, next, current, OtaSelectEntryDescriber.seqRule(count, slot), seq);
        }
        OtaImgState state = rollback ? OtaImgState.NEW : OtaImgState.UNDEFINED;
        if (rollback) j.log('D', TAG, "Monitoring the first boot of the app is enabled.");
        j.write(next, copies.get(next).withState(state.code()).withSeqAndCrc(seq), OtadataWrite.Kind.API,
                reason);
        j.explain("copy %d := seq %d, state %s (rollback %s); its label bytes are kept", next, seq, state,
                rollback ? "enabled" : "disabled");
        return EspErr.ESP_OK;
    }

    /**
     * The seq ESP-IDF picks to select {@code slot}: the first {@code (slot + 1) % count + i × count} (u32 arithmetic,
     * i = 0, 1, …) that is &ge; {@code current}. Empty when no such u32 exists, where the C loop never ends.
     */
    static OptionalLong seqForSlot(long current, int slot, int count) {
        long base = (slot + 1L) % count;
        for (long round = 0; round < count; round++) {           // values base + i*count in [round*2^32, (round+1)*2^32)
            long low = round << 32;
            long target = low + current;
            long i = target <= base ? 0 : Math.floorDiv(target - base + count - 1, count);
            if (i > U32) break;                                   // i itself would wrap: the loop repeats forever
            long value = base + i * count;
            if (value < low + (1L << 32)) return OptionalLong.of(value & U32);
        }
        return OptionalLong.empty();
    }
}
