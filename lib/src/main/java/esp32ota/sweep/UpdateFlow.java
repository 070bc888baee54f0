package esp32ota.sweep;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.VirtualEsp32;
import esp32ota.ota.EspErr;
import esp32ota.ota.OtaApi;

import java.util.function.Consumer;

/**
 * How an update is written: the steps a sweep records and then cuts. {@link #nativeOta} is ESP-IDF's
 * {@code native_ota_example}; a test can pass a deliberately wrong flow to see the sweep report bricking points.
 */
@FunctionalInterface
public interface UpdateFlow {
    /** The bytes {@code esp_ota_write} gets per call, as native_ota_example's buffer. */
    int CHUNK = 1024;

    /**
     * Writes {@code image} into {@code slot} on {@code device}, whose app is running; calls {@code enter} before each
     * step so the sweep knows which phase every flash operation belongs to. The sweep reboots the device afterwards.
     * A step that fails throws {@link IllegalArgumentException} naming it.
     */
    void update(VirtualEsp32 device, AppSlot slot, Bytes image, Consumer<Phase> enter);

    /** The {@code image_size} argument of {@code esp_ota_begin}, which decides when the slot is erased. */
    enum Begin {
        /** {@code OTA_WITH_SEQUENTIAL_WRITES}, native_ota_example's choice: each write erases what it reaches. */
        SEQUENTIAL,
        /** The image's size: begin erases that much (rounded up to 4 KiB) first. */
        IMAGE_SIZE,
        /** {@code OTA_SIZE_UNKNOWN}: begin erases the whole slot first. */
        WHOLE_SLOT;

        long argument(Bytes image) {
            return switch (this) {
                case SEQUENTIAL -> OtaApi.OTA_WITH_SEQUENTIAL_WRITES;
                case IMAGE_SIZE -> image.size();
                case WHOLE_SLOT -> OtaApi.OTA_SIZE_UNKNOWN;
            };
        }
    }

    /**
     * native_ota_example: {@code esp_ota_begin(slot, size)} ({@code begin} says which size), {@code esp_ota_write} in
     * {@link #CHUNK}-byte pieces, {@code esp_ota_end}, {@code esp_ota_set_boot_partition}.
     */
    static UpdateFlow nativeOta(Begin begin) {
        return (device, slot, image, enter) -> {
            OtaApi ota = device.ota();
            enter.accept(Phase.BEGIN);
            var begun = ota.begin(slot, begin.argument(image));
            check("esp_ota_begin", begun.err());
            int handle = begun.orElseThrow();
            enter.accept(Phase.WRITE);
            for (int at = 0; at < image.size(); at += CHUNK) {
                check("esp_ota_write", ota.write(handle, image.slice(at, Math.min(image.size(), at + CHUNK))));
            }
            enter.accept(Phase.END);
            check("esp_ota_end", ota.end(handle));
            enter.accept(Phase.SET_BOOT);
            check("esp_ota_set_boot_partition", ota.setBootPartition(slot));
        };
    }

    private static void check(String call, EspErr err) {
        if (!err.ok()) throw new IllegalArgumentException(call + " failed: " + err + " (the update itself is refused)");
    }
}
