package esp32ota.device;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line on the device's serial console (115200 baud). ESP-IDF lines print as {@code I (123) boot: text}
 * ({@code <L> (<ms since reset>) <tag>: <text>}); the ROM's lines have no level, time or tag.
 *
 * @param level  the ESP-IDF level; empty for a ROM line
 * @param millis {@code esp_log_timestamp()}: ms since the reset; empty for a ROM line
 * @param tag    the ESP-IDF tag ({@code boot}, {@code esp_image}, {@code esp_ota_ops}, …); empty for a ROM line
 * @param text   the message
 */
public record ConsoleLine(Optional<LogLevel> level, OptionalLong millis, String tag, String text) {
    public static ConsoleLine rom(String text) { return new ConsoleLine(Optional.empty(), OptionalLong.empty(), "", text); }

    public static ConsoleLine log(LogLevel level, long millis, String tag, String text) {
        return new ConsoleLine(Optional.of(level), OptionalLong.of(millis), tag, text);
    }

    public boolean isRom() { return level.isEmpty(); }

    /** The line as a terminal shows it (without ANSI colours). */
    public String formatted() {
        return level.map(l -> "%c (%d) %s: %s".formatted(l.letter(), millis.orElseThrow(), tag, text)).orElse(text);
    }

    @Override public String toString() { return formatted(); }
}
