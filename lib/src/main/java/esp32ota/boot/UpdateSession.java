package esp32ota.boot;

import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OTA update told step by step: resets of the device ({@link #boot()}) and the application's {@code esp_ota_*}
 * calls, each applied to the otadata the previous step left behind. Nothing here decides anything itself: every step
 * is one call of {@link Bootloader#decide}, {@link OtaOps#setBootPartition} or {@link OtaRollback}, and records what
 * it wrote. The eFuse counter of anti-rollback carries over from step to step (burnt bits never clear).
 *
 * <pre>{@code
 * UpdateSession.start(table, BootConfig.of(true), OtaData.erased(0xD000))
 *         .boot()                              // ota_0 runs; the bootloader records seq 1, VALID
 *         .setBootPartition(AppSlot.ota(1))    // copy 1 := seq 2, NEW
 *         .boot()                              // ota_1 runs; NEW -> PENDING_VERIFY
 *         .boot();                             // not confirmed: PENDING_VERIFY -> ABORTED, ota_0 runs again
 * }</pre>
 *
 * @param table  the partition table of the device
 * @param config rollback, anti-rollback (with the eFuse as it is now) and unbootable images
 * @param steps  every step so far, the first one being the starting otadata
 */
public record UpdateSession(PartitionTable table, BootConfig config, List<Step> steps) {
    /**
     * One step of a session.
     *
     * @param event   what happened, e.g. {@code "boot"} or {@code "esp_ota_set_boot_partition(ota_1)"}
     * @param result  {@code "booted ota_1"}, {@code "nothing bootable"}, or the {@code esp_err_t} name of a call
     * @param otadata otadata after the step
     * @param running the app running after the step (empty before the first boot, or when nothing booted)
     * @param antiRollback the eFuse and app versions after the step, when anti-rollback is enabled
     * @param writes  the otadata rewrites of this step, in order
     * @param logs    the step's log lines
     * @param trail   the rules that fired, in plain language
     */
    public record Step(String event, String result, OtaData otadata, Optional<AppSlot> running,
                       Optional<AntiRollback> antiRollback, List<OtadataWrite> writes, List<LogLine> logs,
                       List<String> trail) {
        public Step {
            writes = List.copyOf(writes);
            logs = List.copyOf(logs);
            trail = List.copyOf(trail);
        }
    }

    public UpdateSession {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("a session starts with one step: its otadata");
    }

    /** A session whose first step is {@code otadata} as found (e.g. {@link OtaData#erased} after flashing). */
    public static UpdateSession start(PartitionTable table, BootConfig config, OtaData otadata) {
        String result = otadata.copies().stream().allMatch(OtaSelectEntry::isBlankSeq) ? "otadata erased"
                : "otadata as given";
        Step first = new Step("start", result, otadata, Optional.empty(), config.antiRollback(), List.of(), List.of(),
                List.of());
        return new UpdateSession(table, config, List.of(first));
    }

    /** The last step. */
    public Step last() { return steps.get(steps.size() - 1); }

    /** Otadata after the last step. */
    public OtaData otadata() { return last().otadata(); }

    /** The app running after the last step. */
    public Optional<AppSlot> running() { return last().running(); }

    /** A reset: the 2nd-stage bootloader chooses and loads an app ({@link Bootloader#decide}). */
    public UpdateSession boot() {
        BootDecision d = Bootloader.decide(table, otadata(), config);
        String result = d.booted().map(s -> "booted " + s).orElse("nothing bootable");
        List<LogLine> logs = new ArrayList<>(d.selectionLogs());
        logs.addAll(d.loadLogs());
        return then(new Step("boot", result, d.otadataAfter(), d.booted(), d.antiRollbackAfter(), d.writes(), logs,
                d.trail()));
    }

    /** The running app calls {@code esp_ota_set_boot_partition(slot)} (ESP-IDF v6.0+ algorithm). */
    public UpdateSession setBootPartition(AppSlot slot) {
        return call(OtaOps.setBootPartition(table, otadata(), slot, config, SetBootAlgorithm.CURRENT));
    }

    /** The running app calls {@code esp_ota_mark_app_valid_cancel_rollback()}. */
    public UpdateSession markAppValid() {
        return call(OtaRollback.markAppValidCancelRollback(table, otadata(), running().orElse(null), config));
    }

    /** The running app calls {@code esp_ota_mark_app_invalid_rollback()}; the device then resets ({@link #boot()}). */
    public UpdateSession markAppInvalid() {
        return call(OtaRollback.markAppInvalidRollback(table, otadata(), config));
    }

    private UpdateSession call(OtaCall<?> c) {
        return then(new Step(c.function(), c.result().name(), c.otadata(), running(), c.antiRollbackAfter(), c.writes(),
                c.logs(), c.trail()));
    }

    private UpdateSession then(Step step) {
        List<Step> all = new ArrayList<>(steps);
        all.add(step);
        BootConfig next = step.antiRollback().map(config::withAntiRollback).orElse(config);
        return new UpdateSession(table, next, all);
    }
}
