/**
 * An ESP32 on a serial line, through its ROM loader ({@link esp32ota.loader.RomLoaderClient}): what a notebook or
 * {@code ./kit device} does with a real board or the virtual one behind {@link esp32ota.device.SerialEndpoint}.
 * <table>
 *   <caption>What it does</caption>
 *   <tr><th>class</th><th>reads or writes</th></tr>
 *   <tr><td>{@link esp32ota.board.Board}</td><td>connect; read the partition table, otadata and every app slot,
 *       predict the next boot (read only); with opt-in, write an image into an OTA slot and switch otadata</td></tr>
 *   <tr><td>{@link esp32ota.board.BoardReport}</td><td>what was read, and the bootloader's decision on it</td></tr>
 *   <tr><td>{@link esp32ota.board.SlotWrite}</td><td>what a slot write did, step by step</td></tr>
 *   <tr><td>{@link esp32ota.board.ConsoleWatch}</td><td>the console after a reset, as lines and parsed events ({@link esp32ota.bootlog.BootLog})</td></tr>
 * </table>
 * Reads use READ_FLASH_SLOW (64 bytes a command): only the table, the two otadata entries and each image's own
 * extent are read, into a mirror that is 0xFF elsewhere, and the library's own rules run on that mirror.
 */
package esp32ota.board;
