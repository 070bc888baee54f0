package esp32ota.ota;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.boot.BootDecision;
import esp32ota.boot.Bootloader;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
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
 * @param steps  every step so far, the first one being the starting otadata ({@link Start})
 */
public record UpdateSession(PartitionTable table, BootConfig config, List<Step> steps) {
    /**
     * One step of a session: where it started ({@link Start}), a reset ({@link Boot}) or an {@code esp_ota_*} call
     * ({@link ApiCall}). Every step says what the device looks like after it.
     */
    public sealed interface Step permits Start, Boot, ApiCall {
        /** Otadata after the step. */
        OtaData otadata();

        /** The app running after the step (empty before the first boot, or when nothing booted). */
        Optional<AppSlot> running();

        /** The eFuse and app versions after the step, when anti-rollback is enabled. */
        Optional<AntiRollback> antiRollback();

        /** The otadata rewrites of this step, in order. */
        List<OtadataWrite> writes();

        /** The step's log lines. */
        List<LogLine> logs();

        /** The rules that fired, in plain language. */
        List<String> trail();
    }

    /** The otadata the session starts from (nothing runs yet, nothing is written). */
    public record Start(OtaData otadata, Optional<AntiRollback> antiRollback) implements Step {
        /** Both copies have a blank seq, as after flashing with an erase. */
        public boolean erased() { return otadata.copies().stream().allMatch(OtaSelectEntry::isBlankSeq); }

        @Override public Optional<AppSlot> running() { return Optional.empty(); }

        @Override public List<OtadataWrite> writes() { return List.of(); }

        @Override public List<LogLine> logs() { return List.of(); }

        @Override public List<String> trail() { return List.of(); }
    }

    /** A reset: the 2nd-stage bootloader's whole {@link BootDecision}. */
    public record Boot(BootDecision decision) implements Step {
        @Override public OtaData otadata() { return decision.otadataAfter(); }

        @Override public Optional<AppSlot> running() { return decision.booted(); }

        @Override public Optional<AntiRollback> antiRollback() { return decision.antiRollbackAfter(); }

        @Override public List<OtadataWrite> writes() { return decision.writes(); }

        /** The selection's log lines, then the load loop's. */
        @Override public List<LogLine> logs() {
            List<LogLine> logs = new ArrayList<>(decision.selectionLogs());
            logs.addAll(decision.loadLogs());
            return List.copyOf(logs);
        }

        @Override public List<String> trail() { return decision.trail(); }
    }

    /**
     * The running app called an {@code esp_ota_*} function: the {@link OtaCall} (function, {@link EspErr}, writes,
     * logs), and the app that was running, which a call does not change.
     */
    public record ApiCall(OtaCall<?> call, Optional<AppSlot> running) implements Step {
        /** What the function returned. */
        public EspErr result() { return call.result(); }

        @Override public OtaData otadata() { return call.otadata(); }

        @Override public Optional<AntiRollback> antiRollback() { return call.antiRollbackAfter(); }

        @Override public List<OtadataWrite> writes() { return call.writes(); }

        @Override public List<LogLine> logs() { return call.logs(); }

        @Override public List<String> trail() { return call.trail(); }
    }

    public UpdateSession {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(0) instanceof Start)) {
            throw new IllegalArgumentException("a session starts with one Start step: its otadata");
        }
    }

    /** A session whose first step is {@code otadata} as found (e.g. {@link OtaData#erased} after flashing). */
    public static UpdateSession start(PartitionTable table, BootConfig config, OtaData otadata) {
        return new UpdateSession(table, config, List.of(new Start(otadata, config.antiRollback())));
    }

    /** The last step. */
    public Step last() { return steps.get(steps.size() - 1); }

    /** Otadata after the last step. */
    public OtaData otadata() { return last().otadata(); }

    /** The app running after the last step. */
    public Optional<AppSlot> running() { return last().running(); }

    /** A reset: the 2nd-stage bootloader chooses and loads an app ({@link Bootloader#decide}). */
    public UpdateSession boot() { return then(new Boot(Bootloader.decide(table, otadata(), config))); }

    /** The running app calls {@code esp_ota_set_boot_partition(slot)} (ESP-IDF v6.0+ algorithm). */
    public UpdateSession setBootPartition(AppSlot slot) {
        return call(OtaOps.setBootPartition(table, otadata(), slot, config, SetBootAlgorithm.CURRENT));
    }

    /** The running app calls {@code esp_ota_mark_app_valid_cancel_rollback()}. */
    public UpdateSession markAppValid() {
        return call(OtaRollback.markAppValidCancelRollback(table, otadata(), running(), config));
    }

    /** The running app calls {@code esp_ota_mark_app_invalid_rollback()}; the device then resets ({@link #boot()}). */
    public UpdateSession markAppInvalid() {
        return call(OtaRollback.markAppInvalidRollback(table, otadata(), config));
    }

    private UpdateSession call(OtaCall<?> c) { return then(new ApiCall(c, running())); }

    private UpdateSession then(Step step) {
        List<Step> all = new ArrayList<>(steps);
        all.add(step);
        BootConfig next = step.antiRollback().map(config::withAntiRollback).orElse(config);
        return new UpdateSession(table, next, all);
    }
}
