package esp32ota.boot;

import esp32ota.bytes.Bytes;
import esp32ota.ota.OtaCall;
import esp32ota.ota.OtaOps;
import esp32ota.ota.OtaRollback;
import esp32ota.ota.SetBootAlgorithm;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Properties of the bootloader and the OTA API over random tables, otadata and update sequences. */
class BootPropertiesTest {
    @Provide Arbitrary<PartitionTable> tables() { return RandomDevice.tables(); }

    @Provide Arbitrary<OtaData> otadata() { return RandomDevice.otadata(); }

    @Provide Arbitrary<Bytes> labels() { return RandomDevice.labels(); }

    @Provide Arbitrary<Bytes> raw() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0x1020).ofMaxSize(0x2100).map(Bytes::of);
    }

    @Property(tries = 300)
    void encodeOfDecodeIsIdentity(@ForAll("raw") Bytes bytes, @ForAll("otadata") OtaData od) {
        assertEquals(bytes, OtaData.decode(bytes, 0).encode());
        assertEquals(od.encode(), OtaData.decode(od.encode(), 0xD000).encode());
        for (OtaSelectEntry e : OtaData.decode(bytes, 0).copies()) {
            assertEquals(e, OtaSelectEntry.decode(esp32ota.bytes.ByteReader.of(e.encode(), e.address())));
        }
    }

    @Property(tries = 400)
    void decisionNeverDependsOnLabelBytes(@ForAll("tables") PartitionTable table, @ForAll("otadata") OtaData od,
                                          @ForAll("labels") Bytes label0, @ForAll("labels") Bytes label1,
                                          @ForAll boolean rollback) {
        OtaData relabelled = od.withCopy(0, relabel(od.copy(0), label0)).withCopy(1, relabel(od.copy(1), label1));
        List<PartitionEntry> renamed = new ArrayList<>();
        for (PartitionEntry e : table.entries()) {
            renamed.add(new PartitionEntry(0, e.type(), e.subtype(), e.offset(), e.size(), "x" + e.name().hashCode(), 0));
        }
        PartitionTable other = PartitionTable.of(0x8000, renamed);
        BootDecision a = Bootloader.decide(table, od, BootConfig.of(rollback));
        BootDecision b = Bootloader.decide(other, relabelled, BootConfig.of(rollback));
        assertEquals(a.activeOtadata(), b.activeOtadata());
        assertEquals(a.startIndex(), b.startIndex());
        assertEquals(a.startPartition(), b.startPartition());
        assertEquals(a.tryOrder(), b.tryOrder());
        assertEquals(a.booted(), b.booted());
        assertEquals(a.otaHasInitialContents(), b.otaHasInitialContents());
        assertEquals(a.selectionLogs(), b.selectionLogs());
        assertEquals(a.loadLogs(), b.loadLogs());
        assertEquals(withoutLabels(a.writes()), withoutLabels(b.writes()));
        for (int i = 0; i < 2; i++) assertEquals(withoutLabel(a.otadataAfter().copy(i)), withoutLabel(b.otadataAfter().copy(i)));
        AppSlot target = RandomDevice.apps(table).isEmpty() ? AppSlot.FACTORY : RandomDevice.apps(table).get(0);
        OtaCall<Void> sa = OtaOps.setBootPartition(table, od, target, BootConfig.of(rollback), SetBootAlgorithm.CURRENT);
        OtaCall<Void> sb = OtaOps.setBootPartition(other, relabelled, target, BootConfig.of(rollback), SetBootAlgorithm.CURRENT);
        assertEquals(sa.result(), sb.result());
        assertEquals(withoutLabels(sa.writes()), withoutLabels(sb.writes()));
    }

    /** One step of an update session on a device. */
    enum Step { SET_BOOT, REBOOT, MARK_VALID, MARK_INVALID_AND_REBOOT, RESET_WITHOUT_CONFIRMING }

    @Provide Arbitrary<List<Step>> sessions() { return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(25); }

    @Property(tries = 300)
    void withRollbackARejectedSlotIsNeverBootedWhileAValidAlternativeExists(
            @ForAll("tables") PartitionTable table, @ForAll("sessions") List<Step> steps,
            @ForAll @Size(max = 25) List<@net.jqwik.api.constraints.IntRange(max = 17) Integer> targets,
            @ForAll boolean legacy, @ForAll @Size(max = 3) Set<@net.jqwik.api.constraints.IntRange(min = -2, max = 15) Integer> broken) {
        Set<AppSlot> unbootable = new java.util.HashSet<>();
        broken.forEach(i -> unbootable.add(new AppSlot(i)));
        BootConfig config = BootConfig.of(true).withUnbootable(unbootable);
        List<AppSlot> apps = RandomDevice.apps(table);
        OtaData od = OtaData.erased(0xD000);
        Optional<AppSlot> running = boot(table, od, config).booted();
        od = boot(table, od, config).otadataAfter();
        int t = 0;
        for (Step step : steps) {
            switch (step) {
                case SET_BOOT -> {
                    if (apps.isEmpty()) break;
                    AppSlot target = apps.get(targets.isEmpty() ? 0 : targets.get(t++ % targets.size()) % apps.size());
                    OtaCall<Void> call = OtaOps.setBootPartition(table, od, target, config,
                            legacy ? SetBootAlgorithm.LEGACY : SetBootAlgorithm.CURRENT);
                    if (call.ok()) od = call.otadata();
                }
                case MARK_VALID -> {
                    if (running.isEmpty()) break;
                    OtaCall<Void> call = OtaRollback.markAppValidCancelRollback(table, od, running.get(), config);
                    if (call.ok()) od = call.otadata();
                }
                case MARK_INVALID_AND_REBOOT -> {
                    OtaCall<Void> call = OtaRollback.markAppInvalidRollback(table, od, config);
                    if (call.ok()) {
                        od = call.otadata();
                        BootDecision d = checkedBoot(table, od, config);
                        od = d.otadataAfter();
                        running = d.booted();
                    }
                }
                case REBOOT, RESET_WITHOUT_CONFIRMING -> {
                    BootDecision d = checkedBoot(table, od, config);
                    od = d.otadataAfter();
                    running = d.booted();
                }
            }
        }
    }

    private static BootDecision boot(PartitionTable table, OtaData od, BootConfig config) {
        return Bootloader.decide(table, od, config);
    }

    /** Boots and checks: a slot that only an INVALID/ABORTED copy selects is booted only when nothing better loads. */
    private static BootDecision checkedBoot(PartitionTable table, OtaData od, BootConfig config) {
        BootDecision d = boot(table, od, config);
        BootloaderView v = BootloaderView.of(table);
        OtaData after = d.otadataAfter();
        List<OtaSelectEntry> copies = after.copies();
        for (int i = 0; i < 2; i++) {
            if (copies.get(i).hasState(OtaImgState.PENDING_VERIFY)) {
                assertEquals(Optional.of(i), d.activeOtadata().copy(), "only the copy just selected can be PENDING_VERIFY");
            }
        }
        if (d.booted().isEmpty() || !d.booted().get().isOta() || v.appCount() == 0) return d;
        int booted = d.booted().get().index();
        boolean rejected = copies.stream().anyMatch(c -> !c.isBlankSeq() && c.slot(v.appCount()) == booted
                && (c.hasState(OtaImgState.INVALID) || c.hasState(OtaImgState.ABORTED)));
        boolean confirmed = copies.stream().anyMatch(c -> c.isSelectValid() && c.slot(v.appCount()) == booted);
        if (rejected && !confirmed) {
            assertFalse(validAlternative(copies, v, config),
                    "booted rejected " + d.booted().get() + " although a valid alternative loads; trail " + d.trail());
        }
        return d;
    }

    /** The active copy selects a present partition whose image loads, or there is no valid copy and factory loads. */
    private static boolean validAlternative(List<OtaSelectEntry> copies, BootloaderView v, BootConfig config) {
        OtaSelectEntry c0 = copies.get(0), c1 = copies.get(1);
        OtaSelectEntry active = c0.isSelectValid() && c1.isSelectValid() ? (c1.otaSeq() > c0.otaSeq() ? c1 : c0)
                : c0.isSelectValid() ? c0 : c1.isSelectValid() ? c1 : null;
        if (active != null) {
            return v.candidate(active.slot(v.appCount())).flatMap(AppSlot::of).map(config::loads).orElse(false);
        }
        return v.hasFactory() && v.candidate(-1).isPresent() && config.loads(AppSlot.FACTORY);
    }

    @Property(tries = 300)
    void setBootThenRebootBootsTheTarget(@ForAll("tables") PartitionTable table, @ForAll("otadata") OtaData od,
                                         @ForAll boolean rollback, @ForAll boolean legacy) {
        List<AppSlot> contiguous = new ArrayList<>();
        for (int n = 0; n < OtaOps.appPartitionCount(table); n++) contiguous.add(AppSlot.ota(n));
        if (contiguous.size() != BootloaderView.of(table).appCount()) return;   // gaps: the two counts differ (see BootScenariosTest)
        contiguous.add(AppSlot.FACTORY);
        for (AppSlot target : contiguous) {
            OtaCall<Void> call = OtaOps.setBootPartition(table, od, target, BootConfig.of(rollback),
                    legacy ? SetBootAlgorithm.LEGACY : SetBootAlgorithm.CURRENT);
            if (!call.ok()) continue;
            // ESP-IDF's seq search misses when the active seq is 0 or near 2^32 (see OtaScenariosTest)
            if (od.copies().stream().anyMatch(c -> c.isSelectValid() && (c.otaSeq() == 0 || c.otaSeq() > 0xFFFFFF00L))) continue;
            BootDecision d = Bootloader.decide(table, call.otadata(), BootConfig.of(rollback));
            assertEquals(Optional.of(target), d.booted(), call.trail().toString());
        }
    }

    private static OtaSelectEntry relabel(OtaSelectEntry e, Bytes label) {
        return new OtaSelectEntry(e.address(), e.otaSeq(), label, e.stateCode(), e.crc());
    }

    private static OtaSelectEntry withoutLabel(OtaSelectEntry e) { return relabel(e, Bytes.filled(20, 0)); }

    private static List<String> withoutLabels(List<OtadataWrite> writes) {
        return writes.stream().map(w -> w.sector() + " " + w.reason() + " " + withoutLabel(w.entry())).toList();
    }
}
