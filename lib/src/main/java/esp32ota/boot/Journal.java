package esp32ota.boot;

import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of the bootloader or of an OTA function leaves behind, collected while it runs: log lines, the
 * plain-language trail, otadata rewrites (applied to the otadata as they happen) and the eFuse counter. Package
 * private and short-lived; the public results ({@link BootDecision}, {@link OtaCall}) are immutable copies.
 */
final class Journal {
    static final String TAG_EFUSE = "efuse";

    private final List<LogLine> logs = new ArrayList<>();
    private final List<String> trail = new ArrayList<>();
    private final List<OtadataWrite> writes = new ArrayList<>();
    private OtaData otadata;
    private Optional<AntiRollback> antiRollback;

    Journal(OtaData otadata, Optional<AntiRollback> antiRollback) {
        this.otadata = otadata;
        this.antiRollback = antiRollback;
    }

    /** Adds a log line; without arguments the text is taken literally. */
    void log(char level, String tag, String format, Object... args) {
        logs.add(new LogLine(level, tag, args.length == 0 ? format : format.formatted(args)));
    }

    /** Adds a trail line; without arguments the text is taken literally. */
    void explain(String format, Object... args) { trail.add(args.length == 0 ? format : format.formatted(args)); }

    /** Erases sector {@code sector} and writes {@code entry} at its start, as {@code write_otadata} does. */
    void write(int sector, OtaSelectEntry entry, String reason) {
        otadata = otadata.withCopy(sector, entry);
        writes.add(new OtadataWrite(sector, reason, otadata.copy(sector)));
    }

    /**
     * {@code esp_partition_erase_range(otadata, 0, partitionSize)}: erases the partition, which may be shorter than
     * the otadata image held here; bytes past the partition stay as they are.
     */
    void eraseAll(long partitionSize, String reason) {
        int n = (int) Math.min(partitionSize, otadata.size());
        otadata = new OtaData(otadata.address(), otadata.bytes().with(0, esp32ota.bytes.Bytes.filled(n, 0xFF)));
        for (int i = 0; i < OtaData.COPIES && (long) i * OtaData.SECTOR_SIZE < n; i++) {
            writes.add(new OtadataWrite(i, reason, otadata.copy(i)));
        }
    }

    OtaData otadata() { return otadata; }

    Optional<AntiRollback> antiRollback() { return antiRollback; }

    AntiRollback requireAntiRollback() { return antiRollback.orElseThrow(); }

    /**
     * {@code esp_efuse_update_secure_version}: burn the counter up to {@code secureVersion}. Refused when the version
     * does not fit the field, and when the counter is already higher (nothing is burnt then).
     */
    EspErr updateSecureVersion(long secureVersion) {
        AntiRollback a = requireAntiRollback();
        if (a.efuseFieldBits() < secureVersion) {
            log('E', TAG_EFUSE, "Max secure version is %d. Given %d version can not be written.",
                    a.efuseFieldBits(), secureVersion);
            explain("secure_version %d does not fit the %d-bit eFuse field: nothing burnt", secureVersion,
                    a.efuseFieldBits());
            return EspErr.ESP_ERR_INVALID_ARG;
        }
        if (a.efuseSecureVersion() < secureVersion) {
            antiRollback = Optional.of(a.withEfuse(secureVersion));
            log('I', TAG_EFUSE, "Anti-rollback is set. eFuse field is updated(%d).", secureVersion);
            explain("eFuse secure version raised from %d to %d (burnt bits never clear)", a.efuseSecureVersion(),
                    secureVersion);
        } else if (a.efuseSecureVersion() > secureVersion) {
            log('E', TAG_EFUSE, "Anti-rollback is not set. secure_version of app is lower that eFuse field(%d).",
                    a.efuseSecureVersion());
            return EspErr.ESP_FAIL;
        }
        return EspErr.ESP_OK;
    }

    int logCount() { return logs.size(); }

    List<LogLine> logs(int from, int to) { return List.copyOf(logs.subList(from, to)); }

    List<LogLine> logs() { return List.copyOf(logs); }

    List<String> trail() { return List.copyOf(trail); }

    List<OtadataWrite> writes() { return List.copyOf(writes); }
}
