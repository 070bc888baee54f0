/**
 * A simulated SPI NOR flash chip, the memory an ESP32 boots from and an OTA update writes.
 * <p>
 * Three rules make NOR flash what it is, and {@link esp32ota.flash.NorFlash} keeps all three:
 * <table>
 *   <caption>What the chip can do</caption>
 *   <tr><th>operation</th><th>unit</th><th>effect</th><th>typical time (W25Q32JV)</th></tr>
 *   <tr><td>sector erase</td><td>4 KiB, aligned</td><td>every byte becomes 0xFF</td><td>45 ms</td></tr>
 *   <tr><td>block erase</td><td>64 KiB, aligned</td><td>every byte becomes 0xFF</td><td>150 ms</td></tr>
 *   <tr><td>page program</td><td>up to 256 bytes inside one page</td><td>{@code new = old & data}: bits only
 *       go from 1 to 0</td><td>0.4 ms</td></tr>
 *   <tr><td>read</td><td>any</td><td>none</td><td>about 50 µs per KiB</td></tr>
 * </table>
 * So rewriting data means erasing its whole sector first, and erasing is slow: that is why {@code esp_ota_begin}
 * erases a slot up front and why an update's time is mostly flash time.
 * <p>
 * Every erase and page program is one {@link esp32ota.flash.FlashOp}, numbered from 0, timed on a
 * {@link esp32ota.flash.VirtualClock} ({@link esp32ota.flash.FlashTiming}) and counted
 * ({@link esp32ota.flash.FlashCounters}, {@link esp32ota.flash.FlashActivity}). A power cut can be armed at any
 * operation number, leaving that operation torn ({@link esp32ota.flash.NorFlash.Tear}); copies are copy-on-write, so a
 * sweep can try a cut at every operation of an update from thousands of cheap copies. {@link esp32ota.flash.FlashDump}
 * loads and saves whole-chip dump files, as {@code esptool.py read_flash} makes them.
 */
package esp32ota.flash;
