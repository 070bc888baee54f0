package esp32ota.boot;

/**
 * One ESP-IDF log line without its timestamp: level (E, W, I, D, V), tag ({@code boot}, {@code boot_comm},
 * {@code esp_ota_ops}, {@code efuse}) and the formatted message. On a device it prints as
 * {@code D (312) boot: Active otadata[1]}.
 */
public record LogLine(char level, String tag, String message) {
    @Override public String toString() { return level + " " + tag + ": " + message; }
}
