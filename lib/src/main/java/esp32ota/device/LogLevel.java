package esp32ota.device;

import java.util.Optional;

/** ESP-IDF's log levels ({@code esp_log_level_t}), most severe first, with the letter a console line starts with. */
public enum LogLevel {
    ERROR('E'), WARN('W'), INFO('I'), DEBUG('D'), VERBOSE('V');

    private final char letter;

    LogLevel(char letter) { this.letter = letter; }

    public char letter() { return letter; }

    public static Optional<LogLevel> fromLetter(char c) {
        for (LogLevel l : values()) if (l.letter == c) return Optional.of(l);
        return Optional.empty();
    }

    /** Whether a line at {@code level} is printed when the console is set to this level. */
    public boolean shows(LogLevel level) { return level.ordinal() <= ordinal(); }
}
