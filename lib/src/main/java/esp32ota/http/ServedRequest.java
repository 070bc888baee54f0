package esp32ota.http;

import java.util.Optional;

/**
 * One line of an {@link ImageServer}'s request log: what was asked and what was sent.
 *
 * @param method    {@code GET} or {@code HEAD} (others are answered 405)
 * @param path      the request path, e.g. {@code /blink-2.0.0.bin}
 * @param range     the {@code Range} header as received, if any
 * @param status    the status code sent ({@code 200}, {@code 206}, {@code 404}, {@code 416}, …)
 * @param bytesSent body bytes actually written to the socket (headers not counted)
 * @param fault     the fault that shaped this response, if one applied
 */
public record ServedRequest(String method, String path, Optional<String> range, int status, long bytesSent,
                            Optional<Fault> fault) {
    /** One log line, e.g. {@code GET /blink.bin range=bytes=0-99 -> 206, 100 bytes [cut after 50 bytes]}. */
    @Override public String toString() {
        return method + " " + path + range.map(r -> " range=" + r).orElse("") + " -> " + status + ", " + bytesSent
                + " bytes" + fault.map(f -> " [" + f.describe() + "]").orElse("");
    }
}
