package esp32ota.samples;

import esp32ota.boot.AppSlot;
import esp32ota.boot.BootConfig;
import esp32ota.bytes.Bytes;
import esp32ota.ota.UpdateSession;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Otadata partitions (8 KiB) that tell one OTA update on the sample table {@code no_factory_two_ota}, rollback
 * enabled: erased, the first boot, {@code esp_ota_set_boot_partition(ota_1)}, the first boot of ota_1, then either a
 * reset without confirming (rolled back) or {@code esp_ota_mark_app_valid_cancel_rollback()}; and one copy torn by a
 * power cut. Every file is a step of an {@link UpdateSession}: the library's own functions, called in order.
 */
public final class OtadataSamples implements SampleFamily {
    /** Folder of the otadata images inside {@code sample-images/}. */
    public static final String DIR = "otadata";
    /** The table the story runs on, as committed in {@code sample-images/partition-tables/}. */
    public static final String TABLE = "sample-images/" + PartitionTableSamples.DIR + "/no_factory_two_ota.csv";
    private static final String FROM = "sample-images/" + DIR;

    /**
     * One otadata image.
     *
     * @param file    file name inside {@code otadata/}
     * @param teaches what it shows, for the README
     * @param command the {@code ./kit} words that write the same bytes to {@code file} in the current folder (run
     *                from the repository root), or empty when no command makes it
     * @param otadata the bytes
     */
    public record Sample(String file, String teaches, List<String> command, OtaData otadata) {
        public Sample { command = List.copyOf(command); }

        /** Path relative to the samples folder. */
        public String path() { return DIR + "/" + file; }

        /** The command as the README prints it, with {@code $T} for the table and {@code $O} for this folder. */
        public String shellLine() {
            return ("./kit " + String.join(" ", command)).replace(TABLE, "$T").replace(FROM + "/", "$O/");
        }
    }

    @Override public String name() { return "otadata"; }

    /** The partition table of the story: {@code no_factory_two_ota} (otadata at 0xD000, ota_0 and ota_1). */
    public static PartitionTable table() {
        var s = PartitionTableSamples.ALL.stream().filter(t -> t.name().equals("no_factory_two_ota")).findFirst()
                .orElseThrow();
        return PartitionTable.decode(PartitionTableSamples.binary(s), PartitionTable.DEFAULT_ADDRESS);
    }

    /** The update with rollback enabled, up to the first boot of ota_1 (PENDING_VERIFY), from erased otadata. */
    public static UpdateSession untilPendingVerify() {
        PartitionTable t = table();
        OtaData erased = OtaData.erased(t.find(PartitionSubtype.DATA_OTA).orElseThrow().offset());
        return UpdateSession.start(t, BootConfig.of(true), erased).boot().setBootPartition(AppSlot.ota(1)).boot();
    }

    /** Every sample, in story order. */
    public static List<Sample> all() {
        UpdateSession pending = untilPendingVerify();
        List<OtaData> step = pending.steps().stream().map(UpdateSession.Step::otadata).toList();
        List<Sample> all = new ArrayList<>();
        all.add(new Sample("0-blank.bin", "erased otadata (0x2000 × 0xFF), as after `esptool erase_flash`: with a "
                + "factory app (`two_ota`) the bootloader boots factory, without one (`no_factory_two_ota`) ota_0",
                List.of(), step.get(0)));
        all.add(new Sample("1-ota_0-valid.bin", "after the first boot without factory: the bootloader booted ota_0 "
                + "and recorded it in copy 0 as seq 1, VALID",
                boot("0-blank.bin", "1-ota_0-valid.bin"), step.get(1)));
        all.add(new Sample("2-ota_1-new.bin", "after `esp_ota_set_boot_partition(ota_1)` with rollback: copy 1 := "
                + "seq 2, NEW (copy 0 still selects ota_0)",
                call("set-boot ota_1", "1-ota_0-valid.bin", "2-ota_1-new.bin"), step.get(2)));
        all.add(new Sample("3-ota_1-pending-verify.bin", "after the next boot: the bootloader booted ota_1 and turned "
                + "NEW into PENDING_VERIFY; the app must now confirm itself",
                boot("2-ota_1-new.bin", "3-ota_1-pending-verify.bin"), step.get(3)));
        all.add(new Sample("4a-ota_1-aborted.bin", "a reset before ota_1 confirmed itself: PENDING_VERIFY → ABORTED, "
                + "and the bootloader boots ota_0 again (rollback)",
                boot("3-ota_1-pending-verify.bin", "4a-ota_1-aborted.bin"), pending.boot().otadata()));
        all.add(new Sample("4b-ota_1-valid.bin", "ota_1 called `esp_ota_mark_app_valid_cancel_rollback()`: copy 1 is "
                + "VALID and ota_1 stays",
                call("mark-valid", "3-ota_1-pending-verify.bin", "4b-ota_1-valid.bin"),
                pending.markAppValid().otadata()));
        all.add(new Sample("ota_1-bad-crc.bin", "`2-ota_1-new.bin` with copy 1 torn by a power cut: its last word, the "
                + "CRC, still reads 0xFFFFFFFF, so the bootloader ignores copy 1 and boots ota_0",
                List.of(), tornCrc(step.get(2), 1)));
        return List.copyOf(all);
    }

    /** {@code otadata} with copy {@code i}'s CRC word left erased (0xFFFFFFFF), as a write cut short leaves it. */
    static OtaData tornCrc(OtaData otadata, int i) {
        OtaSelectEntry c = otadata.copy(i);
        return otadata.withCopy(i, new OtaSelectEntry(c.address(), c.otaSeq(), c.seqLabel(), c.stateCode(),
                OtaSelectEntry.SEQ_BLANK));
    }

    private static List<String> boot(String from, String to) {
        return List.of("boot", "--table", TABLE, "--otadata", FROM + "/" + from, "--rollback",
                "-o", to);
    }

    private static List<String> call(String action, String from, String to) {
        List<String> words = new ArrayList<>(List.of("otadata"));
        words.addAll(List.of(action.split(" ")));
        words.addAll(List.of("--table", TABLE, "--otadata", FROM + "/" + from, "--rollback",
                "-o", to));
        return words;
    }

    @Override public Map<String, Bytes> files() {
        Map<String, Bytes> f = new LinkedHashMap<>();
        for (Sample s : all()) f.put(s.path(), s.otadata().encode());
        return Collections.unmodifiableMap(f);
    }

    @Override public String readme() {
        var sb = new StringBuilder("""
                ## otadata (`otadata/`)

                One OTA update on `partition-tables/no_factory_two_ota` with rollback enabled, as 8 KiB otadata
                partitions (copy 0 at 0x0, copy 1 at 0x1000). Each is a step of the kit's `UpdateSession`
                (esp32ota.samples.OtadataSamples): the bootloader's decision and the `esp_ota_*` functions called in
                order. Look at one with `./kit otadata FILE --table TABLE`, or ask what boots next with
                `./kit boot --table TABLE --otadata FILE --rollback`. These commands, run from the repository root,
                write the same bytes into the current folder (`cmp` them with the samples):

                ```sh
                T=%s O=%s
                """.formatted(TABLE, FROM));
        for (Sample s : all()) if (!s.command().isEmpty()) sb.append(s.shellLine()).append('\n');
        sb.append("```\n\n| file | what it shows |\n|---|---|\n");
        for (Sample s : all()) sb.append("| `").append(s.path()).append("` | ").append(s.teaches()).append(" |\n");
        return sb.toString();
    }
}
