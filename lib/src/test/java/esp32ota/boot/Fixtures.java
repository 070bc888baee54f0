package esp32ota.boot;

import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaImgState;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionEntry;
import esp32ota.partition.PartitionTable;

import java.util.ArrayList;
import java.util.List;

/** Small tables and otadata images for hand-written scenarios. */
public final class Fixtures {
    public static final long OTADATA_AT = 0xD000;

    private Fixtures() {}

    /** nvs 0x9000, otadata 0xd000 (0x2000), phy 0xf000, then the app roles in order, 1 MiB each from 0x10000. */
    public static PartitionTable table(String... apps) { return table(0x2000, apps); }

    /** As {@link #table(String...)} with an otadata partition of {@code otadataSize} bytes (0 = none). */
    public static PartitionTable table(long otadataSize, String... apps) {
        List<PartitionEntry> rows = new ArrayList<>();
        rows.add(new PartitionEntry(0, 1, 0x02, 0x9000, 0x4000, "nvs", 0));
        if (otadataSize > 0) rows.add(new PartitionEntry(0, 1, 0x00, OTADATA_AT, otadataSize, "otadata", 0));
        rows.add(new PartitionEntry(0, 1, 0x01, 0xF000, 0x1000, "phy_init", 0));
        long at = 0x10000;
        for (String app : apps) {
            rows.add(new PartitionEntry(0, 0, AppSlot.parse(app).subtype(), at, 0x100000, app, 0));
            at += 0x100000;
        }
        return PartitionTable.of(0x8000, rows);
    }

    public static OtaSelectEntry copy(long seq, OtaImgState state) { return OtaSelectEntry.written(0, seq, state); }

    public static OtaSelectEntry badCrc(long seq, OtaImgState state) {
        OtaSelectEntry e = copy(seq, state);
        return new OtaSelectEntry(0, seq, e.seqLabel(), e.stateCode(), e.crc() ^ 1);
    }

    public static OtaData otadata(OtaSelectEntry copy0, OtaSelectEntry copy1) {
        return OtaData.erased(OTADATA_AT).withCopy(0, copy0).withCopy(1, copy1);
    }

    public static OtaSelectEntry blank() { return OtaSelectEntry.blank(0); }

    public static LogLine d(String msg) { return new LogLine('D', "boot", msg); }

    public static LogLine i(String msg) { return new LogLine('I', "boot", msg); }

    public static LogLine e(String msg) { return new LogLine('E', "boot", msg); }
}
