package esp32ota.device;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootDecision;
import esp32ota.ota.EspErr;
import esp32ota.boot.LogLine;
import esp32ota.bytes.Bytes;
import esp32ota.flash.NorFlash;
import esp32ota.flash.PowerLossException;
import esp32ota.image.AppDescriptor;
import esp32ota.image.Target;
import esp32ota.ota.FlashedApps;
import esp32ota.ota.OtaApi;
import esp32ota.ota.OtaConfig;
import esp32ota.ota.OtaHost;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An ESP32 in memory: a NOR flash (2–16 MB), a chip identity, an eFuse secure-version counter, the firmware's
 * configuration, and a console. {@link #reset()} runs the ROM ({@link RomBoot}), the 2nd-stage bootloader
 * ({@link BootloaderRun}) and the app in the chosen slot ({@link App}, picked from the image's app description).
 * While an app runs, {@link #ota()} is its {@code esp_ota_*} API.
 *
 * <p>Everything happens on the flash's {@link esp32ota.flash.VirtualClock}: flash operations take their
 * data-sheet time, printing a console line takes its time at 115200 baud, and log timestamps are ms since the
 * reset. A power cut ({@link NorFlash#cutPowerAt}) during any operation is caught here: the device records it,
 * powers back on, and the next reset boots from whatever the flash holds.
 */
public final class VirtualEsp32 implements Device {
    /** Printing one character at 115200 baud, 8N1: 10 bits. */
    static final long MICROS_PER_CHAR = 87;

    private final NorFlash flash;
    private final ChipIdentity chip;
    private final DeviceConfig config;
    private final AppCatalog apps;
    private final List<ConsoleLine> console = new ArrayList<>();
    private final List<Consumer<DeviceEvent>> listeners = new ArrayList<>();
    private long efuseSecureVersion;
    private ResetReason nextReason = ResetReason.POWERON_RESET;
    private long bootStartMicros;
    private List<ConsoleLine> bootConsole = new ArrayList<>();
    private Running current;
    private boolean inApp;
    private Boot lastBoot;
    private final Optional<FlashedApps.Memo> memo;

    VirtualEsp32(NorFlash flash, ChipIdentity chip, DeviceConfig config, AppCatalog apps, long efuseSecureVersion) {
        this(flash, chip, config, apps, efuseSecureVersion, Optional.empty());
    }

    private VirtualEsp32(NorFlash flash, ChipIdentity chip, DeviceConfig config, AppCatalog apps,
                         long efuseSecureVersion, Optional<FlashedApps.Memo> memo) {
        this.memo = memo;
        this.flash = flash;
        this.chip = chip;
        this.config = config;
        this.apps = apps;
        this.efuseSecureVersion = efuseSecureVersion;
        flash.addListener(op -> emit(new DeviceEvent.FlashOperation(op)));
    }

    /** A device whose flash is laid out from {@code table}: bootloader, the table itself, otadata and apps. */
    public static VirtualEsp32Builder builder(PartitionTable table) { return VirtualEsp32Builder.of(table); }

    /** A device whose flash is {@code dump} byte for byte (its size is the flash size). */
    public static VirtualEsp32Builder fromDump(Bytes dump) { return VirtualEsp32Builder.ofDump(dump); }

    // ---- Device ---------------------------------------------------------------------------------------------

    @Override public long flashSize() { return flash.size(); }

    @Override public Bytes readFlash(long address, int length) { return flash.read(address, length); }

    @Override public void writeFlash(long address, Bytes data) {
        current = null;
        long start = address - address % NorFlash.SECTOR_SIZE;
        long end = address + data.size();
        end = (end + NorFlash.SECTOR_SIZE - 1) / NorFlash.SECTOR_SIZE * NorFlash.SECTOR_SIZE;
        try {
            flash.eraseRegion(start, end - start);
            flash.program(address, data);
        } catch (PowerLossException e) {
            powerLost(e);
            throw e;
        }
    }

    @Override public Boot reset() {
        ResetReason reason = nextReason;
        nextReason = ResetReason.POWERON_RESET;
        current = null;
        if (flash.powerLost()) flash.powerOn();
        bootStartMicros = flash.clock().nowMicros();
        bootConsole = new ArrayList<>();
        emit(new DeviceEvent.Reset(reason));
        Optional<BootDecision> decision = Optional.empty();
        Optional<AppDescriptor> app = Optional.empty();
        Boot.End end;
        try {
            if (!RomBoot.run(this, reason)) {
                nextReason = ResetReason.RTCWDT_RTC_RESET;
                return finish(reason, decision, app, Boot.End.NOTHING_BOOTED);
            }
            BootloaderRun.Result r = BootloaderRun.run(this, reason);
            decision = r.decision();
            decision.ifPresent(dd -> emit(new DeviceEvent.Boot(dd, dd.booted())));
            Optional<AppSlot> booted = decision.flatMap(BootDecision::booted);
            if (booted.isEmpty()) {
                nextReason = ResetReason.SW_RESET;                 // bootloader_reset(): it tries again
                return finish(reason, decision, app, Boot.End.NOTHING_BOOTED);
            }
            PartitionEntry p = esp32ota.ota.AppView.of(r.table().orElseThrow()).find(booted.get()).orElseThrow();
            app = FlashedApps.descriptor(flash, p);
            current = new Running(booted.get(), r.table().get(), app.orElse(null));
            end = runApp(current);
        } catch (PowerLossException e) {
            powerLost(e);
            end = Boot.End.POWER_LOSS;
        }
        return finish(reason, decision, app, end);
    }

    @Override public List<ConsoleLine> console() { return List.copyOf(console); }

    @Override public void addListener(Consumer<DeviceEvent> listener) { listeners.add(listener); }

    @Override public void removeListener(Consumer<DeviceEvent> listener) { listeners.remove(listener); }

    // ---- the virtual chip -----------------------------------------------------------------------------------

    /** The flash chip itself: for power-cut sweeps ({@link NorFlash#cutPowerAt}), counters and copies. */
    public NorFlash flash() { return flash; }

    public ChipIdentity chip() { return chip; }

    public DeviceConfig config() { return config; }

    public AppCatalog apps() { return apps; }

    /** The eFuse anti-rollback counter ({@code esp_efuse_read_secure_version}). */
    public long efuseSecureVersion() { return efuseSecureVersion; }

    /** The app partition running now, if an app is up. */
    public Optional<AppSlot> running() { return Optional.ofNullable(current).map(Running::slot); }

    /** The running app's {@code esp_ota_*} API; {@link IllegalStateException} when no app runs. */
    public OtaApi ota() {
        if (current == null) throw new IllegalStateException("no app is running: reset() the device first");
        return current.ota();
    }

    /**
     * The same chip, powered off: a copy-on-write copy of the flash ({@link NorFlash#copy()}, on its own clock),
     * the same identity, configuration, apps and eFuse; no listeners, no console. For "what if" runs and power-cut
     * sweeps: thousands of copies cost little.
     */
    public VirtualEsp32 copy() { return new VirtualEsp32(flash.copy(), chip, config, apps, efuseSecureVersion, memo); }

    /**
     * {@link #copy()} for power-cut sweeps: its bootloader reads and verifies an app partition only when it tries to
     * boot it (as the real one does; a plain device judges every slot first, which decides the same but reads more),
     * and both bootloader and OTA API take judged images from {@code memo} when a slot's bytes are unchanged. Its
     * copies share the memo. Boots decide exactly as on a plain device; console timestamps differ (fewer reads).
     */
    public VirtualEsp32 copyWithMemo(FlashedApps.Memo memo) {
        return new VirtualEsp32(flash.copy(), chip, config, apps, efuseSecureVersion, Optional.of(memo));
    }

    /** The memo of a sweep copy ({@link #copyWithMemo}); empty on a plain device. */
    public Optional<FlashedApps.Memo> memo() { return memo; }

    /** What the last reset did. */
    public Optional<Boot> lastBoot() { return Optional.ofNullable(lastBoot); }

    /** The reset reason the next {@link #reset()} will print. */
    public ResetReason nextResetReason() { return nextReason; }

    // ---- package: used by RomBoot, BootloaderRun, AppContext ------------------------------------------------

    Target target() { return Target.any().withChip(chip.chip()).withChipRevision(chip.revision()); }

    void burnSecureVersion(long value) { efuseSecureVersion = Math.max(efuseSecureVersion, value); }

    void emit(DeviceEvent e) { for (Consumer<DeviceEvent> l : List.copyOf(listeners)) l.accept(e); }

    void printRom(String text) { add(ConsoleLine.rom(text)); }

    void print(LogLine line) {
        print(LogLevel.fromLetter(line.level()).orElse(LogLevel.INFO), line.tag(), line.message());
    }

    void print(LogLevel level, String tag, String text) {
        if (!config.logLevel().shows(level)) return;
        add(ConsoleLine.log(level, (flash.clock().nowMicros() - bootStartMicros) / 1000, tag, text));
    }

    private void add(ConsoleLine line) {
        console.add(line);
        bootConsole.add(line);
        emit(new DeviceEvent.Console(line));
        flash.clock().advance(MICROS_PER_CHAR * (line.formatted().length() + 2));
    }

    private Boot.End runApp(Running r) {
        inApp = true;
        try {
            App app = r.descriptor() == null ? App.IDLE : apps.find(r.descriptor());
            app.run(new AppContext(this, r));
            return Boot.End.RUNNING;
        } catch (AppStop s) {
            current = null;
            nextReason = s.reason;
            return s.end;
        } finally {
            inApp = false;
        }
    }

    private Boot finish(ResetReason reason, Optional<BootDecision> d, Optional<AppDescriptor> app, Boot.End end) {
        Optional<AppSlot> booted = end == Boot.End.NOTHING_BOOTED ? Optional.empty() : d.flatMap(BootDecision::booted);
        lastBoot = new Boot(reason, d, booted, app, end, bootConsole);
        return lastBoot;
    }

    /** A cut during an operation: recorded once, power back on, the app is gone, the next reset is power-on. */
    private void powerLost(PowerLossException e) {
        if (!flash.powerLost()) return;
        emit(new DeviceEvent.PowerLoss(e.opIndex()));
        flash.powerOn();
        current = null;
        nextReason = ResetReason.POWERON_RESET;
    }

    /** The app that runs after a boot, and the host its OTA API runs on. */
    final class Running implements OtaHost {
        private final AppSlot slot;
        private final PartitionTable table;
        private final AppDescriptor descriptor;
        private final OtaApi ota;

        Running(AppSlot slot, PartitionTable table, AppDescriptor descriptor) {
            this.slot = slot;
            this.table = table;
            this.descriptor = descriptor;
            this.ota = new OtaApi(this);
        }

        AppSlot slot() { return slot; }

        AppDescriptor descriptor() { return descriptor; }

        OtaApi ota() { return ota; }

        private void check() {
            if (current != this) {
                throw new IllegalStateException("this app is no longer running (the device was reset or lost power)");
            }
        }

        @Override public NorFlash flash() {
            check();
            return flash;
        }

        @Override public PartitionTable table() { return table; }

        @Override public AppSlot running() { return slot; }

        @Override public OtaConfig config() { return config.ota(); }

        @Override public Target target() { return VirtualEsp32.this.target(); }

        @Override public long efuseSecureVersion() { return efuseSecureVersion; }

        @Override public void burnSecureVersion(long value) { VirtualEsp32.this.burnSecureVersion(value); }

        @Override public void log(LogLine line) { print(line); }

        @Override public void otadataWritten(int copy, OtaSelectEntry entry, String reason) {
            emit(new DeviceEvent.OtadataWritten(copy, entry, reason));
        }

        @Override public void called(String function, EspErr result) { emit(new DeviceEvent.ApiCall(function, result)); }

        @Override public void restart() {
            if (inApp) throw new AppStop(ResetReason.SW_CPU_RESET);
            current = null;
            nextReason = ResetReason.SW_CPU_RESET;
            reset();
        }

        @Override public void powerLost(PowerLossException e) { VirtualEsp32.this.powerLost(e); }

        @Override public FlashedApps apps() {
            return memo.map(m -> m.read(flash(), table, target())).orElseGet(OtaHost.super::apps);
        }
    }
}
