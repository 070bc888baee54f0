package esp32ota.ota;

import esp32ota.boot.AntiRollback;
import esp32ota.boot.Journal;
import esp32ota.boot.LogLine;
import esp32ota.boot.OtadataWrite;
import esp32ota.otadata.OtaData;

import java.util.List;
import java.util.Optional;

/**
 * The result of one application-side OTA function ({@link OtaOps}): what it returned, what it wrote, what it logged
 * and why.
 *
 * @param function          the C call, e.g. {@code esp_ota_set_boot_partition(ota_1)}
 * @param result            the {@code esp_err_t} (ESP_OK for functions that return a value instead)
 * @param value             the returned partition, state code or boolean; empty for NULL / none
 * @param otadata           otadata after the call (the input when nothing was written)
 * @param writes            the otadata rewrites, in order
 * @param antiRollbackAfter the anti-rollback state after the call (confirming an app may burn the eFuse)
 * @param logs              the call's log lines
 * @param trail             the rules that fired, in plain language
 */
public record OtaCall<T>(String function, EspErr result, Optional<T> value, OtaData otadata,
                         List<OtadataWrite> writes, Optional<AntiRollback> antiRollbackAfter, List<LogLine> logs,
                         List<String> trail) {
    public OtaCall {
        writes = List.copyOf(writes);
        logs = List.copyOf(logs);
        trail = List.copyOf(trail);
    }

    /** A call that returned {@code value} (empty for NULL / none), with what {@code j} collected. */
    static <T> OtaCall<T> of(String function, EspErr result, Optional<T> value, Journal j) {
        return new OtaCall<>(function, result, value, j.otadata(), j.writes(), j.antiRollback(), j.logs(), j.trail());
    }

    /** A call that returns only its {@code esp_err_t}. */
    static OtaCall<Void> of(String function, EspErr result, Journal j) {
        return of(function, result, Optional.empty(), j);
    }

    public boolean ok() { return result.ok(); }
}
