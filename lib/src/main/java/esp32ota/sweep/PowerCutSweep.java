package esp32ota.sweep;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.Boot;
import esp32ota.device.DeviceEvent;
import esp32ota.device.VirtualEsp32;
import esp32ota.flash.FlashOp;
import esp32ota.flash.NorFlash;
import esp32ota.flash.PowerLossException;
import esp32ota.ota.FlashedApps;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Cuts the power at every flash operation of one OTA update and records where the device ends.
 * <pre>{@code
 * SweepResult r = PowerCutSweep.of(device, newImage).tears(EnumSet.allOf(NorFlash.Tear.class)).run();
 * r.summary();   // "13074 cut points, 0 unbootable" for a 1 MiB image
 * }</pre>
 * The device is not changed: the sweep works on copies. It boots a copy (the old app must come up), runs the update
 * ({@link UpdateFlow}, native_ota_example by default) into the next update slot, then resets until the new app
 * settles, recording each flash operation with the bytes a page program left and the {@link Phase} it belongs to.
 * Then it replays that stream on a fresh copy of the pre-update flash (one copy per thread, each
 * taking a contiguous range of operations): before performing operation {@code k} there, it takes a copy-on-write copy, performs operation {@code k} on the copy with the power failing during it (each
 * {@link NorFlash.Tear} asked for), and resets the copy until it settles ({@link #MAX_RESETS} at most). The update
 * runs once; each cut point costs one copy, one torn operation and its boots. Deterministic: the same device and
 * image give the same result.
 */
public final class PowerCutSweep {
    /** Resets after a cut before a device that keeps restarting counts as a boot loop. */
    public static final int MAX_RESETS = 8;

    private final VirtualEsp32 device;
    private final Bytes image;
    private final Optional<AppSlot> slot;
    private final Set<NorFlash.Tear> tears;
    private final UpdateFlow flow;
    private final boolean memo;
    private final int threads;

    private PowerCutSweep(VirtualEsp32 device, Bytes image, Optional<AppSlot> slot, Set<NorFlash.Tear> tears,
                          UpdateFlow flow, boolean memo, int threads) {
        this.threads = threads;
        this.device = device;
        this.image = image;
        this.slot = slot;
        this.tears = Set.copyOf(tears);
        this.flow = flow;
        this.memo = memo;
    }

    /**
     * A sweep of updating {@code device} (its flash as it is now; it boots its current app first) to {@code image}:
     * native_ota_example with sequential writes into the next update slot, clean cuts only
     * ({@link NorFlash.Tear#NONE}).
     */
    public static PowerCutSweep of(VirtualEsp32 device, Bytes image) {
        return new PowerCutSweep(device, image, Optional.empty(), EnumSet.of(NorFlash.Tear.NONE),
                UpdateFlow.nativeOta(UpdateFlow.Begin.SEQUENTIAL), true,
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Which ways to leave the interrupted operation (at least one). */
    public PowerCutSweep tears(Set<NorFlash.Tear> t) {
        if (t.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one tear");
        return new PowerCutSweep(device, image, slot, t, flow, memo, threads);
    }

    /** Writes the update into {@code s} instead of {@code esp_ota_get_next_update_partition(NULL)}. */
    public PowerCutSweep into(AppSlot s) {
        return new PowerCutSweep(device, image, Optional.of(s), tears, flow, memo, threads);
    }

    /** Writes the update this way instead of native_ota_example's. */
    public PowerCutSweep flow(UpdateFlow f) { return new PowerCutSweep(device, image, slot, tears, f, memo, threads); }

    /**
     * Whether cut copies judge app images through a {@link FlashedApps.Memo}, verifying only the slots the
     * bootloader tries ({@link VirtualEsp32#copyWithMemo}); on by default. Off, every boot reads and verifies every
     * slot, as a plain device does: the same outcomes, much slower (tests compare the two).
     */
    public PowerCutSweep memo(boolean on) { return new PowerCutSweep(device, image, slot, tears, flow, on, threads); }

    /**
     * How many threads cut (default: the processors, at most 4). The operations are split into contiguous ranges,
     * one per thread, each replayed on its own copy; the result is the same whatever the number.
     */
    public PowerCutSweep threads(int n) {
        if (n < 1) throw new IllegalArgumentException("a sweep needs at least one thread");
        return new PowerCutSweep(device, image, slot, tears, flow, memo, n);
    }

    /** One recorded operation: what it was, its phase, and for a page program the bytes it left in its page. */
    private record Recorded(FlashOp op, Phase phase, Bytes data) {}

    /**
     * Runs the sweep. {@link IllegalArgumentException} when the device does not boot an app before the update or
     * the update itself fails (an image {@code esp_ota_end} refuses, a slot that does not exist).
     */
    public SweepResult run() {
        VirtualEsp32 live = device.copy();
        Outcome before = settle(live);
        if (before.unbootable()) {
            throw new IllegalArgumentException("the device does not boot before the update: " + before.label());
        }
        AppSlot target = slot.orElseGet(() -> live.ota().getNextUpdatePartition().orElseThrow(
                () -> new IllegalArgumentException("the partition table has no OTA slot to update")));
        VirtualEsp32 start = live.copy();                     // the flash as the update finds it
        List<Recorded> ops = new ArrayList<>();
        Outcome after = record(live, target, ops);

        // the operations in contiguous ranges, one per thread, each replayed on its own copy (copies are made here,
        // on this thread: copying marks the source's sectors shared); results joined in order, so the same as one
        int n = Math.max(1, Math.min(threads, ops.size()));
        List<Callable<List<CutResult>>> ranges = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            VirtualEsp32 replay = memo ? start.copyWithMemo(new FlashedApps.Memo()) : start.copy();
            int from = (int) ((long) ops.size() * w / n), to = (int) ((long) ops.size() * (w + 1) / n);
            ranges.add(() -> cutRange(replay, ops, from, to));
        }
        List<CutResult> cuts = new ArrayList<>(ops.size() * tears.size());
        for (List<CutResult> part : inParallel(ranges)) cuts.addAll(part);
        return new SweepResult(target, before, after, cuts);
    }

    /** Replays operations {@code 0..from} on {@code replay}, then cuts each of {@code from..to} with every tear. */
    private List<CutResult> cutRange(VirtualEsp32 replay, List<Recorded> ops, int from, int to) {
        List<CutResult> cuts = new ArrayList<>((to - from) * tears.size());
        NorFlash flash = replay.flash();
        for (int step = 0; step < to; step++) {
            Recorded r = ops.get(step);
            if (flash.opCount() != r.op().index()) {
                throw new IllegalStateException("replay out of step: operation %d, expected %d".formatted(
                        flash.opCount(), r.op().index()));
            }
            for (NorFlash.Tear tear : NorFlash.Tear.values()) {
                if (step < from || !tears.contains(tear)) continue;
                VirtualEsp32 cut = replay.copy();
                cut.flash().cutPowerAt(cut.flash().opCount(), tear);
                try {
                    perform(cut.flash(), r);
                    throw new IllegalStateException("the armed cut did not happen at operation " + r.op().index());
                } catch (PowerLossException expected) {
                    // the power failed during the operation, as asked
                }
                cuts.add(new CutResult(new CutPoint(step, tear, r.op(), r.phase()), settle(cut)));
            }
            perform(flash, r);
        }
        return cuts;
    }

    /** Runs the ranges, on threads when there is more than one; an exception in one is rethrown here. */
    private static List<List<CutResult>> inParallel(List<Callable<List<CutResult>>> ranges) {
        List<List<CutResult>> out = new ArrayList<>();
        if (ranges.size() == 1) {
            try {
                out.add(ranges.get(0).call());
                return out;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(ranges.size(), r -> {
            Thread t = new Thread(r, "power-cut-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<List<CutResult>> f : pool.invokeAll(ranges)) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the update and the boots after it on {@code live}, recording its operations; returns where it settled. */
    private Outcome record(VirtualEsp32 live, AppSlot target, List<Recorded> ops) {
        NorFlash flash = live.flash();
        Phase[] phase = {Phase.BEGIN};
        Consumer<FlashOp> recorder = op -> ops.add(new Recorded(op, phase[0],
                op instanceof FlashOp.Program ? flash.read(op.address(), op.length()) : Bytes.EMPTY));
        Consumer<DeviceEvent> boots = e -> {
            if (e instanceof DeviceEvent.Reset) phase[0] = Phase.BOOTLOADER;
            else if (e instanceof DeviceEvent.Boot) phase[0] = Phase.MARK_VALID;   // the bootloader's writes are done
        };
        flash.addListener(recorder);
        try {
            flow.update(live, target, image, p -> phase[0] = p);
            live.addListener(boots);
            return settle(live);
        } finally {
            flash.removeListener(recorder);
            live.removeListener(boots);
        }
    }

    /** The recorded operation, performed again (a program of the bytes it left ANDs to the same bytes). */
    private static void perform(NorFlash flash, Recorded r) {
        if (r.op() instanceof FlashOp.Erase e) {
            if (e.isBlock()) flash.eraseBlock(e.address()); else flash.eraseSector(e.address());
        } else {
            flash.program(r.op().address(), r.data());
        }
    }

    /** Resets until an app runs, nothing boots, or {@link #MAX_RESETS} resets all restarted. */
    static Outcome settle(VirtualEsp32 d) {
        List<Boot> boots = d.resetUntilSettled(MAX_RESETS);
        Boot last = boots.get(boots.size() - 1);
        return switch (last.end()) {
            case RUNNING -> Outcome.boots(last.booted().orElseThrow(), last.app().map(a -> a.versionText()),
                    boots.size());
            case NOTHING_BOOTED -> Outcome.failed(Outcome.Kind.NOTHING_BOOTS, boots.size());
            default -> Outcome.failed(Outcome.Kind.BOOT_LOOP, boots.size());
        };
    }
}
