package esp32ota.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code cells of a {@code .ipynb} file (nbformat 4 JSON), with what grading reads from each: its source, its
 * tags, the exercise outcome lines it showed and its first error. Markdown cells are left out.
 */
public record NotebookCells(List<Cell> cells) {
    /** An exercise's outcome line as {@link esp32ota.lesson.Outcome} prints it: {@code ✔ solved (ID)}, {@code not yet: HINT (ID)}. */
    static final Pattern OUTCOME = Pattern.compile("^(✔ solved|not yet: (.*)) \\(([^()]*)\\)$");
    static final String EXERCISE_TAG = "exercise:";

    public NotebookCells { cells = List.copyOf(cells); }

    /**
     * One code cell. {@code error} is the first error it showed as one line, {@code Name: message}; a cell tagged
     * {@code raises-exception} fails on purpose, so grading does not count its error.
     */
    public record Cell(String source, List<String> tags, List<ExerciseLine> outcomes, Optional<String> error) {
        public Cell {
            tags = List.copyOf(tags);
            outcomes = List.copyOf(outcomes);
        }

        /** The exercise this cell checks ({@code exercise:ID} tag), if it is a check cell. */
        public Optional<String> exercise() {
            return tags.stream().filter(t -> t.startsWith(EXERCISE_TAG)).map(t -> t.substring(EXERCISE_TAG.length()))
                    .findFirst();
        }

        public boolean failsOnPurpose() { return tags.contains("raises-exception"); }

        /** The outcome this cell showed for an exercise, if it showed one. */
        public Optional<ExerciseLine> outcome(String exercise) {
            return outcomes.stream().filter(o -> o.exercise().equals(exercise)).findFirst();
        }
    }

    /** One outcome line read back: solved, or not yet with the hint. */
    public record ExerciseLine(String exercise, boolean solved, String hint) {}

    /** Reads a notebook file; IOException when it cannot be read, IllegalArgumentException when it is not a notebook. */
    public static NotebookCells read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The code cells of a notebook's JSON text; IllegalArgumentException when it is not an nbformat 4 notebook. */
    public static NotebookCells parse(String json) {
        JsonObject nb;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")
                    || !root.getAsJsonObject().get("cells").isJsonArray()) {
                throw new IllegalArgumentException("not a notebook (no list of cells)");
            }
            nb = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a notebook (not JSON)");
        }
        List<Cell> cells = new ArrayList<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            if (!e.isJsonObject()) continue;
            JsonObject cell = e.getAsJsonObject();
            if (!"code".equals(string(cell.get("cell_type")))) continue;
            JsonObject metadata = cell.has("metadata") && cell.get("metadata").isJsonObject()
                    ? cell.getAsJsonObject("metadata") : new JsonObject();
            List<String> tags = new ArrayList<>();
            if (metadata.has("tags") && metadata.get("tags").isJsonArray()) {
                for (JsonElement t : metadata.getAsJsonArray("tags")) tags.add(string(t));
            }
            List<ExerciseLine> outcomes = new ArrayList<>();
            Optional<String> error = Optional.empty();
            JsonArray outputs = cell.has("outputs") && cell.get("outputs").isJsonArray()
                    ? cell.getAsJsonArray("outputs") : new JsonArray();
            for (JsonElement o : outputs) {
                if (!o.isJsonObject()) continue;
                JsonObject output = o.getAsJsonObject();
                if ("error".equals(string(output.get("output_type"))) && error.isEmpty()) {
                    error = Optional.of(errorLine(string(output.get("ename")), string(output.get("evalue"))));
                }
                if (output.has("data") && output.get("data").isJsonObject()) {
                    String text = string(output.getAsJsonObject("data").get("text/plain"));
                    for (String line : text.split("\\R")) {
                        Matcher m = OUTCOME.matcher(line.strip());
                        if (m.matches()) {
                            boolean solved = m.group(2) == null;
                            outcomes.add(new ExerciseLine(m.group(3), solved, solved ? "" : m.group(2)));
                        }
                    }
                }
            }
            cells.add(new Cell(string(cell.get("source")), tags, outcomes, error));
        }
        return new NotebookCells(cells);
    }

    /** {@code Name: first line of the message}, at most 300 characters. */
    static String errorLine(String name, String message) {
        String first = message.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        String line = name.isBlank() ? first : first.isEmpty() ? name : name + ": " + first;
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }

    /** A JSON string, or nbformat's list of strings joined; "" for anything else. */
    private static String string(JsonElement e) {
        if (e == null || e.isJsonNull()) return "";
        if (e.isJsonPrimitive()) return e.getAsString();
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement part : e.getAsJsonArray()) sb.append(string(part));
            return sb.toString();
        }
        return "";
    }
}
