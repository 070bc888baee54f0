package esp32ota.boot;

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
 * @param start   the start index in the bootloader's numbering (slot n, {@link AppSlot#FACTORY_INDEX}); empty when
 *                the selection failed ({@code INVALID_INDEX})
 * @param active  the copy the selection used
 * @param initial {@code ota_has_initial_contents}
 * @param failure why the selection failed; present exactly when {@code start} is empty
 */
record BootSelection(Optional<Integer> start, ActiveOtadata active, boolean initial, Optional<String> failure) {
    static final String TAG = "boot";

    static BootSelection at(int start, ActiveOtadata active, boolean initial) {
        return new BootSelection(Optional.of(start), active, initial, Optional.empty());
    }

    static BootSelection failed(String reason) {
        return new BootSelection(Optional.empty(), ActiveOtadata.NOT_COMPARED, false, Optional.of(reason));
    }

    static BootSelection run(BootloaderView v, Journal j, BootConfig c) {
        if (!v.hasOtadata()) {
            j.explain("no otadata partition (data/ota) in the table: the bootloader reads no otadata and starts at "
                    + "the factory index (-1)");
            return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NOT_COMPARED, false);
        }
        PartitionEntry info = v.otadata().orElseThrow();
        if (info.size() < 2L * OtaData.SECTOR_SIZE) {
            j.log('E', TAG, "ota_info partition size %d is too small (minimum %d bytes)", info.size(),
                    2 * OtaData.SECTOR_SIZE);
            j.explain("the otadata partition is only 0x%x bytes, less than two sectors: INVALID_INDEX, reset",
                    info.size());
            return failed("otadata partition smaller than 0x2000");
        }
        j.log('D', TAG, "OTA data offset 0x%x", info.offset());
        List<OtaSelectEntry> copies = new ArrayList<>(j.otadata().copies());
        for (int i = 0; i < 2; i++) j.log('D', TAG, "otadata[%d]: sequence values 0x%08x", i, copies.get(i).otaSeq());
        for (int i = 0; i < 2; i++) j.explain("copy " + i + ": " + copies.get(i).summary());
        if (c.rollback()) abortUnconfirmed(copies, j);
        boolean initial = copies.get(0).isBlankOrBadCrc() && copies.get(1).isBlankOrBadCrc();
        if (c.antiRollback().isPresent()) return withAntiRollback(v, copies, initial, j, c);
        if ((copies.get(0).isSelectInvalid() && copies.get(1).isSelectInvalid()) || v.appCount() == 0) {
            j.log('D', TAG, "OTA sequence numbers both empty (all-0xFF) or partition table does not have bootable "
                    + "ota_apps (app_count=%d)", v.appCount());
            j.explain(v.appCount() == 0 ? "the table has no OTA app partitions (app_count = 0)"
                    : "neither copy can be selected (blank, INVALID or ABORTED)");
            if (v.hasFactory()) {
                j.log('I', TAG, "Defaulting to factory image");
                j.explain("there is a factory app: start at the factory index (-1)");
                return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NOT_COMPARED, false);
            }
            j.log('I', TAG, "No factory image, trying OTA 0");
            j.explain("no factory app: start at ota_0 (index 0)");
            if (initial) {
                j.explain("both copies are blank or have a bad CRC: otadata counts as initial, and the slot that "
                        + "boots will be recorded in copy 0");
            }
            return at(0, ActiveOtadata.NOT_COMPARED, initial);
        }
        boolean[] valid = {copies.get(0).isSelectValid(), copies.get(1).isSelectValid()};
        return fromActive(j.selectOtadata(copies, valid, OtaData.Pick.HIGHER_SEQ), valid, copies, v, j, c);
    }

    /** With rollback enabled, an app that never confirmed itself (still PENDING_VERIFY) is marked ABORTED. */
    private static void abortUnconfirmed(List<OtaSelectEntry> copies, Journal j) {
        for (int i = 0; i < 2; i++) {
            if (copies.get(i).hasState(OtaImgState.PENDING_VERIFY)) {
                j.log('D', TAG, "otadata[%d] is marking as ABORTED", i);
                copies.set(i, copies.get(i).withState(OtaImgState.ABORTED.code()));
                j.write(i, copies.get(i), "PENDING_VERIFY -> ABORTED");
                j.explain("rollback enabled: copy %d is still PENDING_VERIFY, so its app ran once without confirming "
                        + "itself → rewritten ABORTED and never selected again", i);
            }
        }
    }

    private static BootSelection withAntiRollback(BootloaderView v, List<OtaSelectEntry> copies, boolean initial,
                                                  Journal j, BootConfig c) {
        AntiRollback a = j.requireAntiRollback();
        j.log('I', TAG, "Enabled a check secure version of app for anti rollback");
        j.log('I', TAG, "Secure version (from eFuse) = %d", a.efuseSecureVersion());
        if (initial) {
            j.log('I', TAG, "otadata[0..1] in initial state");
            j.explain("anti-rollback: both copies are blank or have a bad CRC → initial state; start at the factory "
                    + "index (-1) and record the OTA slot that boots in copy 0");
            return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NOT_COMPARED, true);
        }
        boolean[] eligible = new boolean[2];
        for (int i = 0; i < 2; i++) {
            if (!copies.get(i).isSelectValid()) continue;
            if (v.appCount() == 0) return divisionByZero(j);
            int slot = copies.get(i).slot(v.appCount());
            if (Bootloader.checkAntiRollback(v.otaArray(slot), j)) {
                eligible[i] = true;
            } else {
                j.log('D', TAG, "OTA slot %d has an app with secure_version, this version is smaller than in the "
                        + "device. This OTA slot will not be selected.", slot);
                j.explain("anti-rollback: copy %d points at ota_%d, whose app fails the secure-version check → "
                        + "not selectable", i, slot);
            }
        }
        return fromActive(j.selectOtadata(copies, eligible, OtaData.Pick.HIGHER_SEQ), eligible, copies, v, j, c);
    }

    private static BootSelection fromActive(Optional<Integer> chosen, boolean[] eligible, List<OtaSelectEntry> copies,
                                            BootloaderView v, Journal j, BootConfig c) {
        if (chosen.isEmpty()) {
            j.explain("no copy is valid although otadata is not blank");
            if (v.hasFactory()) {
                j.log('E', TAG, "ota data partition invalid, falling back to factory");
                j.explain("there is a factory app: start at the factory index (-1)");
            } else {
                j.log('E', TAG, "ota data partition invalid and no factory, will try all partitions");
                j.explain("no factory app: start at index -1, which finds nothing, then scan ota_0 upwards");
            }
            return at(AppSlot.FACTORY_INDEX, ActiveOtadata.NONE_VALID, false);
        }
        if (v.appCount() == 0) return divisionByZero(j);
        int active = chosen.get();
        OtaSelectEntry e = copies.get(active);
        j.log('D', TAG, "Active otadata[%d]", active);
        int start = e.slot(v.appCount());
        j.log('D', TAG, "Mapping seq %d -> OTA slot %d", e.seqMinusOne(), start);
        j.explain("%s; %s → start at ota_%d (app_count %d)", eligible[0] && eligible[1]
                        ? "copy %d has the higher valid seq %d (copy 0 wins a tie)".formatted(active, e.otaSeq())
                        : "copy %d is the only valid copy, seq %d".formatted(active, e.otaSeq()),
                e.slotArithmetic(v.appCount()), start, v.appCount());
        if (c.rollback() && e.hasState(OtaImgState.NEW)) {
            j.log('D', TAG, "otadata[%d] is selected as new and marked PENDING_VERIFY state", active);
            j.write(active, e.withState(OtaImgState.PENDING_VERIFY.code()), "NEW -> PENDING_VERIFY");
            j.explain("rollback enabled: copy %d was NEW (first boot of a new app) → rewritten PENDING_VERIFY; the app "
                    + "must confirm itself before the next reset", active);
        }
        if (c.antiRollback().isPresent() && e.hasState(OtaImgState.VALID)) {
            j.explain("anti-rollback: copy %d is VALID, so the eFuse counter is raised to ota_%d's secure_version",
                    active, start);
            Bootloader.updateAntiRollback(v.otaArray(start), j);
        }
        return at(start, ActiveOtadata.of(chosen), false);
    }

    private static BootSelection divisionByZero(Journal j) {
        j.explain("anti-rollback with no OTA app partitions: ESP-IDF computes (ota_seq − 1) % app_count with "
                + "app_count = 0, a division by zero (the ESP32 traps and resets)");
        return failed("division by zero: anti-rollback with app_count = 0");
    }
}
