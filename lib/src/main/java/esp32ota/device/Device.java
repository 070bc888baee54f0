package esp32ota.device;

import esp32ota.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a notebook does to an ESP32: read and write its flash as a flasher does, reset it, read its console, follow
 * its events. {@link VirtualEsp32} implements it in memory; a board on a serial port implements it later, so
 * notebook code works with either.
 */
public interface Device {
    long flashSize();

    /** {@code esptool read_flash}. */
    Bytes readFlash(long address, int length);

    /**
     * {@code esptool write_flash}: erases the 4 KiB sectors {@code [address, address + length)} touches (64 KiB
     * blocks where aligned), then programs {@code data}. The running app is stopped.
     */
    void writeFlash(long address, Bytes data);

    /** Presses reset (or follows the app's own restart): one boot, ROM to idle app. */
    Boot reset();

    /**
     * Resets, then keeps following the device's own restarts (esp_restart, watchdog) until an app stays up, nothing
     * boots, or {@code maxBoots} boots happened.
     */
    default List<Boot> resetUntilSettled(int maxBoots) {
        List<Boot> boots = new ArrayList<>();
        do {
            boots.add(reset());
        } while (boots.get(boots.size() - 1).restarts() && boots.size() < maxBoots);
        return List.copyOf(boots);
    }

    /** Every console line since the device was made, oldest first. */
    List<ConsoleLine> console();

    void addListener(Consumer<DeviceEvent> listener);

    void removeListener(Consumer<DeviceEvent> listener);
}
