package esp32ota.boot;

import esp32ota.describe.OtaSelectEntryDescriber;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first half of a boot: {@code bootloader_utility_get_selected_boot_partition} (bootloader_utility.c), which
 * reads otadata, may rewrite it, and returns the index the load loop starts from.
 *
 * <p>{@code Mapping seq %u} is printed unsigned as current ESP-IDF does; releases before v5 printed it with
 * {@code %d}, so seq 0 showed as -1 there.
 *
 * <p>One instance runs one selection, on the view, journal and configuration of the boot it belongs to.
 */
final class BootSelection {
    static final String TAG = "boot";

    /**
     * What the selection decided.
     *
     * @param start   the start index in the bootloader's numbering (slot n, {@link AppSlot#FACTORY_INDEX}); empty
     *                when the selection failed ({@code INVALID_INDEX})
     * @param active  the copy the selection used
     * @param initial {@code ota_has_initial_contents}
     * @param failure why the selection failed; present exactly when {@code start} is empty
     */
    record Result(Optional<Integer> start, ActiveOtadata active, boolean initial, Optional<String> failure) {}

    private final BootloaderView view;
    private final Journal journal;
    private final BootConfig config;

    BootSelection(BootloaderView view, Journal journal, BootConfig config) {
        this.view = view;
        this.journal = journal;
        this.config = config;
    }

    private static Result at(int start, ActiveOtadata active, boolean initial) {
        return new Result(Optional.of(start), active, initial, Optional.empty());
    }

    private static Result failed(String reason) {
        return new Result(Optional.empty(), ActiveOtadata.NOT_COMPARED, false, Optional.of(reason));
    }

    Result run() {
        if (!view.hasOtadata()) {
            journal.explain("no otadata partition (data/ota) in the table: the bootloader reads no otadata and starts "
                    + "at the factory index (-1)");
            return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NOT_COMPARED, false);
        }
        PartitionEntry info = view.otadata().orElseThrow();
        if (info.size() < 2L * OtaData.SECTOR_SIZE) {
            journal.log('E', TAG, "ota_info partition size %d is too small (minimum %d bytes)", info.size(),
                    2 * OtaData.SECTOR_SIZE);
            journal.explain("the otadata partition is only 0x%x bytes, less than two sectors: INVALID_INDEX, reset",
                    info.size());
            return failed("otadata partition smaller than 0x2000");
        }
        journal.log('D', TAG, "OTA data offset 0x%x", info.offset());
        List<OtaSelectEntry> copies = new ArrayList<>(journal.otadata().copies());
        for (int i = 0; i < 2; i++) {
            journal.log('D', TAG, "otadata[%d]: sequence values 0x%08x", i, copies.get(i).otaSeq());
        }
        for (int i = 0; i < 2; i++) journal.explain("copy " + i + ": " + OtaSelectEntryDescriber.summary(copies.get(i)));
        if (config.rollback()) abortUnconfirmed(copies);
        boolean initial = copies.get(0).isBlankOrBadCrc() && copies.get(1).isBlankOrBadCrc();
        if (config.antiRollback().isPresent()) return withAntiRollback(copies, initial);
        if ((copies.get(0).isSelectInvalid() && copies.get(1).isSelectInvalid()) || view.appCount() == 0) {
            journal.log('D', TAG, "OTA sequence numbers both empty (all-0xFF) or partition table does not have "
                    + "bootable ota_apps (app_count=%d)", view.appCount());
            journal.explain(view.appCount() == 0 ? "the table has no OTA app partitions (app_count = 0)"
                    : "neither copy can be selected (blank, INVALID or ABORTED)");
            if (view.hasFactory()) {
                journal.log('I', TAG, "Defaulting to factory image");
                journal.explain("there is a factory app: start at the factory index (-1)");
                return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NOT_COMPARED, false);
            }
            journal.log('I', TAG, "No factory image, trying OTA 0");
            journal.explain("no factory app: start at ota_0 (index 0)");
            if (initial) {
                journal.explain("both copies are blank or have a bad CRC: otadata counts as initial, and the slot that "
                        + "boots will be recorded in copy 0");
            }
            return at(0, ActiveOtadata.NOT_COMPARED, initial);
        }
        boolean[] valid = {copies.get(0).isSelectValid(), copies.get(1).isSelectValid()};
        return fromActive(journal.selectOtadata(copies, valid, OtaData.Pick.HIGHER_SEQ), valid, copies);
    }

    /** With rollback enabled, an app that never confirmed itself (still PENDING_VERIFY) is marked ABORTED. */
    private void abortUnconfirmed(List<OtaSelectEntry> copies) {
        for (int i = 0; i < 2; i++) {
            if (copies.get(i).hasState(OtaImgState.PENDING_VERIFY)) {
                journal.log('D', TAG, "otadata[%d] is marking as ABORTED", i);
                copies.set(i, copies.get(i).withState(OtaImgState.ABORTED.code()));
                journal.write(i, copies.get(i), OtadataWrite.Kind.SELECTION, "PENDING_VERIFY -> ABORTED");
                journal.explain("rollback enabled: copy %d is still PENDING_VERIFY, so its app ran once without "
                        + "confirming itself → rewritten ABORTED and never selected again", i);
            }
        }
    }

    private Result withAntiRollback(List<OtaSelectEntry> copies, boolean initial) {
        AntiRollback a = journal.requireAntiRollback();
        journal.log('I', TAG, "Enabled a check secure version of app for anti rollback");
        journal.log('I', TAG, "Secure version (from eFuse) = %d", a.efuseSecureVersion());
        if (initial) {
            journal.log('I', TAG, "otadata[0..1] in initial state");
            journal.explain("anti-rollback: both copies are blank or have a bad CRC → initial state; start at the "
                    + "factory index (-1) and record the OTA slot that boots in copy 0");
            return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NOT_COMPARED, true);
        }
        boolean[] eligible = new boolean[2];
        for (int i = 0; i < 2; i++) {
            if (!copies.get(i).isSelectValid()) continue;
            if (view.appCount() == 0) return divisionByZero();
            int slot = copies.get(i).slot(view.appCount());
            if (Bootloader.checkAntiRollback(view.otaArray(slot), journal)) {
                eligible[i] = true;
            } else {
                journal.log('D', TAG, "OTA slot %d has an app with secure_version, this version is smaller than in the "
                        + "device. This OTA slot will not be selected.", slot);
                journal.explain("anti-rollback: copy %d points at ota_%d, whose app fails the secure-version check → "
                        + "not selectable", i, slot);
            }
        }
        return fromActive(journal.selectOtadata(copies, eligible, OtaData.Pick.HIGHER_SEQ), eligible, copies);
    }

    private Result fromActive(Optional<Integer> chosen, boolean[] eligible, List<OtaSelectEntry> copies) {
        if (chosen.isEmpty()) {
            journal.explain("no copy is valid although otadata is not blank");
            if (view.hasFactory()) {
                journal.log('E', TAG, "ota data partition invalid, falling back to factory");
                journal.explain("there is a factory app: start at the factory index (-1)");
            } else {
                journal.log('E', TAG, "ota data partition invalid and no factory, will try all partitions");
                journal.explain("no factory app: start at index -1, which finds nothing, then scan ota_0 upwards");
            }
            return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NONE_VALID, false);
        }
        if (view.appCount() == 0) return divisionByZero();
        int active = chosen.get();
        OtaSelectEntry e = copies.get(active);
        journal.log('D', TAG, "Active otadata[%d]", active);
        int start = e.slot(view.appCount());
        journal.log('D', TAG, "Mapping seq %d -> OTA slot %d", e.seqMinusOne(), start);
        journal.explain("%s; %s → start at ota_%d (app_count %d)", eligible[0] && eligible[1]
                        ? "copy %d has the higher valid seq %d (copy 0 wins a tie)".formatted(active, e.otaSeq())
                        : "copy %d is the only valid copy, seq %d".formatted(active, e.otaSeq()),
                OtaSelectEntryDescriber.slotArithmetic(e, view.appCount()), start, view.appCount());
        if (config.rollback() && e.hasState(OtaImgState.NEW)) {
            journal.log('D', TAG, "otadata[%d] is selected as new and marked PENDING_VERIFY state", active);
            journal.write(active, e.withState(OtaImgState.PENDING_VERIFY.code()), OtadataWrite.Kind.SELECTION,
                    "NEW -> PENDING_VERIFY");
            journal.explain("rollback enabled: copy %d was NEW (first boot of a new app) → rewritten PENDING_VERIFY; "
                    + "the app must confirm itself before the next reset", active);
        }
        if (config.antiRollback().isPresent() && e.hasState(OtaImgState.VALID)) {
            journal.explain("anti-rollback: copy %d is VALID, so the eFuse counter is raised to ota_%d's "
                    + "secure_version", active, start);
            Bootloader.updateAntiRollback(view.otaArray(start), journal);
        }
        return at(start, ActiveOtadata.of(chosen), false);
    }

    private Result divisionByZero() {
        journal.explain("anti-rollback with no OTA app partitions: ESP-IDF computes (ota_seq − 1) % app_count with "
                + "app_count = 0, a division by zero (the ESP32 traps and resets)");
        return failed("division by zero: anti-rollback with app_count = 0");
    }
}
