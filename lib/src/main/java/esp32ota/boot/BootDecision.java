package esp32ota.boot;

import esp32ota.otadata.OtaData;

import java.util.List;
import java.util.Optional;

/**
 * Everything one boot of the 2nd-stage bootloader decides and does ({@link Bootloader#decide}).
 *
 * @param activeOtadata         the copy the selection used, none valid, or not compared
 * @param startIndex            where the load loop starts, in the bootloader's numbering: OTA slot n, or
 *                              {@link AppSlot#FACTORY_INDEX}; may name an empty slot; empty when the selection failed
 *                              ({@code INVALID_INDEX}, printed as {@link Bootloader#INVALID_INDEX})
 * @param startPartition        the partition at the start index, if there is one
 * @param tryOrder              every partition the load loop would try, in order, if each failed to load
 * @param attempts              the partitions the load loop did try, in order, each with how it ended and where its
 *                              verdict is in {@code loadLogs}; empty when the selection failed
 * @param outcome               what was booted, or why nothing was
 * @param otaHasInitialContents the bootloader judged otadata "initial" and will record the slot it boots in copy 0
 * @param writes                the otadata rewrites, in order
 * @param otadataAfter          otadata after those rewrites
 * @param antiRollbackAfter     the anti-rollback state after the boot (the eFuse counter may have been raised)
 * @param selectionLogs         log lines of the selection ({@code bootloader_utility_get_selected_boot_partition})
 * @param loadLogs              log lines of the load loop ({@code bootloader_utility_load_boot_image})
 * @param trail                 the rules that fired, in plain language
 */
public record BootDecision(ActiveOtadata activeOtadata, Optional<Integer> startIndex, Optional<AppSlot> startPartition,
                           List<AppSlot> tryOrder, List<LoadAttempt> attempts, BootOutcome outcome,
                           boolean otaHasInitialContents, List<OtadataWrite> writes, OtaData otadataAfter, Optional<AntiRollback> antiRollbackAfter,
                           List<LogLine> selectionLogs, List<LogLine> loadLogs, List<String> trail) {
    public BootDecision {
        tryOrder = List.copyOf(tryOrder);
        attempts = List.copyOf(attempts);
        writes = List.copyOf(writes);
        selectionLogs = List.copyOf(selectionLogs);
        loadLogs = List.copyOf(loadLogs);
        trail = List.copyOf(trail);
    }

    /** The app that runs after this boot, if any. */
    public Optional<AppSlot> booted() {
        return outcome instanceof BootOutcome.Booted b ? Optional.of(b.slot()) : Optional.empty();
    }
}
