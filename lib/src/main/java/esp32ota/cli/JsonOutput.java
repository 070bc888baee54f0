package esp32ota.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/**
 * How every {@code --json} prints: pretty, no HTML escaping, and with nulls kept, so that a key is always there
 * (an absent value reads {@code null}) and scripts can rely on one shape per command.
 */
final class JsonOutput {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private JsonOutput() {}

    /** The element as text, ending in a newline. */
    static String print(JsonElement e) { return GSON.toJson(e) + "\n"; }

    /**
     * A writer that prints the way {@link #print} does, element by element: open an object or array, {@link #write}
     * each element as it comes, close; the text is the same as printing the whole at once.
     */
    static com.google.gson.stream.JsonWriter writer(java.io.PrintStream out) {
        var w = new com.google.gson.stream.JsonWriter(new java.io.OutputStreamWriter(out,
                java.nio.charset.StandardCharsets.UTF_8));
        w.setIndent("  ");
        w.setHtmlSafe(false);
        w.setSerializeNulls(true);
        return w;
    }

    /** One element into {@code w} (see {@link #writer}). */
    static void write(JsonElement e, com.google.gson.stream.JsonWriter w) { GSON.toJson(e, w); }
}
