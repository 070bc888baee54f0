package esp32ota.ota;

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

/**
 * The application side of rollback (esp_ota_ops.c): confirming or rejecting the running app, and the queries around
 * it. Each function is pure: it returns the otadata it would leave behind in an {@link OtaCall}.
 */
public final class OtaRollback {
    private static final String TAG = OtaOps.TAG;

    private OtaRollback() {}

    /**
     * {@code esp_ota_mark_app_valid_cancel_rollback()}: the active copy becomes VALID (nothing is written if it
     * already is). With anti-rollback the eFuse counter is then raised to the running app's secure_version.
     */
    public static OtaCall<Void> markAppValidCancelRollback(PartitionTable table, OtaData otadata, AppSlot running,
                                                           BootConfig config) {
        return markRunningApp(table, otadata, Optional.of(running), config, true);
    }

    /**
     * {@link #markAppValidCancelRollback(PartitionTable, OtaData, AppSlot, BootConfig)} when it may be unknown which
     * app runs (nothing booted): with anti-rollback the eFuse burn then fails with ESP_ERR_INVALID_ARG.
     */
    public static OtaCall<Void> markAppValidCancelRollback(PartitionTable table, OtaData otadata,
                                                           Optional<AppSlot> running, BootConfig config) {
        return markRunningApp(table, otadata, running, config, true);
    }

    /**
     * {@code esp_ota_mark_app_invalid_rollback()} (the {@code _and_reboot} variant then restarts): the active copy
     * becomes INVALID, so the next boot selects the other copy or factory. Refused with
     * ESP_ERR_OTA_ROLLBACK_FAILED when {@link #checkRollbackIsPossible} is false.
     */
    public static OtaCall<Void> markAppInvalidRollback(PartitionTable table, OtaData otadata, BootConfig config) {
        return markRunningApp(table, otadata, Optional.empty(), config, false);
    }

    /** {@code esp_ota_current_ota_is_workable(valid)}. */
    private static OtaCall<Void> markRunningApp(PartitionTable table, OtaData otadata, Optional<AppSlot> running,
                                                BootConfig config, boolean valid) {
        AppView av = AppView.of(table);
        Journal j = new Journal(av.place(otadata), config.antiRollback());
        String fn = valid ? "esp_ota_mark_app_valid_cancel_rollback()" : "esp_ota_mark_app_invalid_rollback()";
        Optional<List<OtaSelectEntry>> read = av.readOtadata(j);
        if (read.isEmpty()) return OtaCall.of(fn, EspErr.ESP_ERR_NOT_FOUND, j);
        List<OtaSelectEntry> copies = read.get();
        Optional<Integer> chosen = j.activeOtadata(copies);
        if (chosen.isEmpty() || av.otaCount() == 0) {
            j.log('E', TAG, "Running firmware is factory");
            j.explain(chosen.isEmpty() ? "no valid copy, so no OTA app is running" : "the app counts no OTA slots");
            return OtaCall.of(fn, EspErr.ESP_FAIL, j);
        }
        int active = chosen.get();
        OtaSelectEntry e = copies.get(active);
        if (valid) {
            if (e.hasState(OtaImgState.VALID)) {
                j.explain("copy %d is already VALID: nothing to write", active);
                return OtaCall.of(fn, EspErr.ESP_OK, j);
            }
            j.log('D', TAG, "OTA[current] partition is marked as VALID");
            j.write(active, e.withState(OtaImgState.VALID.code()).withSeqAndCrc(e.otaSeq()), OtadataWrite.Kind.API,
                    fn);
            j.explain("copy %d: %s → VALID; rollback is cancelled for this app", active, OtaSelectEntryDescriber.stateName(e));
            EspErr result = config.antiRollback().isPresent() ? burnRunning(av, running, j) : EspErr.ESP_OK;
            return OtaCall.of(fn, result, j);
        }
        if (!rollbackPossible(av, j, config)) {
            j.log('E', TAG, "Rollback is not possible, do not have any suitable apps in slots");
            return OtaCall.of(fn, EspErr.ESP_ERR_OTA_ROLLBACK_FAILED, j);
        }
        j.log('D', TAG, "OTA[current] partition is marked as INVALID");
        j.write(active, e.withState(OtaImgState.INVALID.code()).withSeqAndCrc(e.otaSeq()), OtadataWrite.Kind.API,
                fn);
        j.log('I', TAG, "Rollback to previously worked partition.");
        j.explain("copy %d := INVALID: it will never be selected again", active);
        return OtaCall.of(fn, EspErr.ESP_OK, j);
    }

    /** {@code esp_ota_set_anti_rollback}: raise the eFuse counter to the running app's secure_version. */
    private static EspErr burnRunning(AppView av, Optional<AppSlot> running, Journal j) {
        if (running.flatMap(av::find).isEmpty()) {
            j.explain("the running partition is not in the table");
            return EspErr.ESP_ERR_INVALID_ARG;
        }
        Optional<Long> version = j.requireAntiRollback().secureVersion(running.get());
        if (version.isEmpty()) {
            j.explain("anti-rollback: the running app %s has no readable app description", running.get());
            return EspErr.ESP_ERR_NOT_FOUND;
        }
        return switch (j.updateSecureVersion(version.get())) {
            case RAISED, UNCHANGED -> EspErr.ESP_OK;
            case TOO_LARGE -> EspErr.ESP_ERR_INVALID_ARG;
            case BELOW_EFUSE -> EspErr.ESP_FAIL;
        };
    }

    /**
     * {@code esp_ota_check_rollback_is_possible()}: the copy that is not active is valid and selects a slot whose
     * image verifies (and passes anti-rollback), or, without anti-rollback, that copy is not valid and a factory app
     * verifies.
     */
    public static OtaCall<Boolean> checkRollbackIsPossible(PartitionTable table, OtaData otadata, BootConfig config) {
        AppView av = AppView.of(table);
        Journal j = new Journal(av.place(otadata), config.antiRollback());
        boolean possible = rollbackPossible(av, j, config);
        return OtaCall.of("esp_ota_check_rollback_is_possible()", EspErr.ESP_OK, Optional.of(possible), j);
    }

    private static boolean rollbackPossible(AppView av, Journal j, BootConfig config) {
        Optional<List<OtaSelectEntry>> read = av.readOtadata(j);
        int count = av.otaCount();
        if (read.isEmpty() || count == 0) return false;
        List<OtaSelectEntry> copies = read.get();
        boolean[] valid = {copies.get(0).isSelectValid(), copies.get(1).isSelectValid()};
        Optional<Integer> active = j.selectOtadata(copies, valid, OtaData.Pick.HIGHER_SEQ);
        if (active.isEmpty()) {
            j.explain("no valid copy: nothing to roll back from");
            return false;
        }
        int last = 1 - active.get();
        if (config.antiRollback().isEmpty() && !valid[last] && av.find(AppSlot.FACTORY).isPresent()
                && config.loads(AppSlot.FACTORY)) {
            j.explain("copy %d is not valid, but the factory app verifies: rollback goes to factory", last);
            return true;
        }
        if (valid[last]) {
            AppSlot slot = AppSlot.ota(copies.get(last).slot(count));
            if (av.find(slot).isPresent() && config.loads(slot) && passesAntiRollback(slot, config)) {
                j.explain("copy %d is valid and selects %s, whose image verifies: rollback goes there", last, slot);
                return true;
            }
        }
        j.explain("no other app to roll back to (copy %d is not valid or its app does not verify%s)", last,
                config.antiRollback().isPresent() ? ", and anti-rollback excludes factory" : "");
        return false;
    }

    private static boolean passesAntiRollback(AppSlot slot, BootConfig config) {
        return config.antiRollback().map(a -> a.secureVersion(slot).map(a::accepts).orElse(false)).orElse(true);
    }

    /**
     * {@code esp_ota_get_state_partition(p)}: the state of the first copy (0, then 1) whose slot is p's and whose CRC
     * is right. The value is the raw u32 state code.
     */
    public static OtaCall<Long> getStatePartition(PartitionTable table, OtaData otadata, AppSlot partition) {
        AppView av = AppView.of(table);
        Journal j = new Journal(av.place(otadata), Optional.empty());
        String fn = "esp_ota_get_state_partition(" + partition + ")";
        if (av.find(partition).isEmpty()) return OtaCall.of(fn, EspErr.ESP_ERR_INVALID_ARG, Optional.empty(), j);
        if (!partition.isOta()) {
            j.explain("%s is not an OTA slot", partition);
            return OtaCall.of(fn, EspErr.ESP_ERR_NOT_SUPPORTED, Optional.empty(), j);
        }
        int count = av.otaCount();
        Optional<List<OtaSelectEntry>> read = av.readOtadata(j);
        if (read.isEmpty() || count == 0) return OtaCall.of(fn, EspErr.ESP_ERR_NOT_FOUND, Optional.empty(), j);
        for (int i = 0; i < 2; i++) {
            OtaSelectEntry e = read.get().get(i);
            if (e.slot(count) == partition.index() && e.crcOk()) {
                j.explain("copy %d selects %s and its CRC is right: state %s", i, partition, OtaSelectEntryDescriber.stateName(e));
                return OtaCall.of(fn, EspErr.ESP_OK, Optional.of(e.stateCode()), j);
            }
        }
        j.explain("no copy with a right CRC selects %s", partition);
        return OtaCall.of(fn, EspErr.ESP_ERR_NOT_FOUND, Optional.empty(), j);
    }

    /**
     * {@code esp_ota_get_last_invalid_partition()}: among copies with a right CRC, a non-blank seq and state INVALID
     * or ABORTED, the one with the smaller seq; its partition, if its image still verifies. Empty = NULL.
     */
    public static OtaCall<AppSlot> getLastInvalidPartition(PartitionTable table, OtaData otadata, BootConfig config) {
        AppView av = AppView.of(table);
        Journal j = new Journal(av.place(otadata), Optional.empty());
        String fn = "esp_ota_get_last_invalid_partition()";
        Optional<List<OtaSelectEntry>> read = av.readOtadata(j);
        if (read.isEmpty()) return OtaCall.of(fn, EspErr.ESP_OK, Optional.empty(), j);
        List<OtaSelectEntry> copies = read.get();
        boolean[] invalid = new boolean[2];
        for (int i = 0; i < 2; i++) {
            OtaSelectEntry e = copies.get(i);
            invalid[i] = !e.isBlankSeq() && e.crcOk()
                    && (e.hasState(OtaImgState.INVALID) || e.hasState(OtaImgState.ABORTED));
        }
        Optional<Integer> chosen = j.selectOtadata(copies, invalid, OtaData.Pick.LOWER_SEQ);
        j.log('D', TAG, "Invalid otadata[%d]", chosen.orElse(-1));      // ESP-IDF prints -1 for none
        int count = av.otaCount();
        if (chosen.isEmpty() || count == 0) {
            j.explain(chosen.isEmpty() ? "no copy is INVALID or ABORTED with a right CRC"
                    : "the app counts no OTA slots");
            return OtaCall.of(fn, EspErr.ESP_OK, Optional.empty(), j);
        }
        int which = chosen.get();
        int slot = copies.get(which).slot(count);
        j.log('D', TAG, "Find invalid ota_%d app", PartitionSubtype.APP_OTA_MIN + slot);
        AppSlot found = AppSlot.ota(slot);
        if (av.find(found).isPresent() && !config.loads(found)) {
            j.log('D', TAG, "Last invalid partition has corrupted app");
            j.explain("copy %d marks %s, but its image no longer verifies: NULL", which, found);
            return OtaCall.of(fn, EspErr.ESP_OK, Optional.empty(), j);
        }
        j.explain("copy %d (the smaller seq among rejected copies) marks %s", which, found);
        return OtaCall.of(fn, EspErr.ESP_OK, av.find(found).map(p -> found), j);
    }
}
