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
}
