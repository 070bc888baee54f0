package esp32ota.device;

/**
 * The behaviour of an app image, in Java: what the code in the image would do once the bootloader jumps to it.
 * A virtual ESP32 picks it from the image's {@code esp_app_desc_t} ({@link AppCatalog}). {@link #run} returns when
 * the app is idle (waiting for events); it stops the chip with {@link AppContext#restart()} or
 * {@link AppContext#hang()}, which do not return.
 *
 * <p>This is the extension point for OTA clients: an app that downloads an image calls {@link AppContext#ota()}.
 */
@FunctionalInterface
public interface App {
    void run(AppContext ctx);

    /** This app, then {@code next} (e.g. the blink self-test, then an OTA client task). */
    default App then(App next) {
        return ctx -> {
            run(ctx);
            next.run(ctx);
        };
    }

    /** An app that does nothing visible. */
    App IDLE = ctx -> { };
}
