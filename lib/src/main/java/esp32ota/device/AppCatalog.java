package esp32ota.device;

import esp32ota.image.AppDescriptor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Java behaviour runs for which image: keyed by the {@code esp_app_desc_t}'s project_name and version, with
 * a fallback for images nobody registered. Immutable: {@link #with} returns a new catalog, so a notebook can
 * replace one version's behaviour (e.g. add an OTA client to blink 1.0.0) without touching the others.
 */
public final class AppCatalog {
    private record Key(String project, String version) {}

    private final Map<Key, App> apps;
    private final App fallback;

    private AppCatalog(Map<Key, App> apps, App fallback) {
        this.apps = Map.copyOf(apps);
        this.fallback = fallback;
    }

    /** No registered apps; every image idles. */
    public static AppCatalog empty() { return new AppCatalog(Map.of(), App.IDLE); }

    /**
     * The sample images' behaviours: blink 0.9.0, 1.0.0, 1.1.0, 2.0.0, 3.0.0 pass their self-test,
     * 2.0.0-selftest-fail fails it, 2.0.0-hang hangs in it.
     */
    public static AppCatalog builtIn() {
        AppCatalog c = empty();
        for (String v : new String[] {"0.9.0", "1.0.0", "1.1.0", "2.0.0", "3.0.0"}) c = c.with("blink", v, BlinkApp.passing());
        return c.with("blink", "2.0.0-selftest-fail", new BlinkApp(BlinkApp.SelfTest.FAIL))
                .with("blink", "2.0.0-hang", new BlinkApp(BlinkApp.SelfTest.HANG));
    }

    /** This catalog with {@code app} for {@code project} {@code version} (replacing any). */
    public AppCatalog with(String project, String version, App app) {
        Map<Key, App> m = new LinkedHashMap<>(apps);
        m.put(new Key(project, version), app);
        return new AppCatalog(m, fallback);
    }

    /** This catalog with {@code app} for images that are not registered. */
    public AppCatalog withFallback(App app) { return new AppCatalog(apps, app); }

    /** The registered behaviour of this image, if any. */
    public Optional<App> registered(AppDescriptor d) {
        return Optional.ofNullable(apps.get(new Key(d.projectNameText(), d.versionText())));
    }

    /** The behaviour to run for this image: registered, else the fallback. */
    public App find(AppDescriptor d) { return registered(d).orElse(fallback); }
}
