package esp32ota.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import esp32ota.flash.FlashDump;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;
import esp32ota.testing.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtaRunCommandTest {
    @TempDir Path dir;

    Path write(String name, byte[] b) throws Exception { return Files.write(dir.resolve(name), b); }

    Path table() throws Exception {
        var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst().orElseThrow();
        return write("table.bin", PartitionTableSamples.binary(s).toByteArray());
    }

    Path blink(String v, long sv) throws Exception {
        return write("blink-" + v + ".bin", ImageSamples.blink(v, sv).build().toByteArray());
    }

    @Test void otaRunPrintsTheConsoleAndSavesTheFlash() throws Exception {
        Path from = blink("1.0.0", 0), to = blink("2.0.0", 1), t = table();
        KitRun run = KitRun.run(dir, "ota", "run", "--from", from.toString(), "--to", to.toString(), "--table",
                t.toString(), "--rollback", "--save", "after.bin");
        assertEquals("", run.stderr());
        assertEquals(0, run.exit());
        String out = run.stdout();
        assertTrue(out.contains("I (") && out.contains(" native_ota_example: Prepare to restart system!"), out);
        assertTrue(out.contains(" blink: Diagnostics completed successfully! Continuing execution ..."), out);
        assertTrue(out.contains("outcome: UPDATED (ota_1 runs version 2.0.0; 2 boots, 1 request, 2272 bytes served"), out);
        var flash = FlashDump.load(dir.resolve("after.bin"));
        assertEquals(2L << 20 << 1, flash.size());
        assertEquals(esp32ota.bytes.Bytes.of(Files.readAllBytes(to)), flash.read(0x150000, (int) Files.size(to)));
        // the saved flash boots the new app on the device command
        KitRun again = KitRun.run(dir, "device", "run", "--flash", "after.bin", "--rollback");
        assertEquals(0, again.exit(), again.stderr());
        assertTrue(again.stdout().contains("I (") && again.stdout().contains("boot: Loaded app from partition at offset 0x150000"),
                again.stdout());
        assertTrue(again.stdout().endsWith("1 boot: ota_1 runs blink 2.0.0\n"), again.stdout());
    }

    @Test void otaRunJsonHasTheOutcomeAndTheEvents() throws Exception {
        Path from = blink("1.0.0", 0), to = blink("2.0.0", 1), t = table();
        KitRun run = KitRun.run(dir, "ota", "run", "--from", from.toString(), "--to", to.toString(), "--table",
                t.toString(), "--api", "https-advanced", "--fault", "cut:1000", "--json");
        assertEquals(0, run.exit(), run.stderr());
        JsonObject o = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals("NOT_UPDATED", o.get("outcome").getAsString());
        assertEquals("ota_0", o.get("final_slot").getAsString());
        var types = o.getAsJsonArray("events").asList().stream().map(e -> e.getAsJsonObject().get("type").getAsString())
                .distinct().toList();
        assertTrue(types.containsAll(List.of("reset", "console", "flash", "api", "boot", "http_request", "progress", "https_ota")), types.toString());
        assertEquals("cut:1000", o.getAsJsonArray("requests").get(0).getAsJsonObject().get("fault").getAsString());
    }

    @Test void badArgumentsAreOneLineExit2AndWriteNothing() throws Exception {
        Path from = blink("1.0.0", 0), to = blink("2.0.0", 1), t = table();
        Path text = write("notes.txt", "hello".getBytes());
        String f = from.toString(), g = to.toString(), tt = t.toString();
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("ota", "run", "--to", g), "missing --from IMG (the app the device runs before the update)"),
                Map.entry(List.of("ota", "run", "--from", f), "missing --to IMG (the image the server sends)"),
                Map.entry(List.of("ota", "run", "--from", f, "--to", g, "--api", "ble"),
                        "bad --api 'ble' (expected native, https or https-advanced)"),
                Map.entry(List.of("ota", "run", "--from", f, "--to", g, "--link", "5g"),
                        "bad --link '5g' (expected lan, internet, slow or instant)"),
                Map.entry(List.of("ota", "run", "--from", f, "--to", g, "--fault", "cut"),
                        "bad fault 'cut' (expected cut:N, html, stall:N:MS, reset:N, length:+N, status:CODE or norange)"),
                Map.entry(List.of("ota", "run", "--from", text.toString(), "--to", g, "--table", tt),
                        "--from: " + text + ": " + "notes.txt".length() * 0 + "".trim()),
                Map.entry(List.of("ota", "run", "--from", f, "--to", dir.resolve("none.bin").toString(), "--table", tt),
                        "cannot read " + dir.resolve("none.bin") + ": no such file"),
                Map.entry(List.of("ota", "run", "--from", f, "--to", g, "--table", tt, "--save", f),
                        "refusing to overwrite the input file " + f + "; choose another output"),
                Map.entry(List.of("ota", "run", "--from", f, "--to", g, "extra"), "unexpected argument 'extra' (see --help)"),
                Map.entry(List.of("device", "run"), "missing --table T (or --flash DUMP)"),
                Map.entry(List.of("device"), "usage: ./kit device run|serve|info|flash|monitor … (see ./kit device --help)"),
                Map.entry(List.of("device", "run", "--table", tt), "missing --app SLOT=IMG (at least one app image)"),
                Map.entry(List.of("device", "run", "--table", tt, "--app", "ota_0"),
                        "bad --app 'ota_0' (expected SLOT=IMG, e.g. ota_0=blink.bin)"),
                Map.entry(List.of("device", "run", "--table", tt, "--app", "factory=" + f),
                        "--app: the table has no factory partition"),
                Map.entry(List.of("device", "run", "--table", tt, "--app", "ota_9x=" + f),
                        "bad --app 'ota_9x=" + f + "': unknown slot 'ota_9x' (expected factory, test or ota_0 … ota_15)"),
                Map.entry(List.of("device", "run", "--table", tt, "--app", "ota_0=" + f, "--app", "ota_0=" + g),
                        "--app: ota_0 given twice"),
                Map.entry(List.of("device", "run", "--flash", f),
                        f + ": 2272 bytes is not a flash dump (a dump is exactly 2, 4, 8 or 16 MiB)"),
                Map.entry(List.of("device", "run", "--flash", f, "--table", tt),
                        "give either --flash or --table/--app/--otadata, not both"),
                Map.entry(List.of("device", "run", "--table", tt, "--app", "ota_0=" + f, "--secure-version", "40"),
                        "--secure-version: the ESP32's field holds 0-32, not 40"));
        for (var c : cases.entrySet()) {
            KitRun run = KitRun.run(dir, Map.of(), c.getKey());
            assertEquals(2, run.exit(), c.getKey().toString() + run.stderr());
            if (c.getKey().contains(text.toString())) {
                assertTrue(run.stderr().startsWith("--from: " + text + ": "), run.stderr());
            } else {
                assertEquals(c.getValue() + "\n", run.stderr(), c.getKey().toString());
            }
            assertEquals("", run.stdout(), c.getKey().toString());
        }
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "nothing written");
        }
    }

    @Test void deviceRunTakesOtadataAndRollsBackAFailingApp() throws Exception {
        Path t = table(), from = blink("1.0.0", 0);
        Path bad = write("bad.bin", ImageSamples.blink("2.0.0-selftest-fail", 1).build().toByteArray());
        var newOtadata = new esp32ota.samples.OtadataSamples().files().get("otadata/2-ota_1-new.bin");
        Path od = write("od.bin", newOtadata.toByteArray());
        KitRun run = KitRun.run(dir, "device", "run", "--table", t.toString(), "--app", "ota_0=" + from,
                "--app=ota_1=" + bad, "--otadata", od.toString(), "--rollback", "--save", "rolled-back.bin");
        assertEquals(0, run.exit(), run.stderr());
        String out = run.stdout();
        assertTrue(out.contains(" blink: Diagnostics failed! Start rollback to the previous version ...\n"), out);
        assertTrue(out.contains(" esp_ota_ops: Rollback to previously worked partition. Restart.\n"), out);  // v5.4 wording
        assertTrue(out.contains("rst:0xc (SW_CPU_RESET)"), out);
        assertTrue(out.contains("\n2 boots: ota_0 runs blink 1.0.0\nwrote "), out);
        KitRun boot = KitRun.run(dir, "boot", "--flash", "rolled-back.bin", "--rollback");
        assertEquals(0, boot.exit(), boot.stderr());
        assertTrue(boot.stdout().contains("Booted:      ota_0"), boot.stdout());
    }

    @Test void deviceRunWithAntiRollbackRefusesAnOlderApp() throws Exception {
        Path t = table(), from = blink("1.0.0", 0);
        KitRun run = KitRun.run(dir, "device", "run", "--table", t.toString(), "--app", "ota_0=" + from,
                "--secure-version", "1");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().contains("nothing boots"), run.stdout());
    }

    @Test void deviceRunBootsTheAppsItIsGiven() throws Exception {
        Path from = blink("1.0.0", 0), t = table();
        KitRun run = KitRun.run(dir, "device", "run", "--table", t.toString(), "--app", "ota_0=" + from);
        assertEquals(0, run.exit(), run.stderr());
        String out = run.stdout();
        assertTrue(out.startsWith("ets Jul 29 2019 12:21:46\n"), out);
        assertTrue(out.contains(" boot: No factory image, trying OTA 0\n"), out);
        assertTrue(out.contains(" blink: blink 1.0.0 running from ota_0\n"), out);
        assertTrue(out.endsWith("\n1 boot: ota_0 runs blink 1.0.0\n"), out);
    }
}
