/**
 * A saved ESP32 console log read back as events: the ROM's reset line, the 2nd-stage bootloader's banner, partition
 * table listing and choice of app, {@code esp_image} errors, and the OTA examples' progress lines
 * (serial-protocol.md §5). {@link esp32ota.bootlog.BootLog#parse} takes any text — ANSI colours, host timestamps
 * ({@code 17:20:28.879 -> }, {@code [2026-12-03 08:00:00.123]}), {@code idf.py monitor}'s address annotations, CRLF
 * or lone CR, and older ESP-IDF wordings ({@code Loading app partition at offset 00010000}) — and never throws.
 */
package esp32ota.bootlog;
