package esp32ota.boot;

import esp32ota.bytes.Bytes;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of the bootloader ({@link Bootloader#decide}) or of one {@code esp_ota_*} function
 * ({@code esp32ota.ota}) leaves behind, collected while it runs: log lines, the plain-language trail, otadata
 * rewrites (applied to the otadata as they happen) and the anti-rollback eFuse counter.
 *
 * <p>Both subsystems link the same otadata and eFuse code on a device (bootloader_common_loader.c, esp_efuse), so
 * this is where that shared code lives: {@link #selectOtadata} logs the selection of {@code boot_comm},
 * {@link #write} is {@code write_otadata}, {@link #updateSecureVersion} is {@code esp_efuse_update_secure_version}.
 * It is public for the {@code ota} package; it is mutable and meant to live for one call only: the results people
 * read ({@link BootDecision}, {@code OtaCall}) are immutable copies of it.
 */
public final class Journal {
    /** The tag of the shared otadata code ({@code bootloader_common_select_otadata}). */
    public static final String TAG_COMMON = "boot_comm";
    public static final String TAG_EFUSE = "efuse";

    /** What {@link #updateSecureVersion} did to the eFuse counter. */
    public enum SecureVersionUpdate {
        /** The counter was raised to the version. */
        RAISED,
        /** The counter already equals the version: nothing burnt. */
        UNCHANGED,
        /** The version does not fit the eFuse field: nothing burnt ({@code ESP_ERR_INVALID_ARG}). */
        TOO_LARGE,
        /** The counter is already higher than the version: nothing burnt ({@code ESP_FAIL}). */
        BELOW_EFUSE
    }

    private final List<LogLine> logs = new ArrayList<>();
    private final List<String> trail = new ArrayList<>();
    private final List<OtadataWrite> writes = new ArrayList<>();
    private OtaData otadata;
    private Optional<AntiRollback> antiRollback;

    /** A journal that starts from this otadata (placed at its partition's address) and eFuse state. */
    public Journal(OtaData otadata, Optional<AntiRollback> antiRollback) {
        this.otadata = otadata;
        this.antiRollback = antiRollback;
    }

    /** Adds a log line; without arguments the text is taken literally. */
    public void log(char level, String tag, String format, Object... args) {
        logs.add(new LogLine(level, tag, args.length == 0 ? format : format.formatted(args)));
    }

    /** Adds a trail line; without arguments the text is taken literally. */
    public void explain(String format, Object... args) {
        trail.add(args.length == 0 ? format : format.formatted(args));
    }

    /**
     * {@code bootloader_common_select_otadata}: {@link OtaData#select} over {@code copies}, with its log lines. The
     * copies are passed in because the bootloader selects among copies it has already changed in memory.
     */
    public Optional<Integer> selectOtadata(List<OtaSelectEntry> copies, boolean[] eligible, OtaData.Pick pick) {
        Optional<Integer> chosen = OtaData.select(copies, i -> eligible[i], pick);
        if (eligible[0] && eligible[1]) log('D', TAG_COMMON, "Both OTA copies are valid");
        else chosen.ifPresent(i -> log('D', TAG_COMMON, "Only otadata[%d] is valid", i));
        return chosen;
    }

    /** {@code bootloader_common_get_active_otadata}: the select-valid copy with the higher seq, with its log lines. */
    public Optional<Integer> activeOtadata(List<OtaSelectEntry> copies) {
        boolean[] valid = {copies.get(0).isSelectValid(), copies.get(1).isSelectValid()};
        return selectOtadata(copies, valid, OtaData.Pick.HIGHER_SEQ);
    }

    /** {@code write_otadata}: erases sector {@code sector} and writes {@code entry} at its start. */
    public void write(int sector, OtaSelectEntry entry, OtadataWrite.Kind kind, String reason) {
        otadata = otadata.withCopy(sector, entry);
        writes.add(new OtadataWrite(sector, kind, reason, otadata.copy(sector)));
    }

    /**
     * {@code esp_partition_erase_range(otadata, 0, partitionSize)}: erases the partition, which may be shorter than
     * the otadata image held here; bytes past the partition stay as they are. Only the {@code esp_ota_*} functions
     * erase it ({@link OtadataWrite.Kind#API}).
     */
    public void eraseAll(long partitionSize, String reason) {
        int n = (int) Math.min(partitionSize, otadata.size());
        otadata = new OtaData(otadata.address(), otadata.bytes().with(0, Bytes.filled(n, 0xFF)));
        for (int i = 0; i < OtaData.COPIES && (long) i * OtaData.SECTOR_SIZE < n; i++) {
            writes.add(new OtadataWrite(i, OtadataWrite.Kind.API, reason, otadata.copy(i)));
        }
    }

    /** The otadata as it is now, after every write so far. */
    public OtaData otadata() { return otadata; }

    public Optional<AntiRollback> antiRollback() { return antiRollback; }

    /** The anti-rollback state; only for code paths that run when anti-rollback is enabled. */
    public AntiRollback requireAntiRollback() {
        return antiRollback.orElseThrow(() -> new IllegalStateException("anti-rollback is not enabled"));
    }

    /**
     * {@code esp_efuse_update_secure_version}: burn the counter up to {@code secureVersion}. Refused when the version
     * does not fit the field, and when the counter is already higher (nothing is burnt then).
     */
    public SecureVersionUpdate updateSecureVersion(long secureVersion) {
        AntiRollback a = requireAntiRollback();
        if (a.efuseFieldBits() < secureVersion) {
            log('E', TAG_EFUSE, "Max secure version is %d. Given %d version can not be written.",
                    a.efuseFieldBits(), secureVersion);
            explain("secure_version %d does not fit the %d-bit eFuse field: nothing burnt", secureVersion,
                    a.efuseFieldBits());
            return SecureVersionUpdate.TOO_LARGE;
        }
        if (a.efuseSecureVersion() < secureVersion) {
            antiRollback = Optional.of(a.withEfuse(secureVersion));
            log('I', TAG_EFUSE, "Anti-rollback is set. eFuse field is updated(%d).", secureVersion);
            explain("eFuse secure version raised from %d to %d (burnt bits never clear)", a.efuseSecureVersion(),
                    secureVersion);
            return SecureVersionUpdate.RAISED;
        }
        if (a.efuseSecureVersion() > secureVersion) {
            log('E', TAG_EFUSE, "Anti-rollback is not set. secure_version of app is lower that eFuse field(%d).",
                    a.efuseSecureVersion());
            return SecureVersionUpdate.BELOW_EFUSE;
        }
        return SecureVersionUpdate.UNCHANGED;
    }

    public int logCount() { return logs.size(); }

    /** Log lines {@code from} (inclusive) to {@code to} (exclusive), e.g. one phase of a boot. */
    public List<LogLine> logs(int from, int to) { return List.copyOf(logs.subList(from, to)); }

    public List<LogLine> logs() { return List.copyOf(logs); }

    public List<String> trail() { return List.copyOf(trail); }

    public List<OtadataWrite> writes() { return List.copyOf(writes); }
}
