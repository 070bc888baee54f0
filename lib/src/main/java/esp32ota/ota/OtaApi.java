package esp32ota.ota;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.bytes.Bytes;
import esp32ota.flash.NorFlash;
import esp32ota.flash.PowerLossException;
import esp32ota.image.AppDescriptor;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionSubtype;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running app's {@code esp_ota_*} API (ESP-IDF components/app_update/esp_ota_ops.c) over a device's flash:
 * ESP-IDF's names, argument checks, error codes and log lines (tag {@code esp_ota_ops}). The rules about otadata
 * are not here: every call asks {@link OtaOps} or {@link OtaRollback} what to write, then writes it to flash as
 * the device does, sector erase then program, so a power cut can land between the two.
 *
 * <p>Not modelled: flash encryption (16-byte buffering), partition-table and bootloader targets, the master-branch
 * {@code ESP_ERR_OTA_ALREADY_IN_PROGRESS}, and {@code esp_ota_resume}.
 */
public final class OtaApi {
    static final String TAG = "esp_ota_ops";
    /** {@code OTA_SIZE_UNKNOWN}: erase the whole partition in {@link #begin}. */
    public static final long OTA_SIZE_UNKNOWN = 0xFFFF_FFFFL;
    /** {@code OTA_WITH_SEQUENTIAL_WRITES}: erase nothing in {@link #begin}; {@link #write} erases as it goes. */
    public static final long OTA_WITH_SEQUENTIAL_WRITES = 0xFFFF_FFFEL;
    private static final int SECTOR = NorFlash.SECTOR_SIZE;

    /** One open update ({@code ota_ops_entry_t}). */
    private static final class Update {
        final PartitionEntry partition;
        boolean needErase;
        long wroteSize;

        Update(PartitionEntry partition, boolean needErase) {
            this.partition = partition;
            this.needErase = needErase;
        }
    }

    private final OtaHost host;
    private final Map<Integer, Update> updates = new LinkedHashMap<>();
    private int lastHandle;

    public OtaApi(OtaHost host) { this.host = host; }

    // ---- update: begin, write, end, abort -------------------------------------------------------------------

    /**
     * {@code esp_ota_begin(partition, image_size, &handle)}. Checks, in order: the partition is in the table
     * (ESP_ERR_NOT_FOUND), is an OTA slot (ESP_ERR_INVALID_ARG), is not the running app
     * (ESP_ERR_OTA_PARTITION_CONFLICT), and, with rollback, the running app is not still PENDING_VERIFY
     * (ESP_ERR_OTA_ROLLBACK_INVALID_STATE). Then erases: nothing for {@link #OTA_WITH_SEQUENTIAL_WRITES}, the whole
     * partition for 0 or {@link #OTA_SIZE_UNKNOWN}, else {@code image_size} rounded up to 4 KiB; 64 KiB block erases
     * where aligned ({@code esp_flash_erase_region}); a size past the partition end is ESP_ERR_INVALID_SIZE from
     * {@code esp_partition_erase_range}, nothing erased. The value is the handle (1, 2, … per boot).
     *
     * <p>v5.5 and later (esp_ota_ops.c at v5.5–v6.0.x) allocate the handle before the erase, so a refused size
     * still uses up a handle number and leaves that update open; and, with rollback, run
     * {@code esp_ota_invalidate_inactive_ota_data_slot()} after the erase, once it succeeded.
     */
    public OtaResult<Integer> begin(AppSlot partition, long imageSize) {
        String fn = "esp_ota_begin(%s, %s)".formatted(partition, sizeName(imageSize));
        return guarded(fn, () -> {
            if (partition == null) return OtaResult.failed(EspErr.ESP_ERR_INVALID_ARG);
            Optional<PartitionEntry> p = find(partition);
            if (p.isEmpty()) return OtaResult.failed(EspErr.ESP_ERR_NOT_FOUND);
            if (!partition.isOta()) return OtaResult.failed(EspErr.ESP_ERR_INVALID_ARG);
            if (partition.equals(host.running())) return OtaResult.failed(EspErr.ESP_ERR_OTA_PARTITION_CONFLICT);
            if (host.config().rollback() && runningIsPendingVerify()) {
                log('E', "Running app has not confirmed state (ESP_OTA_IMG_PENDING_VERIFY)");
                return OtaResult.failed(EspErr.ESP_ERR_OTA_ROLLBACK_INVALID_STATE);
            }
            boolean v55 = v55OrLater();
            int handle = lastHandle + 1;
            if (v55) updates.put(lastHandle = handle, new Update(p.get(), imageSize == OTA_WITH_SEQUENTIAL_WRITES));
            if (imageSize != OTA_WITH_SEQUENTIAL_WRITES) {
                long size = imageSize == 0 || imageSize == OTA_SIZE_UNKNOWN ? p.get().size() : alignUp(imageSize);
                if (size > p.get().size()) return OtaResult.failed(EspErr.ESP_ERR_INVALID_SIZE);
                host.flash().eraseRegion(p.get().offset(), size);
            }
            if (!v55) updates.put(lastHandle = handle, new Update(p.get(), imageSize == OTA_WITH_SEQUENTIAL_WRITES));
            if (v55 && host.config().rollback() && host.config().invalidateInactiveOtadata()) {
                eraseLastBoot(true);                            // esp_ota_invalidate_inactive_ota_data_slot()
            }
            return OtaResult.ok(handle);
        }, OtaResult::err);
    }

    /**
     * {@code esp_ota_write(handle, data, size)}: appends {@code data}. In sequential mode it first erases the sectors
     * the data reaches that are not erased yet: from {@code wrote_size} if it is sector aligned, else from the next
     * sector, through the sector of the last byte, {@code (wrote_size + size - 1) / 4096} (the "- 1" is in v4.4.7+,
     * v5.0.6+, v5.1.3+ and v5.2+; earlier releases erased one sector more when the data ended on a boundary).
     * Then the first byte of an image must be 0xE9 (checked after that erase).
     */
    public EspErr write(int handle, Bytes data) {
        String fn = "esp_ota_write(%d, %s bytes)".formatted(handle, data == null ? "NULL" : data.size());
        return guarded(fn, () -> {
            if (data == null) {
                log('E', "write data is invalid");
                return EspErr.ESP_ERR_INVALID_ARG;
            }
            if (data.isEmpty()) {
                log('D', "write data size is 0");
                return EspErr.ESP_OK;
            }
            Update u = updates.get(handle);
            if (u == null) {
                log('E', "not found the handle");
                return EspErr.ESP_ERR_INVALID_ARG;
            }
            if (u.needErase) {
                long first = u.wroteSize / SECTOR, last = (u.wroteSize + data.size() - 1) / SECTOR;
                long from = u.wroteSize % SECTOR == 0 ? first : first + 1;
                if (last >= from) {
                    if ((last + 1) * SECTOR > u.partition.size()) return EspErr.ESP_ERR_INVALID_SIZE;
                    host.flash().eraseRegion(u.partition.offset() + from * SECTOR, (last - from + 1) * SECTOR);
                }
            }
            if (u.wroteSize == 0 && data.u8(0) != 0xE9) {
                log('E', "OTA image has invalid magic byte (expected 0xE9, saw 0x%02x)".formatted(data.u8(0)));
                return EspErr.ESP_ERR_OTA_VALIDATE_FAILED;
            }
            if (u.wroteSize + data.size() > u.partition.size()) return EspErr.ESP_ERR_INVALID_SIZE;
            host.flash().program(u.partition.offset() + u.wroteSize, data);
            u.wroteSize += data.size();
            return EspErr.ESP_OK;
        }, e -> e);
    }

    /**
     * {@code esp_ota_write_with_offset(handle, data, size, offset)}: programs {@code data} at {@code offset} in the
     * partition. Unlike {@link #write} it erases nothing and checks no magic byte, not even at offset 0
     * (esp_ota_ops.c v5.3–v6.0.x). Unknown handle: "OTA handle not found", ESP_ERR_INVALID_ARG; {@code offset}
     * past the partition ESP_ERR_INVALID_ARG, data past its end ESP_ERR_INVALID_SIZE ({@code esp_partition_write}).
     * A handle begun with {@link #OTA_WITH_SEQUENTIAL_WRITES} fails ESP-IDF's
     * {@code assert(it->need_erase == 0 && "must erase the partition before writing to it")}: {@code abort()},
     * the chip panics and restarts, nothing written (off a device the call then returns ESP_FAIL).
     */
    public EspErr writeWithOffset(int handle, Bytes data, long offset) {
        String fn = "esp_ota_write_with_offset(%d, %s bytes, 0x%x)".formatted(handle,
                data == null ? "NULL" : data.size(), offset);
        return guarded(fn, () -> {
            if (data == null) {
                log('E', "write data is invalid");
                return EspErr.ESP_ERR_INVALID_ARG;
            }
            Update u = updates.get(handle);
            if (u == null) {
                log('E', "OTA handle not found");
                return EspErr.ESP_ERR_INVALID_ARG;
            }
            if (u.needErase) {
                host.restart();                                 // assert failed → abort() → panic → reset
                return EspErr.ESP_FAIL;
            }
            if (offset < 0 || offset > u.partition.size()) return EspErr.ESP_ERR_INVALID_ARG;
            if (data.size() > u.partition.size() - offset) return EspErr.ESP_ERR_INVALID_SIZE;
            if (!data.isEmpty()) host.flash().program(u.partition.offset() + offset, data);
            u.wroteSize += data.size();
            return EspErr.ESP_OK;
        }, e -> e);
    }

    /**
     * {@code esp_ota_end(handle)}: the handle is freed whatever happens. Nothing written → ESP_ERR_INVALID_ARG; the
     * image in the partition must pass {@code esp_image_verify(ESP_IMAGE_VERIFY)} (magic, segments, checksum,
     * SHA-256, length; its segment lines are printed), else ESP_ERR_OTA_VALIDATE_FAILED. Only v5.5 and later add
     * the line {@code E esp_ota_ops: New image failed verification}; v5.3/v5.4 print the esp_image error alone.
     */
    public EspErr end(int handle) {
        return guarded("esp_ota_end(%d)".formatted(handle), () -> {
            Update u = updates.remove(handle);
            if (u == null) return EspErr.ESP_ERR_NOT_FOUND;
            if (u.wroteSize == 0) return EspErr.ESP_ERR_INVALID_ARG;
            if (!verifyLogged(u.partition)) {
                if (v55OrLater()) log('E', "New image failed verification");
                return EspErr.ESP_ERR_OTA_VALIDATE_FAILED;
            }
            return EspErr.ESP_OK;
        }, e -> e);
    }

    /** {@code esp_ota_abort(handle)}: frees the handle; the flash keeps what was written. */
    public EspErr abort(int handle) {
        return guarded("esp_ota_abort(%d)".formatted(handle),
                () -> updates.remove(handle) == null ? EspErr.ESP_ERR_NOT_FOUND : EspErr.ESP_OK, e -> e);
    }

    // ---- boot selection -------------------------------------------------------------------------------------

    /**
     * {@code esp_ota_set_boot_partition(partition)}: verifies the image (ESP_ERR_OTA_VALIDATE_FAILED), then factory
     * erases the whole otadata partition and an OTA slot gets one otadata copy rewritten
     * ({@link OtaOps#setBootPartition}). With anti-rollback, an app whose secure_version is below the eFuse gets its
     * partition erased and ESP_ERR_OTA_SMALL_SEC_VER.
     */
    public EspErr setBootPartition(AppSlot partition) {
        return guarded("esp_ota_set_boot_partition(%s)".formatted(partition), () -> {
            if (partition == null) return EspErr.ESP_ERR_INVALID_ARG;
            Optional<PartitionEntry> p = find(partition);
            if (p.isEmpty()) return EspErr.ESP_ERR_INVALID_ARG;
            if (!verifyLogged(p.get())) return EspErr.ESP_ERR_OTA_VALIDATE_FAILED;
            OtaCall<Void> call = OtaOps.setBootPartition(host.table(), otadata(), partition, bootConfig(),
                    host.config().algorithm());
            call.logs().forEach(host::log);
            if (call.result() == EspErr.ESP_ERR_OTA_SMALL_SEC_VER) {
                host.flash().eraseRegion(p.get().offset(), p.get().size());
            } else if (call.ok() && partition.equals(AppSlot.FACTORY)) {
                PartitionEntry od = OtadataInFlash.partition(host.table()).orElseThrow();
                host.flash().eraseRegion(od.offset(), od.size());
                call.writes().forEach(w -> host.otadataWritten(w.sector(), w.entry(), w.reason()));
            } else {
                apply(call.writes());
            }
            return call.result();
        }, e -> e);
    }

    /** {@code esp_ota_get_boot_partition()}: what otadata selects now (empty = NULL). */
    public Optional<AppSlot> getBootPartition() {
        return query("esp_ota_get_boot_partition()", () -> OtaOps.getBootPartition(host.table(), otadata()));
    }

    /** {@code esp_ota_get_running_partition()}. */
    public AppSlot getRunningPartition() { return host.running(); }

    /** {@code esp_ota_get_next_update_partition(NULL)}: the OTA slot after the running one. */
    public Optional<AppSlot> getNextUpdatePartition() { return getNextUpdatePartition(host.running()); }

    /** {@code esp_ota_get_next_update_partition(start_from)}. */
    public Optional<AppSlot> getNextUpdatePartition(AppSlot startFrom) {
        return query("esp_ota_get_next_update_partition(%s)".formatted(startFrom),
                () -> OtaOps.getNextUpdatePartition(host.table(), startFrom));
    }

    /**
     * {@code esp_ota_get_partition_description(partition, &desc)}: the {@code esp_app_desc_t} at offset 0x20;
     * ESP_ERR_NOT_FOUND if the partition is not in the table or the descriptor's magic is wrong.
     */
    public OtaResult<AppDescriptor> getPartitionDescription(AppSlot partition) {
        String fn = "esp_ota_get_partition_description(%s)".formatted(partition);
        return guarded(fn, () -> {
            if (partition == null) return OtaResult.<AppDescriptor>failed(EspErr.ESP_ERR_INVALID_ARG);
            Optional<AppDescriptor> d = find(partition).flatMap(p -> FlashedApps.descriptor(host.flash(), p));
            return d.map(OtaResult::ok).orElseGet(() -> OtaResult.failed(EspErr.ESP_ERR_NOT_FOUND));
        }, OtaResult::err);
    }

    /** {@code esp_ota_get_last_invalid_partition()}: the slot a rejected update sits in, if its image still verifies. */
    public Optional<AppSlot> getLastInvalidPartition() {
        return query("esp_ota_get_last_invalid_partition()",
                () -> OtaRollback.getLastInvalidPartition(host.table(), otadata(), bootConfig()));
    }

    /** {@code esp_ota_get_state_partition(partition, &state)}: the raw {@code esp_ota_img_states_t} code. */
    public OtaResult<Long> getStatePartition(AppSlot partition) {
        String fn = "esp_ota_get_state_partition(%s)".formatted(partition);
        return guarded(fn, () -> {
            OtaCall<Long> call = OtaRollback.getStatePartition(host.table(), otadata(), partition);
            call.logs().forEach(host::log);
            return new OtaResult<>(call.result(), call.value());
        }, OtaResult::err);
    }

    // ---- rollback -------------------------------------------------------------------------------------------

    /**
     * {@code esp_ota_mark_app_valid_cancel_rollback()}: the active copy becomes VALID; with anti-rollback the eFuse
     * is then raised to the running app's secure_version. ESP_FAIL ("Running firmware is factory") without one.
     */
    public EspErr markAppValidCancelRollback() {
        return guarded("esp_ota_mark_app_valid_cancel_rollback()", () -> {
            OtaCall<Void> call = OtaRollback.markAppValidCancelRollback(host.table(), otadata(), host.running(),
                    bootConfig());
            logAround(call.logs(), l -> l.tag().equals("efuse"), () -> {
                apply(call.writes());
                call.antiRollbackAfter().ifPresent(a -> host.burnSecureVersion(a.efuseSecureVersion()));
            });
            return call.result();
        }, e -> e);
    }

    /**
     * {@code esp_ota_mark_app_invalid_rollback_and_reboot()}: the active copy becomes INVALID and the device
     * restarts (the call does not return on a device). ESP_ERR_OTA_ROLLBACK_FAILED when
     * {@link #checkRollbackIsPossible()} is false. The INFO line is "Rollback to previously worked partition."
     * from v5.5 on (where the restart moved to the {@code _and_reboot} wrapper), "… partition. Restart." before.
     */
    public EspErr markAppInvalidRollbackAndReboot() {
        String fn = "esp_ota_mark_app_invalid_rollback_and_reboot()";
        EspErr result = guarded(fn, () -> {
            OtaCall<Void> call = OtaRollback.markAppInvalidRollback(host.table(), otadata(), bootConfig());
            String rollback = "Rollback to previously worked partition.";
            List<LogLine> shown = v55OrLater() ? call.logs() : call.logs().stream()
                    .map(l -> l.message().equals(rollback) ? new LogLine(l.level(), l.tag(), rollback + " Restart.") : l)
                    .toList();
            logAround(shown, l -> l.message().startsWith(rollback), () -> apply(call.writes()));
            return call.result();
        }, e -> e);
        if (result.ok()) host.restart();
        return result;
    }

    /** {@code esp_ota_check_rollback_is_possible()}. */
    public boolean checkRollbackIsPossible() {
        return guarded("esp_ota_check_rollback_is_possible()", () -> {
            OtaCall<Boolean> call = OtaRollback.checkRollbackIsPossible(host.table(), otadata(), bootConfig());
            call.logs().forEach(host::log);
            return call.value().orElse(false);
        }, b -> EspErr.ESP_OK);
    }

    /**
     * {@code esp_ota_erase_last_boot_app_partition()}: the inactive otadata copy must be written with a right CRC
     * and select a slot other than the running one; that app partition is erased, then the copy's sector.
     * ESP_FAIL otherwise.
     */
    public EspErr eraseLastBootAppPartition() {
        return guarded("esp_ota_erase_last_boot_app_partition()", () -> eraseLastBoot(false), r -> r);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The device this API runs on (for esp_https_ota and the download loops in this package). */
    OtaHost host() { return host; }

    /** The number of updates begun and not yet ended or aborted. */
    public int openUpdates() { return updates.size(); }

    private boolean runningIsPendingVerify() {
        OtaCall<Long> state = OtaRollback.getStatePartition(host.table(), otadata(), host.running());
        state.logs().forEach(host::log);                       // read_otadata's "not found otadata", if any
        return state.ok() && state.value().filter(s -> s == OtaImgState.PENDING_VERIFY.code()).isPresent();
    }

    /**
     * esp_ota_ops.c {@code erase_last_boot_app_partition(skip_app_part_erase)}, which is
     * {@code esp_ota_erase_last_boot_app_partition()} (false) and, v5.5+,
     * {@code esp_ota_invalidate_inactive_ota_data_slot()} (true): the inactive copy needs only a seq that is not
     * blank and a right CRC (its state does not matter: an INVALID or ABORTED copy qualifies), and a slot other than
     * the running one. Logs as {@code read_otadata} and the function do: E "not found otadata", D "finding
     * last_boot_app_partition ota_%d app..." (with ESP-IDF's 16 + slot).
     */
    private EspErr eraseLastBoot(boolean skipAppErase) {
        Optional<PartitionEntry> od = OtadataInFlash.partition(host.table());
        if (od.isEmpty()) {
            log('E', "not found otadata");
            return EspErr.ESP_FAIL;
        }
        int count = OtaOps.appPartitionCount(host.table());
        OtaData data = otadata();
        Optional<Integer> active = data.activeCopy();
        if (active.isEmpty() || count == 0) return EspErr.ESP_FAIL;
        int inactive = 1 - active.get();
        OtaSelectEntry e = data.copy(inactive);
        if (e.isBlankOrBadCrc()) return EspErr.ESP_FAIL;
        int slot = e.slot(count);
        log('D', "finding last_boot_app_partition ota_%d app...".formatted(PartitionSubtype.APP_OTA_MIN + slot));
        AppSlot last = AppSlot.ota(slot);
        Optional<PartitionEntry> p = find(last);
        if (p.isEmpty() || last.equals(host.running())) return EspErr.ESP_FAIL;
        if (!skipAppErase) host.flash().eraseRegion(p.get().offset(), p.get().size());
        long at = od.get().offset() + (long) inactive * OtaData.SECTOR_SIZE;
        host.flash().eraseRegion(at, OtaData.SECTOR_SIZE);
        host.otadataWritten(inactive, OtaSelectEntry.blank(at), skipAppErase
                ? "esp_ota_invalidate_inactive_ota_data_slot()" : "esp_ota_erase_last_boot_app_partition()");
        return EspErr.ESP_OK;
    }

    /** Whether the firmware is ESP-IDF v5.5 or later ({@link OtaConfig#idfVersion}; the default is v5.4.1). */
    private boolean v55OrLater() {
        return host.config().atLeast(5, 5);
    }

    /** esp_image_verify(ESP_IMAGE_VERIFY) on a partition, with its log lines as the app prints them. */
    private boolean verifyLogged(PartitionEntry p) {
        FlashedApps.SlotImage img = FlashedApps.readSlot(host.flash(), p, host.target());
        ImageLog.verified(img, host.target().chip().orElse(esp32ota.image.Chip.ESP32)).forEach(host::log);
        return img.bootable();
    }

    /**
     * A pure call returns its log and its writes apart; on a device they interleave. The lines {@code after} picks
     * (ESP-IDF logs them once the write is done) are printed after {@code writes} runs, the others before.
     */
    private void logAround(List<LogLine> logs, java.util.function.Predicate<LogLine> after, Runnable writes) {
        logs.stream().filter(after.negate()).forEach(host::log);
        writes.run();
        logs.stream().filter(after).forEach(host::log);
    }

    private void apply(List<OtadataWrite> writes) {
        for (OtadataWrite w : writes) {
            OtadataInFlash.write(host.flash(), host.table(), w);
            host.otadataWritten(w.sector(), w.entry(), w.reason());
        }
    }

    private BootConfig bootConfig() {
        return host.apps().bootConfig(host.config().rollback(), host.config().antiRollback(),
                host.efuseSecureVersion());
    }

    private OtaData otadata() { return OtadataInFlash.read(host.flash(), host.table()); }

    private Optional<PartitionEntry> find(AppSlot slot) { return AppView.of(host.table()).find(slot); }

    private Optional<AppSlot> query(String fn, Supplier<OtaCall<AppSlot>> body) {
        return guarded(fn, () -> {
            OtaCall<AppSlot> call = body.get();
            call.logs().forEach(host::log);
            return call.value();
        }, v -> EspErr.ESP_OK);
    }

    private void log(char level, String text) { host.log(new LogLine(level, TAG, text)); }

    /** Runs one call: reports its result, and a power cut to the host before rethrowing it. */
    private <T> T guarded(String fn, Supplier<T> body, java.util.function.Function<T, EspErr> resultOf) {
        T value;
        try {
            value = body.get();
        } catch (PowerLossException e) {
            host.powerLost(e);
            throw e;
        }
        host.called(fn, resultOf.apply(value));
        return value;
    }

    private static long alignUp(long size) { return (size + SECTOR - 1) / SECTOR * SECTOR; }

    private static String sizeName(long size) {
        if (size == OTA_SIZE_UNKNOWN) return "OTA_SIZE_UNKNOWN";
        if (size == OTA_WITH_SEQUENTIAL_WRITES) return "OTA_WITH_SEQUENTIAL_WRITES";
        return Long.toString(size);
    }
}
