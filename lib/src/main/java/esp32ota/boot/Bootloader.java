package esp32ota.boot;

import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 2nd-stage bootloader's choice of app, as ESP-IDF's bootloader_utility.c makes it: first the selection
 * ({@link BootSelection}: read otadata, maybe rewrite it, pick a start index), then the load loop
 * ({@code bootloader_utility_load_boot_image}): try the start index, then each lower index down to the factory app
 * (-1), then each higher OTA index, then the test app; the first image that loads is booted.
 *
 * <p>Not modelled: the GPIO factory-reset and test-app overrides (bootloader_start.c), the deep-sleep fast path, and
 * the image loader's own error lines (which depend on why an image fails; only the "not bootable" lines are kept).
 */
public final class Bootloader {
    static final String TAG = BootSelection.TAG;
    /**
     * {@code INVALID_INDEX}: the number ESP-IDF uses for a failed selection, kept only for printing a
     * {@link BootDecision} the way the shared vectors do ({@code start_index}); the decision itself says "failed" with
     * an empty {@link BootDecision#startIndex()}.
     */
    public static final int INVALID_INDEX = -99;
    /** The {@code esp_err_t} codes the bootloader prints in "Failed to get partition description %d". */
    private static final int ESP_ERR_INVALID_ARG = 0x102, ESP_ERR_NOT_FOUND = 0x105;

    private final BootloaderView view;
    private final Journal journal;
    private final BootConfig config;

    /** One boot in progress: the table as the bootloader sees it, what it has done so far, its configuration. */
    private Bootloader(BootloaderView view, Journal journal, BootConfig config) {
        this.view = view;
        this.journal = journal;
        this.config = config;
    }

    /**
     * One boot. {@code otadata} holds the bytes of the table's otadata partition (ignored when the table has none);
     * the result carries the otadata after the bootloader's own rewrites.
     */
    public static BootDecision decide(PartitionTable table, OtaData otadata, BootConfig config) {
        BootloaderView view = BootloaderView.of(table);
        OtaData placed = view.otadata().map(p -> otadata.at(p.offset())).orElse(otadata);
        return new Bootloader(view, new Journal(placed, config.antiRollback()), config).boot();
    }

    private BootDecision boot() {
        BootSelection.Result sel = new BootSelection(view, journal, config).run();
        int selectionEnd = journal.logCount();
        List<AppSlot> order = sel.start().map(start -> tryOrder(view, start)).orElse(List.of());
        sel.start().ifPresent(start -> journal.explain("load loop from index %d: the start, each lower index down to "
                + "factory (-1), each higher OTA index, then the test app → %s", start,
                order.isEmpty() ? "nothing to try" : order));
        List<LoadAttempt> attempts = new ArrayList<>();
        BootOutcome outcome = sel.failure().<BootOutcome>map(BootOutcome.SelectionFailed::new)
                .orElseGet(() -> load(sel.start().orElseThrow(), sel.initial(), selectionEnd, attempts));
        Optional<AppSlot> startPartition = sel.start().flatMap(view::candidate).flatMap(AppSlot::of);
        return new BootDecision(sel.active(), sel.start(), startPartition, order, attempts, outcome, sel.initial(),
                journal.writes(), journal.otadata(), journal.antiRollback(), journal.logs(0, selectionEnd),
                journal.logs(selectionEnd, journal.logCount()), journal.trail());
    }

    /** The indices the load loop visits, skipping empty ones: start down to -1, start+1 up, then the test app. */
    static List<Integer> loadIndices(BootloaderView v, int start) {
        List<Integer> indices = new ArrayList<>();
        for (int i = start; i >= AppSlot.FACTORY_INDEX; i--) if (v.candidate(i).isPresent()) indices.add(i);
        for (int i = start + 1; i < v.appCount(); i++) if (v.candidate(i).isPresent()) indices.add(i);
        return indices;
    }

    private static List<AppSlot> tryOrder(BootloaderView v, int start) {
        List<AppSlot> order = new ArrayList<>();
        for (int i : loadIndices(v, start)) order.add(AppSlot.of(v.candidate(i).orElseThrow()).orElseThrow());
        if (v.candidate(AppSlot.TEST_APP_INDEX).isPresent()) order.add(AppSlot.TEST);
        return order;
    }

    /**
     * The load loop; each partition tried is added to {@code attempts}, its verdict line counted from
     * {@code loadLogsFrom}, the first line of the loop's log.
     */
    private BootOutcome load(int start, boolean initial, int loadLogsFrom, List<LoadAttempt> attempts) {
        for (int index : loadIndices(view, start)) {
            PartitionEntry p = view.candidate(index).orElseThrow();
            AppSlot slot = AppSlot.of(p).orElseThrow();
            journal.log('D', TAG, "Trying partition index %d offs 0x%x size 0x%x", index, p.offset(), p.size());
            LoadAttempt.Result result = attempt(Optional.of(p));
            if (result == LoadAttempt.Result.LOADED) {
                attempts.add(new LoadAttempt(slot, result, Optional.of(journal.logCount() - 1 - loadLogsFrom)));
                recordInitialSlot(index, initial);
                return booted(p);
            }
            attempts.add(new LoadAttempt(slot, result, Optional.of(journal.logCount() - loadLogsFrom)));
            logNotBootable(index);
        }
        LoadAttempt.Result test = attempt(view.test());
        boolean loaded = test == LoadAttempt.Result.LOADED;
        view.test().ifPresent(p -> attempts.add(new LoadAttempt(AppSlot.TEST, test,
                loaded ? Optional.of(journal.logCount() - 1 - loadLogsFrom) : Optional.empty())));
        if (loaded) {
            journal.log('W', TAG, "Falling back to test app as only bootable partition");
            return booted(view.test().orElseThrow());
        }
        journal.log('E', TAG, "No bootable app partitions in the partition table");
        journal.explain("no partition could be booted: the bootloader resets and tries again");
        return new BootOutcome.NothingBootable();
    }

    /** {@code check_anti_rollback}, then {@code try_load_partition}: how trying {@code p} ends. */
    private LoadAttempt.Result attempt(Optional<PartitionEntry> p) {
        return checkAntiRollback(p, journal) ? tryLoad(p) : LoadAttempt.Result.REFUSED_BY_ANTI_ROLLBACK;
    }

    private BootOutcome booted(PartitionEntry p) {
        AppSlot slot = AppSlot.of(p).orElseThrow();
        journal.explain("booted %s ('%s' at 0x%x)", slot, p.name(), p.offset());
        return new BootOutcome.Booted(slot, p);
    }

    /** {@code try_load_partition}: a zero-length partition is skipped; otherwise the image loads or it does not. */
    private LoadAttempt.Result tryLoad(Optional<PartitionEntry> p) {
        if (p.isEmpty() || p.get().size() == 0) {
            journal.log('D', TAG, "Can't boot from zero-length partition");
            return LoadAttempt.Result.ZERO_LENGTH;
        }
        AppSlot slot = AppSlot.of(p.get()).orElseThrow();
        if (!config.loads(slot)) {
            journal.explain("%s: the image does not load (given as unbootable)", slot);
            return LoadAttempt.Result.NOT_LOADED;
        }
        journal.log('I', TAG, "Loaded app from partition at offset 0x%x", p.get().offset());
        return LoadAttempt.Result.LOADED;
    }

    private void logNotBootable(int index) {
        if (index == AppSlot.FACTORY_INDEX) journal.log('E', TAG, "Factory app partition is not bootable");
        else journal.log('E', TAG, "OTA app partition slot %d is not bootable", index);
    }

    /** {@code set_actual_ota_seq}: after booting OTA index n from initial otadata, copy 0 := {seq n+1, VALID}. */
    private void recordInitialSlot(int index, boolean initial) {
        if (index <= AppSlot.FACTORY_INDEX || !initial) return;
        long address = journal.otadata().address();
        journal.write(0, OtaSelectEntry.written(address, index + 1L, OtaImgState.VALID), OtadataWrite.Kind.INITIAL,
                "initial otadata, no factory: record booted slot");
        journal.log('I', TAG, "Set actual ota_seq=%d in otadata[0]", index + 1);
        journal.explain("otadata was initial: copy 0 rewritten as seq %d, VALID, so that ota_%d stays selected",
                index + 1, index);
        if (journal.antiRollback().isPresent()) updateAntiRollback(view.otaArray(index), journal);
    }

    /**
     * {@code check_anti_rollback}: true without anti-rollback; otherwise the app description must be readable and its
     * secure_version at least the eFuse counter. An absent partition fails with ESP_ERR_INVALID_ARG (258), one
     * without a known secure_version with ESP_ERR_NOT_FOUND (261).
     */
    static boolean checkAntiRollback(Optional<PartitionEntry> p, Journal j) {
        if (j.antiRollback().isEmpty()) return true;
        Optional<Long> version = secureVersion(p, j);
        if (version.isEmpty()) return false;
        boolean ok = j.requireAntiRollback().accepts(version.get());
        if (!ok) {
            j.explain("anti-rollback: %s has secure_version %d < eFuse %d → refused", AppSlot.of(p.get()).orElseThrow(),
                    version.get(), j.requireAntiRollback().efuseSecureVersion());
        }
        return ok;
    }

    /** {@code update_anti_rollback}: raise the eFuse counter to this app's secure_version. */
    static void updateAntiRollback(Optional<PartitionEntry> p, Journal j) {
        secureVersion(p, j).ifPresent(j::updateSecureVersion);
    }

    /** {@code bootloader_common_get_partition_description}, reduced to the secure_version it yields. */
    private static Optional<Long> secureVersion(Optional<PartitionEntry> p, Journal j) {
        if (p.isEmpty() || p.get().offset() == 0) {
            j.log('E', TAG, "Failed to get partition description %d", ESP_ERR_INVALID_ARG);
            return Optional.empty();
        }
        Optional<Long> v = AppSlot.of(p.get()).flatMap(s -> j.requireAntiRollback().secureVersion(s));
        if (v.isEmpty()) {
            j.log('E', TAG, "Failed to get partition description %d", ESP_ERR_NOT_FOUND);
            j.explain("anti-rollback: no app description (secure_version) known for '%s'", p.get().name());
        }
        return v;
    }
}
