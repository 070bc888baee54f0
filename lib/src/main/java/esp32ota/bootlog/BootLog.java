package esp32ota.bootlog;

import esp32ota.device.ConsoleLine;
import esp32ota.device.LogLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console log, parsed: every line as a {@link ConsoleLine} (ANSI colours and host timestamps removed), the
 * {@link LogEvent}s found, and the boots they make up.
 *
 * @param lines  the console lines, annotations left out
 * @param events what they tell, in order
 * @param boots  one per ROM reset line (and one for text before the first, if it holds events)
 */
public record BootLog(List<ConsoleLine> lines, List<LogEvent> events, List<BootSummary> boots) {
    /**
     * One boot as the log tells it.
     *
     * @param reset      the ROM's reset line (empty for a log that starts mid-boot)
     * @param loaded     the offset of the app the bootloader loaded
     * @param label      that partition's label, from the listing
     * @param appVersion the version the app printed
     * @param otaBytes   the most image bytes an OTA line reported
     */
    public record BootSummary(Optional<LogEvent.RomReset> reset, OptionalLong loaded, Optional<String> label,
                              Optional<String> appVersion, OptionalLong otaBytes) {}

    public BootLog {
        lines = List.copyOf(lines);
        events = List.copyOf(events);
        boots = List.copyOf(boots);
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern HOST_TIME = Pattern.compile(
            "^(?:\\[?\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?Z?\\]?|\\[?\\d{2}:\\d{2}:\\d{2}"
            + "(?:[.,]\\d{1,9})?\\]?)(?:\\s*->)?\\s?");
    private static final Pattern ANNOTATION = Pattern.compile("^0x[0-9a-fA-F]{8}: .* at .*");
    private static final Pattern IDF = Pattern.compile("^([EWIDV]) \\((\\d{1,12})\\) ([^:]{1,40}): ?(.*)$");
    private static final Pattern RST = Pattern.compile(
            "rst:0x([0-9a-fA-F]{1,8}) \\(([A-Z0-9_]*)\\),boot:0x([0-9a-fA-F]{1,8}) \\(([A-Z0-9_]*(?:\\([^)]*\\))?)\\)");
    private static final Pattern BANNER = Pattern.compile("ESP-IDF (\\S+) 2nd stage bootloader");
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d{1,3}) (.{1,16}?)\\s+(.{1,16}?)\\s+([0-9a-fA-F]{2}) ([0-9a-fA-F]{2}) ([0-9a-fA-F]{8}) ([0-9a-fA-F]{8})\\s*$");
    private static final Pattern LOADED = Pattern.compile(
            "(?:Loaded app from partition at offset 0x|Loading app partition at offset )([0-9a-fA-F]{1,8})");
    private static final Pattern VERSION = Pattern.compile(
            "^(?:Running firmware version: |App version:\\s+|blink (?=\\S+ running from))(\\S+)");
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,15})\\s*$");

    /** Parses {@code text}; never throws, whatever it is. */
    public static BootLog parse(String text) {
        List<ConsoleLine> lines = new ArrayList<>();
        List<LogEvent> events = new ArrayList<>();
        String[] raw = (text == null ? "" : text).split("\r\n|\r|\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = clean(raw[i]);
            if (s.isEmpty() && i == raw.length - 1) break;
            if (ANNOTATION.matcher(s).matches()) continue;
            ConsoleLine line = toLine(s);
            lines.add(line);
            read(i + 1, line, events);
        }
        return new BootLog(lines, events, boots(events));
    }

    /** A raw line without ANSI colour codes, host timestamp and trailing blanks. */
    static String clean(String raw) {
        String s = ANSI.matcher(raw).replaceAll("");
        s = HOST_TIME.matcher(s).replaceFirst("");
        return s.stripTrailing();
    }

    static ConsoleLine toLine(String s) {
        Matcher m = IDF.matcher(s);
        if (m.matches()) {
            Optional<LogLevel> level = LogLevel.fromLetter(m.group(1).charAt(0));
            if (level.isPresent()) {
                return new ConsoleLine(level, OptionalLong.of(Long.parseLong(m.group(2))), m.group(3), m.group(4));
            }
        }
        return ConsoleLine.rom(s);
    }

    private static void read(int n, ConsoleLine l, List<LogEvent> out) {
        String t = l.text();
        Matcher m;
        if (l.isRom()) {
            if ((m = RST.matcher(t)).find()) {
                out.add(new LogEvent.RomReset(n, hex(m.group(1)), m.group(2), hex(m.group(3)), m.group(4)));
            }
            return;
        }
        String tag = l.tag();
        if ((m = BANNER.matcher(t)).find()) out.add(new LogEvent.BootloaderStart(n, m.group(1)));
        else if (tag.equals("boot") && (m = ROW.matcher(t)).matches()) {
            out.add(new LogEvent.PartitionRow(n, Integer.parseInt(m.group(1)), m.group(2).trim(), m.group(3).trim(),
                    hex(m.group(4)), hex(m.group(5)), hexLong(m.group(6)), hexLong(m.group(7))));
        } else if ((m = LOADED.matcher(t)).find()) out.add(new LogEvent.LoadedApp(n, hexLong(m.group(1))));
        else if (t.contains("is not bootable") || t.startsWith("No bootable app partitions")
                || t.startsWith("Failed to verify app image")) out.add(new LogEvent.NotBootable(n, t));
        else if (t.startsWith("Defaulting to factory") || t.startsWith("No factory image")
                || t.startsWith("ota data partition invalid") || t.contains("will try all partitions")
                || t.startsWith("Falling back to test app")) out.add(new LogEvent.Selection(n, t));
        else if (tag.equals("esp_image") && l.level().map(v -> v == LogLevel.ERROR || v == LogLevel.WARN).orElse(false)) {
            out.add(new LogEvent.ImageProblem(n, l));
        } else if ((m = VERSION.matcher(t)).find()) out.add(new LogEvent.AppVersion(n, m.group(1)));
        else ota(n, l, out);
    }

    private static void ota(int n, ConsoleLine l, List<LogEvent> out) {
        String t = l.text();
        LogEvent.OtaStep.Kind kind = null;
        if (t.startsWith("Starting OTA") || t.equals("Starting OTA...")) kind = LogEvent.OtaStep.Kind.STARTED;
        else if (t.startsWith("Writing to partition")) kind = LogEvent.OtaStep.Kind.WRITING_TO;
        else if (t.startsWith("New firmware version")) kind = LogEvent.OtaStep.Kind.NEW_VERSION;
        else if (t.startsWith("esp_ota_begin succeeded")) kind = LogEvent.OtaStep.Kind.BEGIN_OK;
        else if (t.startsWith("OTA Succeed") || t.startsWith("Connection closed")) kind = LogEvent.OtaStep.Kind.COMPLETE;
        else if (t.startsWith("Image validation failed") || t.startsWith("esp_ota_end failed")
                || t.startsWith("Firmware upgrade failed") || t.startsWith("esp_ota_begin failed")
                || t.startsWith("esp_ota_write failed")) kind = LogEvent.OtaStep.Kind.FAILED;
        else if (t.startsWith("Prepare to restart system")) kind = LogEvent.OtaStep.Kind.RESTART;
        if (kind != null) out.add(new LogEvent.OtaStep(n, kind, t));
        if (t.startsWith("Written image length") || t.startsWith("Total Write binary data length")
                || t.startsWith("Image bytes read")) {
            Matcher m = NUMBER.matcher(t);
            if (m.find()) out.add(new LogEvent.OtaProgress(n, Long.parseLong(m.group(1))));
        }
    }

    private static List<BootSummary> boots(List<LogEvent> events) {
        List<BootSummary> out = new ArrayList<>();
        List<LogEvent> current = new ArrayList<>();
        for (LogEvent e : events) {
            if (e instanceof LogEvent.RomReset && !current.isEmpty()) {
                out.add(summary(current));
                current = new ArrayList<>();
            }
            current.add(e);
        }
        if (!current.isEmpty()) out.add(summary(current));
        return out;
    }

    private static BootSummary summary(List<LogEvent> events) {
        Optional<LogEvent.RomReset> reset = Optional.empty();
        OptionalLong loaded = OptionalLong.empty(), ota = OptionalLong.empty();
        Optional<String> version = Optional.empty();
        List<LogEvent.PartitionRow> rows = new ArrayList<>();
        for (LogEvent e : events) {
            if (e instanceof LogEvent.RomReset r && reset.isEmpty()) reset = Optional.of(r);
            if (e instanceof LogEvent.PartitionRow r) rows.add(r);
            if (e instanceof LogEvent.LoadedApp a) loaded = OptionalLong.of(a.offset());
            if (e instanceof LogEvent.AppVersion v && version.isEmpty()) version = Optional.of(v.version());
            if (e instanceof LogEvent.OtaProgress p && (ota.isEmpty() || p.bytes() > ota.getAsLong())) {
                ota = OptionalLong.of(p.bytes());
            }
        }
        OptionalLong at = loaded;
        Optional<String> label = at.isPresent() ? rows.stream().filter(r -> r.offset() == at.getAsLong())
                .map(LogEvent.PartitionRow::label).findFirst() : Optional.empty();
        return new BootSummary(reset, loaded, label, version, ota);
    }

    private static int hex(String s) { return (int) hexLong(s); }

    private static long hexLong(String s) { return Long.parseLong(s, 16); }
}
