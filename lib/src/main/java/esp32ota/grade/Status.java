package esp32ota.grade;

/** What grading found for one student and one exercise, in the words the CSV and the tables use. */
public enum Status {
    /** The check cell said {@code ✔ solved (ID)}. */
    SOLVED("solved"),
    /** The student changed the answer and the check said {@code not yet: HINT (ID)}; the hint is the message. */
    WRONG("wrong"),
    /** The answer is as handed out (or the notebook is missing). */
    NOT_ATTEMPTED("not attempted"),
    /** The answer or the check raised, timed out or never ran; the error line is the message. */
    ERROR("error");

    private final String word;

    Status(String word) { this.word = word; }

    /** The word in the CSV and the tables: {@code solved}, {@code wrong}, {@code not attempted}, {@code error}. */
    public String word() { return word; }

    /** The status a word names; IllegalArgumentException for any other word. */
    public static Status ofWord(String word) {
        for (Status s : values()) if (s.word.equals(word)) return s;
        throw new IllegalArgumentException("unknown status '" + word + "' (solved, wrong, not attempted, error)");
    }
}
