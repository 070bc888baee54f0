package esp32ota.view;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.DecodeException;
import esp32ota.device.Boot;
import esp32ota.device.Device;
import esp32ota.device.ResetReason;
import esp32ota.image.AppDescriptor;
import esp32ota.otadata.OtaData;
import esp32ota.otadata.OtaSelectEntry;
import esp32ota.partition.PartitionSubtype;
import esp32ota.partition.PartitionTable;
import esp32ota.partition.PartitionTableException;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Boots across reboots: for each reset, why the chip reset, the app the bootloader started (slot and version, or
 * nothing) and how that boot ended, and both otadata copies as the flash held them afterwards (seq and state). The
 * chart is one column per boot, numbered in order; otadata cells are coloured by state (legend with filled patches),
 * app cells are grey and name the app. Rollback reads left to right: copy 1 turns PENDING_VERIFY, then ABORTED or
 * INVALID, and the app row goes back to the old slot.
 * <pre>{@code
 * List<BootTimeline.Entry> boots = BootTimeline.resetUntilSettled(device, 5);
 * display(Views.bootTimeline(boots));
 * }</pre>
 */
public final class BootTimeline {
    static final int WIDTH = 1000, HEIGHT = 420;
    static final double COPY1_BOTTOM = 0, COPY0_BOTTOM = 1, APP_BOTTOM = 2, CELL = 0.85, HEADER_Y = 3.15;
    /** The rows from the bottom up: read top-down, the app, then copy 0, then copy 1. */
    static final List<String> ROW_NAMES = List.of("copy 1", "copy 0", "app");
    static final String NO_OTADATA = "no otadata";
    private static final double HALF = 0.45, ROW_NAME_X = -0.9;

    /**
     * One boot and the otadata the flash held after it.
     *
     * @param boot    what the reset did
     * @param otadata the otadata partition after the boot; empty when the flash has no readable partition table or no
     *                otadata partition
     */
    public record Entry(Boot boot, Optional<OtaData> otadata) {}

    private BootTimeline() {}

    /** {@code boot} with the otadata {@code device}'s flash holds now (read through its partition table). */
    public static Entry after(Boot boot, Device device) { return new Entry(boot, otadataOf(device)); }

    /**
     * Resets {@code device} and follows its own restarts (as {@link Device#resetUntilSettled}), reading otadata after
     * each boot.
     */
    public static List<Entry> resetUntilSettled(Device device, int maxBoots) {
        List<Entry> entries = new ArrayList<>();
        do {
            Boot b = device.reset();
            entries.add(after(b, device));
        } while (entries.get(entries.size() - 1).boot().restarts() && entries.size() < maxBoots);
        return List.copyOf(entries);
    }

    /**
     * The otadata partition of {@code device}: the partition table at 0x8000, its {@code data/ota} entry, that
     * partition's bytes. Empty when there is no decodable table or no otadata partition (an erased chip).
     */
    public static Optional<OtaData> otadataOf(Device device) {
        try {
            long at = PartitionTable.DEFAULT_ADDRESS;
            PartitionTable t = PartitionTable.decode(device.readFlash(at, PartitionTable.MAX_LENGTH), at);
            return t.find(PartitionSubtype.DATA_OTA).filter(e -> e.size() >= OtaData.SIZE)
                    .map(e -> OtaData.decode(device.readFlash(e.offset(), OtaData.SIZE), e.offset()));
        } catch (DecodeException | PartitionTableException e) {
            return Optional.empty();
        }
    }

    /** {@code power-on}, {@code esp_restart}, {@code watchdog}, …: a reset reason in a few words. */
    static String reasonWords(ResetReason r) {
        return switch (r) {
            case POWERON_RESET -> "power-on";
            case SW_RESET -> "bootloader retry";
            case TG1WDT_SYS_RESET -> "watchdog";
            case SW_CPU_RESET -> "esp_restart";
            case RTCWDT_RTC_RESET -> "RTC watchdog";
        };
    }

    /**
     * Why boot {@code i} of {@code entries} happened, in a few words: {@link #reasonWords}, except that a
     * SW_CPU_RESET after a boot that ended in a watchdog panic ({@link Boot.End#WATCHDOG}) is {@code panic}: the
     * panic handler restarts through the same reset as {@code esp_restart()}, and only the boot before tells them
     * apart. The first boot has none before it: its reason alone.
     */
    static String resetWords(List<Entry> entries, int i) {
        ResetReason reason = entries.get(i).boot().reason();
        boolean afterPanic = i > 0 && entries.get(i - 1).boot().end() == Boot.End.WATCHDOG;
        return reason == ResetReason.SW_CPU_RESET && afterPanic ? "panic" : reasonWords(reason);
    }

    /** {@code runs}, {@code restarts}, {@code watchdog}, {@code nothing booted}, {@code power lost}. */
    static String endWords(Boot.End end) {
        return switch (end) {
            case RUNNING -> "runs";
            case RESTART -> "restarts";
            case WATCHDOG -> "hangs: watchdog";
            case HUNG -> "hangs";
            case NOTHING_BOOTED -> "nothing booted";
            case POWER_LOSS -> "power lost";
        };
    }

    /** The colour class of a copy: its state name, {@code blank}, {@code CRC wrong} or {@code unknown state}. */
    static String copyClass(OtaSelectEntry c) { return SessionTimeline.copyClass(c); }

    /** A copy's colour as in every otadata view ({@link SessionTimeline#copyColour}); white for no otadata. */
    static Color copyColour(String copyClass) {
        return copyClass.equals(NO_OTADATA) ? Palette.WHITE : SessionTimeline.copyColour(copyClass);
    }

    /** {@code ota_1}, {@code nothing}. */
    static String app(Boot b) { return b.booted().map(AppSlot::name).orElse("nothing"); }

    /** The app's version from its descriptor, or a dash. */
    static String version(Boot b) { return b.app().map(AppDescriptor::versionText).orElse("–"); }

    /** {@code Boots: ota_0 → ota_1 → ota_0} */
    static String title(List<Entry> entries) {
        return "Boots: " + String.join(" → ", entries.stream().map(e -> app(e.boot())).toList());
    }

    /** A text on the chart, at data coordinates. */
    record Label(String text, double x, double y) {}

    /** Per boot: the numbered header, the app cell's three lines, each copy's seq and state (or "blank" / "no otadata"). */
    static List<Label> labels(List<Entry> entries) {
        List<Label> labels = new ArrayList<>();
        for (int row = 0; row < ROW_NAMES.size(); row++) labels.add(new Label(ROW_NAMES.get(row), ROW_NAME_X, row + CELL / 2));
        for (int i = 0; i < entries.size(); i++) {
            Boot b = entries.get(i).boot();
            labels.add(new Label("%d. %s".formatted(i + 1, resetWords(entries, i)), i, HEADER_Y));
            labels.add(new Label(app(b), i, APP_BOTTOM + 0.65));
            labels.add(new Label(version(b), i, APP_BOTTOM + 0.42));
            labels.add(new Label(endWords(b.end()), i, APP_BOTTOM + 0.19));
            for (int copy = 0; copy < 2; copy++) {
                double base = copy == 0 ? COPY0_BOTTOM : COPY1_BOTTOM;
                int k = copy;
                Optional<OtaSelectEntry> c = entries.get(i).otadata().map(o -> o.copy(k));
                if (c.isEmpty()) {
                    labels.add(new Label(NO_OTADATA, i, base + CELL / 2));
                } else if (c.get().isBlankSeq()) {
                    labels.add(new Label("blank", i, base + CELL / 2));
                } else {
                    labels.add(new Label("seq " + c.get().otaSeq(), i, base + 0.58));
                    labels.add(new Label(SessionTimeline.stateText(c.get()), i, base + 0.28));
                }
            }
        }
        return List.copyOf(labels);
    }

    public static XYChart chart(List<Entry> entries) {
        if (entries.isEmpty()) throw new IllegalArgumentException("no boots to draw: reset the device first");
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title(entries), "", "", ChartStyle.Legend.BELOW);
        ChartStyle.noAxes(chart);
        chart.getStyler().setXAxisMin(-1.3).setXAxisMax(entries.size() - 0.5).setYAxisMin(-0.1).setYAxisMax(3.35);
        // otadata cells first (by colour class, so that the legend lists states in the order they first appear)
        Lanes lanes = new Lanes(chart);
        for (int i = 0; i < entries.size(); i++) {
            for (int copy = 0; copy < 2; copy++) {
                int k = copy;
                String cls = entries.get(i).otadata().map(o -> copyClass(o.copy(k))).orElse(NO_OTADATA);
                double base = copy == 0 ? COPY0_BOTTOM : COPY1_BOTTOM;
                lanes.box("otadata: " + cls, copyColour(cls), i - HALF, i + HALF, base, base + CELL);
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            boolean booted = entries.get(i).boot().booted().isPresent();
            lanes.box(booted ? "app booted" : "nothing booted", booted ? Palette.LIGHT_GREY : Palette.GREY,
                    i - HALF, i + HALF, APP_BOTTOM, APP_BOTTOM + CELL).setShowInLegend(false);
        }
        labels(entries).forEach(l -> ChartStyle.text(chart, l.text(), l.x(), l.y()));
        return chart;
    }

    /**
     * One row per boot: number, reset reason (the ROM's name), the app booted, its version, how the boot ended, each
     * copy after it ({@code seq 2 VALID}), and the copy the bootloader would read as active.
     */
    public static Table table(List<Entry> entries) {
        return Table.create(title(entries),
                IntColumn.create("boot", IntStream.rangeClosed(1, entries.size()).toArray()),
                Columns.strings("reset reason", entries, e -> e.boot().reason().name()),
                Columns.strings("app", entries, e -> app(e.boot())),
                Columns.strings("version", entries, e -> version(e.boot())),
                Columns.strings("end", entries, e -> endWords(e.boot().end())),
                Columns.strings("copy 0 after", entries, e -> e.otadata().map(o -> SessionTimeline.copyText(o.copy(0))).orElse("no otadata")),
                Columns.strings("copy 1 after", entries, e -> e.otadata().map(o -> SessionTimeline.copyText(o.copy(1))).orElse("no otadata")),
                Columns.strings("active copy", entries, e -> e.otadata().flatMap(OtaData::activeCopy).map(String::valueOf).orElse("none")));
    }
}
