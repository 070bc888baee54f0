package esp32ota.grade;

import java.util.Objects;

/**
 * One student's result on one exercise: {@code Grade("alice", "00-free-flash", WRONG, "4 MiB is … (your answer: 0)")}.
 * The message is the hint for {@link Status#WRONG}, the error line for {@link Status#ERROR}, why for a missing
 * notebook, and empty otherwise; it is always one line.
 */
public record Grade(String student, String exercise, Status status, String message) {
    public Grade {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    public boolean solved() { return status == Status.SOLVED; }
}
