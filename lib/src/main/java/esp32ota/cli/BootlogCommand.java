package esp32ota.cli;

import esp32ota.bootlog.BootLog;
import esp32ota.bootlog.LogEvent;
import esp32ota.device.ConsoleLine;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** {@code ./kit bootlog FILE}: a saved ESP32 console log → its boots (reset, app loaded, version) and OTA progress. */
final class BootlogCommand implements Command {
    @Override public String name() { return "bootlog"; }

    @Override public String summary() { return "a saved ESP32 console log: boots, bootloader decisions, OTA progress"; }

    @Override public String usage() {
        return """
                usage: ./kit bootlog FILE [--json]

                  Reads a console log saved from a board (idf.py monitor, a terminal, ./kit device monitor):
                  ANSI colours, host timestamps, CRLF and older ESP-IDF wordings are fine. Prints each boot (reset
                  reason, the partition the bootloader loaded, the app's version, OTA bytes written) and the events
                  found; --json prints the same as one object.
                """;
    }

    @Override public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"), Set.of()).atMostPositionals(1);
        var path = console.path(args.positional(0, "FILE (a saved console log)"));
        String text = new String(OutputFile.read(path), StandardCharsets.UTF_8);
        BootLog log = BootLog.parse(text);
        if (args.flag("--json")) {
            JsonObject o = new JsonObject();
            o.addProperty("lines", log.lines().size());
            JsonArray boots = new JsonArray();
            for (BootLog.BootSummary b : log.boots()) {
                JsonObject x = new JsonObject();
                x.addProperty("reset", b.reset().map(LogEvent.RomReset::reason).orElse(null));
                x.addProperty("download", b.reset().map(LogEvent.RomReset::download).orElse(null));
                x.addProperty("loaded_offset", b.loaded().isPresent() ? b.loaded().getAsLong() : null);
                x.addProperty("partition", b.label().orElse(null));
                x.addProperty("app_version", b.appVersion().orElse(null));
                x.addProperty("ota_bytes", b.otaBytes().isPresent() ? b.otaBytes().getAsLong() : null);
                boots.add(x);
            }
            o.add("boots", boots);
            JsonArray events = new JsonArray();
            for (LogEvent e : log.events()) events.add(json(e, e.line()));
            o.add("events", events);
            console.out().print(JsonOutput.print(o));
            return 0;
        }
        var out = console.out();
        out.printf("%s: %d lines, %d boots, %d events%n", path.getFileName(), log.lines().size(), log.boots().size(),
                log.events().size());
        int i = 0;
        for (BootLog.BootSummary b : log.boots()) {
            out.printf("boot %d  %s%n", ++i, b.reset().map(r -> "%s, %s".formatted(r.reason(), r.bootModeName()))
                    .orElse("(log starts mid-boot)"));
            if (b.loaded().isPresent()) {
                out.printf("  loaded app at 0x%x%s%n", b.loaded().getAsLong(), b.label().map(l -> " (" + l + ")")
                        .orElse(""));
            } else if (b.reset().map(LogEvent.RomReset::download).orElse(false)) {
                out.println("  download mode: waiting for a flasher");
            } else {
                out.println("  no app loaded");
            }
            b.appVersion().ifPresent(v -> out.printf("  app version %s%n", v));
            if (b.otaBytes().isPresent()) out.printf("  OTA wrote %d bytes%n", b.otaBytes().getAsLong());
        }
        for (LogEvent e : log.events()) {
            if (e instanceof LogEvent.PartitionRow || e instanceof LogEvent.RomReset) continue;
            out.printf("  line %-5d %s%n", e.line(), describe(e));
        }
        return 0;
    }

    static String describe(LogEvent e) {
        if (e instanceof LogEvent.LoadedApp a) return "loaded app at 0x%x".formatted(a.offset());
        if (e instanceof LogEvent.ImageProblem p) return "image: " + p.console().text();
        if (e instanceof LogEvent.OtaProgress p) return "OTA progress %d bytes".formatted(p.bytes());
        if (e instanceof LogEvent.OtaStep s) return "OTA %s: %s".formatted(s.kind().name().toLowerCase(), s.text());
        if (e instanceof LogEvent.AppVersion v) return "app version " + v.version();
        if (e instanceof LogEvent.BootloaderStart b) return "bootloader " + b.idfVersion();
        if (e instanceof LogEvent.Selection s) return "selection: " + s.text();
        if (e instanceof LogEvent.NotBootable n) return "not bootable: " + n.text();
        return e.toString();
    }

    /** An event as flat JSON: its record components, plus {@code event} (its kind) and {@code line}. */
    static JsonObject json(LogEvent e, int line) {
        JsonObject o = new JsonObject();
        o.addProperty("event", e.getClass().getSimpleName());
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(e);
            } catch (ReflectiveOperationException x) {
                continue;
            }
            if (v instanceof Number n) o.addProperty(c.getName(), n);
            else if (v instanceof Boolean b) o.addProperty(c.getName(), b);
            else if (v instanceof ConsoleLine l) o.addProperty(c.getName(), l.formatted());
            else if (v instanceof Optional<?> opt) o.addProperty(c.getName(), opt.map(Object::toString).orElse(null));
            else if (v instanceof OptionalLong opt) o.addProperty(c.getName(), opt.isPresent() ? opt.getAsLong() : null);
            else o.addProperty(c.getName(), String.valueOf(v));
        }
        o.addProperty("line", line);
        if (e instanceof LogEvent.RomReset r) o.addProperty("download", r.download());
        return o;
    }
}
