package esp32ota.examples;

import esp32ota.device.DeviceEvent;
import esp32ota.flash.FlashOp;
import esp32ota.ota.OtaEvent;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whole OTA runs side by side ({@link OtaRun.Report}, one per way of updating): how each ended, the HTTP requests
 * the device made, the flash erases and page programs of the whole run (bootloader and app), the
 * {@code ESP_HTTPS_OTA_EVENT}s in order, and on the device's virtual clock the first boot (the update, up to the
 * restart) and the whole run (the new app's start-up check included). It lives beside {@link OtaRun}, not in
 * {@code esp32ota.view}, so that the views do not depend on the example apps.
 */
final class OtaRunTable {
    private OtaRunTable() {}

    static Table table(Map<String, OtaRun.Report> runs) {
        List<String> names = List.copyOf(runs.keySet());
        List<OtaRun.Report> reports = names.stream().map(runs::get).toList();
        return Table.create("OTA runs side by side",
                strings("way", names, n -> n),
                strings("outcome", reports, r -> r.outcome().name()),
                strings("HTTP requests", reports, OtaRunTable::requests),
                IntColumn.create("sector erases", reports.stream().mapToInt(r -> erases(r, false)).toArray()),
                IntColumn.create("block erases", reports.stream().mapToInt(r -> erases(r, true)).toArray()),
                IntColumn.create("page programs", reports.stream().mapToInt(r -> ops(r, FlashOp.Program.class)).toArray()),
                strings("esp_https_ota events", reports, OtaRunTable::httpsEvents),
                LongColumn.create("first boot ms", reports.stream().mapToLong(OtaRunTable::firstBootMillis).toArray()),
                LongColumn.create("virtual ms", reports.stream()
                        .mapToLong(r -> r.device().flash().clock().nowMicros() / 1000).toArray()));
    }

    private static <T> StringColumn strings(String name, List<T> rows, Function<T, String> f) {
        return StringColumn.create(name, rows.stream().map(f).toList());
    }

    /** {@code GET 200 (2272 B)}, one per request, in order; {@code none}. */
    static String requests(OtaRun.Report r) {
        String s = events(r, OtaEvent.Request.class).stream()
                .map(q -> q.method() + q.range().map(x -> " " + x).orElse("") + " → " + q.status()
                        + (q.contentLength() >= 0 ? " (" + q.contentLength() + " B)" : ""))
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "none" : s;
    }

    /**
     * {@code START, CONNECTED, …, WRITE_FLASH × 160, …} without the prefix, repeats folded; a dash for a client that
     * posts none (native).
     */
    static String httpsEvents(OtaRun.Report r) {
        List<String> names = events(r, OtaEvent.HttpsOta.class).stream().map(e -> e.id().name()).toList();
        List<String> folded = new ArrayList<>();
        for (int i = 0; i < names.size(); ) {
            int j = i;
            while (j < names.size() && names.get(j).equals(names.get(i))) j++;
            folded.add(j - i == 1 ? names.get(i) : names.get(i) + " × " + (j - i));
            i = j;
        }
        return folded.isEmpty() ? "-" : String.join(", ", folded);
    }

    /** The first boot's last console timestamp: the old app's update, from reset to esp_restart (or giving up). */
    static long firstBootMillis(OtaRun.Report r) {
        var console = r.boots().get(0).console();
        return console.stream().filter(l -> l.millis().isPresent()).reduce((a, b) -> b)
                .map(l -> l.millis().getAsLong()).orElse(0L);
    }

    private static int erases(OtaRun.Report r, boolean blocks) {
        return (int) r.events().stream().filter(e -> e instanceof DeviceEvent.FlashOperation f
                && f.op() instanceof FlashOp.Erase x && x.isBlock() == blocks).count();
    }

    private static int ops(OtaRun.Report r, Class<? extends FlashOp> kind) {
        return (int) r.events().stream().filter(e -> e instanceof DeviceEvent.FlashOperation f && kind.isInstance(f.op()))
                .count();
    }

    private static <T extends OtaEvent> List<T> events(OtaRun.Report r, Class<T> kind) {
        return r.events().stream().filter(e -> e instanceof DeviceEvent.Ota o && kind.isInstance(o.event()))
                .map(e -> kind.cast(((DeviceEvent.Ota) e).event())).toList();
    }
}
