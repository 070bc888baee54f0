package esp32ota.board;

/** A board operation refused before it touched flash (wrong chip, no such slot, an image that does not fit). */
public final class BoardException extends RuntimeException {
    public BoardException(String message) { super(message); }
}
