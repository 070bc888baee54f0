package esp32ota.cli;

import esp32ota.board.Board;
import esp32ota.board.BoardReport;
import esp32ota.boot.LogLine;
import esp32ota.ota.FlashedApps;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.serial.Transport;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Set;

/** {@code ./kit device info PORT}: everything a board in download mode tells, and its next boot. Read only. */
final class DeviceInfoCommand {
    int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--rollback", "--json"), Set.of("--baud")).atMostPositionals(1);
        String port = args.positional(0, "PORT (a tty path or socket://host:port)");
        long start = System.nanoTime();
        try (Transport t = LivePort.open(port)) {
            Board board = LivePort.connect(t);
            LivePort.baud(board, args);
            BoardReport r = LivePort.run(() -> board.read(args.flag("--rollback")));
            double seconds = (System.nanoTime() - start) / 1e9;
            console.out().print(args.flag("--json") ? JsonOutput.print(json(port, r)) : text(port, r, seconds));
        }
        return 0;
    }

    static String text(String port, BoardReport r, double seconds) {
        StringBuilder s = new StringBuilder();
        var c = r.chip();
        s.append("port        %s%n".formatted(port));
        s.append("chip        %s, %s, crystal %d MHz%n".formatted(c.description(), String.join(", ", c.features()),
                c.crystalMHz()));
        s.append("MAC         %s%n".formatted(c.mac()));
        s.append("flash id    %s (%d MB)%n".formatted(c.flashId(), r.flashSize() >> 20));
        s.append("partition table at 0x%x:%n".formatted(r.table().address()));
        s.append("  # name             type sub  offset    size%n".formatted());
        List<PartitionEntry> rows = r.table().entries();
        for (int i = 0; i < rows.size(); i++) {
            PartitionEntry p = rows.get(i);
            s.append("  %d %-16s %02x   %02x   0x%06x  0x%06x%n".formatted(i, p.name(), p.type(), p.subtype(),
                    p.offset(), p.size()));
        }
        s.append("otadata%n".formatted());
        for (int i = 0; i < 2; i++) s.append("  copy %d    %s%n".formatted(i, entry(r.otadata().copy(i))));
        s.append("app slots%n".formatted());
        for (String l : r.slotLines()) s.append("  ").append(l).append('\n');
        s.append("next boot   %s%n".formatted(r.nextBoot().map(Object::toString).orElse("nothing bootable")));
        for (LogLine l : r.prediction().loadLogs()) {
            if (l.level() != 'D') s.append("  %c %s: %s%n".formatted(l.level(), l.tag(), l.message()));
        }
        s.append("read %d bytes of flash in %.2f s%n".formatted(r.readBytes(), seconds));
        return s.toString();
    }

    static String entry(OtaSelectEntry e) {
        if (e.otaSeq() == OtaSelectEntry.SEQ_BLANK) return "blank (erased)";
        return "ota_seq %d, state %s".formatted(e.otaSeq(), e.state().map(Enum::name).orElse(
                "0x%x".formatted(e.stateCode())));
    }

    static JsonObject json(String port, BoardReport r) {
        JsonObject o = new JsonObject();
        o.addProperty("port", port);
        o.addProperty("chip", r.chip().description());
        o.addProperty("mac", r.chip().mac().toString());
        o.addProperty("flash_id", "%06x".formatted(r.chip().flashId().w0()));
        o.addProperty("flash_size", r.flashSize());
        JsonArray table = new JsonArray();
        for (PartitionEntry p : r.table().entries()) {
            JsonObject e = new JsonObject();
            e.addProperty("name", p.name());
            e.addProperty("type", p.type());
            e.addProperty("subtype", p.subtype());
            e.addProperty("offset", p.offset());
            e.addProperty("size", p.size());
            table.add(e);
        }
        o.add("partitions", table);
        JsonArray od = new JsonArray();
        for (int i = 0; i < 2; i++) {
            OtaSelectEntry e = r.otadata().copy(i);
            JsonObject x = new JsonObject();
            x.addProperty("ota_seq", e.otaSeq());
            x.addProperty("state", e.state().map(Enum::name).orElse(null));
            od.add(x);
        }
        o.add("otadata", od);
        JsonArray slots = new JsonArray();
        for (FlashedApps.SlotImage i : r.apps().images().values()) {
            JsonObject x = new JsonObject();
            x.addProperty("slot", i.slot().toString());
            x.addProperty("offset", i.partition().offset());
            x.addProperty("project", i.descriptor().map(d -> d.projectNameText()).orElse(null));
            x.addProperty("version", i.descriptor().map(d -> d.versionText()).orElse(null));
            x.addProperty("bootable", i.bootable());
            x.addProperty("verdict", i.bootable() ? null : i.verdict().summary());
            slots.add(x);
        }
        o.add("slots", slots);
        o.addProperty("next_boot", r.nextBoot().map(Object::toString).orElse(null));
        o.addProperty("read_bytes", r.readBytes());
        return o;
    }
}
