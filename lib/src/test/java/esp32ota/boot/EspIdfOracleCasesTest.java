package esp32ota.boot;

import esp32ota.bytes.Bytes;
import esp32ota.ota.OtaCall;
import esp32ota.ota.OtaOps;
import esp32ota.ota.OtaRollback;
import esp32ota.ota.SetBootAlgorithm;
import esp32ota.otadata.OtaData;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential cases frozen from a run of ESP-IDF's own C code (see the header of esp_idf_oracle_cases.txt): random
 * tables, otadata and configurations through the bootloader and every esp_ota_* function, each compared line by line
 * with the C output (logs, results, written sectors, both copies after).
 */
class EspIdfOracleCasesTest {
    @Test void everyFrozenCaseMatchesEspIdf() throws IOException {
        List<String[]> cases = load();
        assertEquals(236, cases.size());
        for (String[] c : cases) {
            List<String> want = Arrays.asList(c).subList(1, c.length);
            List<String> got = run(new ArrayDeque<>(Arrays.asList(c[0].split(" "))));
            assertEquals(lines(want, false), lines(got, false), c[0].substring(0, Math.min(200, c[0].length())));
            assertEquals(lines(want, true), lines(got, true), "writes of " + c[0].substring(0, Math.min(200, c[0].length())));
        }
    }

    /** The written sectors, or everything else: C prints writes as they happen, the kit lists them apart. */
    private static List<String> lines(List<String> all, boolean writes) {
        return all.stream().filter(l -> (l.startsWith("WRITE ") || l.equals("ERASEALL")) == writes).toList();
    }

    private static List<String[]> load() throws IOException {
        List<String[]> cases = new ArrayList<>();
        try (InputStream in = EspIdfOracleCasesTest.class.getResourceAsStream("esp_idf_oracle_cases.txt")) {
            List<String> block = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("in ")) block = new ArrayList<>(List.of(line.substring(3)));
                else if (line.startsWith("out ")) block.add(line.substring(4));
                else if (line.equals("end")) cases.add(block.toArray(String[]::new));
            }
        }
        return cases;
    }

    /** Runs one case through the kit and prints what the C harness printed, in its format. */
    private static List<String> run(Deque<String> t) {
        int n = Integer.parseInt(t.pop());
        List<PartitionEntry> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new PartitionEntry(0, Integer.parseInt(t.pop()), Integer.parseInt(t.pop()),
                    Long.parseLong(t.pop(), 16), Long.parseLong(t.pop(), 16), "p" + i, 0));
        }
        PartitionTable table = PartitionTable.of(0x8000, rows);
        boolean rollback = t.pop().equals("1"), anti = t.pop().equals("1"), legacy = t.pop().equals("1");
        long efuse = Long.parseLong(t.pop());
        int bits = Integer.parseInt(t.pop());
        Set<AppSlot> unbootable = new HashSet<>();
        for (int i = Integer.parseInt(t.pop()); i > 0; i--) unbootable.add(AppSlot.parse(t.pop()));
        Map<AppSlot, Long> versions = new HashMap<>();
        for (int i = Integer.parseInt(t.pop()); i > 0; i--) versions.put(AppSlot.parse(t.pop()), Long.parseLong(t.pop()));
        Bytes copy0 = Bytes.fromHex(t.pop()), copy1 = Bytes.fromHex(t.pop());
        OtaData od = new OtaData(0, Bytes.filled(OtaData.SIZE, 0xFF).with(0, copy0).with(OtaData.SECTOR_SIZE, copy1));
        String op = t.pop(), arg = t.pop();
        Optional<AppSlot> slot = arg.equals("none") ? Optional.empty() : Optional.of(AppSlot.parse(arg));
        BootConfig config = BootConfig.of(rollback).withUnbootable(unbootable);
        if (anti) config = config.withAntiRollback(new AntiRollback(efuse, bits, versions));
        List<String> out = new ArrayList<>();
        if (op.equals("boot")) {
            BootDecision d = Bootloader.decide(table, od, config);
            logs(out, d.selectionLogs());
            d.writes().forEach(w -> out.add("WRITE " + w.sector()));
            if (d.outcome() instanceof BootOutcome.SelectionFailed f && f.reason().startsWith("division")) {
                out.add("DIVZERO");
                return out;
            }
            out.add("START " + d.startIndex().orElse(Bootloader.INVALID_INDEX));
            out.add("MARK");
            logs(out, d.loadLogs());
            if (d.outcome() instanceof BootOutcome.Booted b) out.add("BOOTED %x".formatted(b.partition().offset()));
            else out.add(d.outcome() instanceof BootOutcome.NothingBootable ? "NOTHING" : "RESET");
            out.add("INITIAL " + (d.otaHasInitialContents() ? 1 : 0));
            return finish(out, d.otadataAfter(), d.antiRollbackAfter().map(AntiRollback::efuseSecureVersion).orElse(efuse));
        }
        OtaCall<?> call = switch (op) {
            case "get_boot" -> OtaOps.getBootPartition(table, od);
            case "next_update" -> OtaOps.getNextUpdatePartition(table, slot.orElseThrow());
            case "set_boot" -> OtaOps.setBootPartition(table, od, slot.orElseThrow(), config,
                    legacy ? SetBootAlgorithm.LEGACY : SetBootAlgorithm.CURRENT);
            case "mark_valid" -> OtaRollback.markAppValidCancelRollback(table, od, slot, config);
            case "mark_invalid" -> OtaRollback.markAppInvalidRollback(table, od, config);
            case "check_rollback" -> OtaRollback.checkRollbackIsPossible(table, od, config);
            case "last_invalid" -> OtaRollback.getLastInvalidPartition(table, od, config);
            case "get_state" -> OtaRollback.getStatePartition(table, od, slot.orElseThrow());
            default -> throw new IllegalArgumentException(op);
        };
        logs(out, call.logs());
        if (call.trail().stream().anyMatch(s -> s.endsWith("the real loop never ends"))) {
            out.add("HANG");
            return out;
        }
        boolean returnsErr = Set.of("set_boot", "mark_valid", "mark_invalid", "get_state").contains(op);
        if (returnsErr) out.add("RESULT " + call.result());
        if (!returnsErr || (op.equals("get_state") && call.ok())) {
            out.add("VALUE " + call.value().map(Object::toString).orElse("null"));
        }
        if (call.writes().stream().anyMatch(w -> w.reason().endsWith("erase otadata"))) out.add("ERASEALL");
        else call.writes().forEach(w -> out.add("WRITE " + w.sector()));
        return finish(out, op.equals("next_update") ? od : call.otadata(),
                call.antiRollbackAfter().map(AntiRollback::efuseSecureVersion).orElse(efuse));
    }

    private static List<String> finish(List<String> out, OtaData after, long efuse) {
        Bytes b = after.encode();
        assertTrue(b.slice(0x20, 0x1000).allEqual(0xFF) && b.slice(0x1020, 0x2000).allEqual(0xFF));
        out.add("COPIES " + after.copy(0).encode().hex() + " " + after.copy(1).encode().hex());
        out.add("EFUSE " + efuse);
        return out;
    }

    private static void logs(List<String> out, List<LogLine> lines) {
        lines.forEach(l -> out.add("LOG " + l.level() + " " + l.tag() + "|" + l.message()));
    }
}
