package esp32ota.ota;

import esp32ota.bytes.Bytes;
import esp32ota.flash.FlashOp;

import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code esp_ota_write} for a download loop, with the reports a view needs: after every chunk an
 * {@link OtaEvent.Progress}, and an {@link OtaEvent.EraseStall} when the chunk first had to wait for erases
 * (sequential writes erase as they go, so every 4 KiB the download pauses for a sector erase).
 */
public final class ChunkWriter {
    private final OtaApi api;
    private final int handle;
    private final OptionalLong total;
    private final Consumer<OtaEvent> events;
    private final LongSupplier wallNanos;
    private long written;

    /**
     * @param api       the running app's API
     * @param handle    an open update ({@link OtaApi#begin})
     * @param total     the image size, when the server announced it
     * @param events    where the reports go
     * @param wallNanos wall-clock nanoseconds since the download started
     */
    public ChunkWriter(OtaApi api, int handle, OptionalLong total, Consumer<OtaEvent> events, LongSupplier wallNanos) {
        this.api = api;
        this.handle = handle;
        this.total = total;
        this.events = events;
        this.wallNanos = wallNanos;
    }

    /** Writes {@code chunk} with {@code esp_ota_write}; reports only when it succeeded. */
    public EspErr write(Bytes chunk) {
        var flash = api.host().flash();
        long[] stall = {-1, 0, 0};                              // first address, erases, µs
        Consumer<FlashOp> watch = op -> {
            if (op instanceof FlashOp.Erase e) {
                if (stall[0] < 0) stall[0] = e.address();
                stall[1]++;
                stall[2] += e.durationMicros();
            }
        };
        flash.addListener(watch);
        EspErr err;
        try {
            err = api.write(handle, chunk);
        } finally {
            flash.removeListener(watch);
        }
        if (!err.ok()) return err;
        if (stall[1] > 0) events.accept(new OtaEvent.EraseStall(stall[0], (int) stall[1], stall[2]));
        written += chunk.size();
        events.accept(new OtaEvent.Progress(written, total, api.host().flash().clock().nowMicros(), wallNanos.getAsLong()));
        return err;
    }

    /**
     * native_ota_example's loop: {@code image} in {@code chunkSize}-byte pieces (the last one shorter), each through
     * {@link #write}; stops at the first error and returns it, else ESP_OK.
     */
    public EspErr writeAll(Bytes image, int chunkSize) {
        if (chunkSize <= 0) throw new IllegalArgumentException("chunk size must be positive, not " + chunkSize);
        for (int at = 0; at < image.size(); at += chunkSize) {
            EspErr err = write(image.slice(at, Math.min(image.size(), at + chunkSize)));
            if (!err.ok()) return err;
        }
        return EspErr.ESP_OK;
    }

    /** Image bytes written so far. */
    public long written() { return written; }
}
