package esp32ota.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Small notebooks for the grading tests, as nbformat 4 JSON: a lesson cell, an answer cell with the placeholder and
 * the check cell of exercise 00-free-flash, then a second exercise, 00-bad-magic; each cell's outputs as a kernel
 * shows them (an outcome line as {@code text/plain}, an error as ename/evalue).
 */
final class Fixture {
    static final String LESSON = "var table = PartitionTable.decode(bytes, 0x8000);";
    static final String FREE_ANSWER = "long freeBytes = 0;   // your answer\n// YOUR CODE HERE";
    static final String FREE_CHECK = "Exercise.checkEquals(\"00-free-flash\", 0x2F0000L, freeBytes, \"subtract\")";
    static final String MAGIC_ANSWER = "long badMagicAt = 0;\n// YOUR CODE HERE";
    static final String MAGIC_CHECK = "Exercise.checkEquals(\"00-bad-magic\", 0x8020L, badMagicAt, \"32 bytes\")";

    private final JsonArray cells = new JsonArray();

    Fixture markdown(String source) {
        JsonObject c = new JsonObject();
        c.addProperty("cell_type", "markdown");
        c.addProperty("source", source);
        c.add("metadata", new JsonObject());
        cells.add(c);
        return this;
    }

    Fixture code(String source, String... tags) { return code(source, new JsonArray(), tags); }

    /** A code cell that showed one line of text/plain (an outcome line, say). */
    Fixture shows(String source, String text, String... tags) {
        JsonObject out = new JsonObject();
        out.addProperty("output_type", "execute_result");
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", text);
        out.add("data", data);
        JsonArray outputs = new JsonArray();
        outputs.add(out);
        return code(source, outputs, tags);
    }

    /** A code cell that failed. */
    Fixture fails(String source, String ename, String evalue, String... tags) {
        JsonObject out = new JsonObject();
        out.addProperty("output_type", "error");
        out.addProperty("ename", ename);
        out.addProperty("evalue", evalue);
        out.add("traceback", new JsonArray());
        JsonArray outputs = new JsonArray();
        outputs.add(out);
        return code(source, outputs, tags);
    }

    private Fixture code(String source, JsonArray outputs, String... tags) {
        JsonObject c = new JsonObject();
        c.addProperty("cell_type", "code");
        JsonArray lines = new JsonArray();                      // as nbformat writes it: a list of lines
        for (String line : source.split("(?<=\n)")) lines.add(line);
        c.add("source", lines);
        JsonObject metadata = new JsonObject();
        JsonArray t = new JsonArray();
        for (String tag : tags) t.add(tag);
        metadata.add("tags", t);
        c.add("metadata", metadata);
        c.add("outputs", outputs);
        cells.add(c);
        return this;
    }

    String json() {
        JsonObject nb = new JsonObject();
        nb.add("cells", cells);
        nb.add("metadata", new JsonObject());
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        return nb.toString();
    }

    NotebookCells cells() { return NotebookCells.parse(json()); }

    /** Notebook 00 as handed out: lesson, two exercises, no outputs. */
    static Fixture handedOut() {
        return new Fixture().markdown("# Start here").code(LESSON).code(FREE_ANSWER)
                .code(FREE_CHECK, "exercise:00-free-flash").code("display(table);").code(MAGIC_ANSWER)
                .code(MAGIC_CHECK, "exercise:00-bad-magic");
    }
}
