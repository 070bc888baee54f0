package esp32ota.analysis;

import esp32ota.bytes.Bytes;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of a whole file worked out in one pass, handing out on the way the digest of a prefix (an app image's
 * own hash covers everything before its appended digest): the running digest is fed up to the prefix's end, a copy
 * of it ({@link MessageDigest#clone()}) finishes the prefix digest, and the original goes on to the end of the file.
 * A prefix that ends before bytes already fed is hashed on its own. Not thread-safe: one per file and worker.
 */
final class FileSha256 {
    private final Bytes file;
    private final MessageDigest running;
    private int fed;

    FileSha256(Bytes file) { this(file, Corpus.sha256()); }

    /** With a worker's own digest, reset here and reused from file to file. */
    FileSha256(Bytes file, MessageDigest digest) {
        this.file = file;
        this.running = digest;
        digest.reset();
    }

    /** The SHA-256 of the file's first {@code length} bytes. */
    Bytes ofFirst(int length) {
        if (length < fed || length > file.size()) {
            MessageDigest alone = Corpus.sha256();
            file.updateDigest(alone, 0, length);
            return Bytes.of(alone.digest());
        }
        file.updateDigest(running, fed, length - fed);
        fed = length;
        try {
            return Bytes.of(((MessageDigest) running.clone()).digest());
        } catch (CloneNotSupportedException e) {
            MessageDigest alone = Corpus.sha256();
            file.updateDigest(alone, 0, length);
            return Bytes.of(alone.digest());
        }
    }

    /** The SHA-256 of the whole file, in hex; call once, last. */
    String whole() {
        file.updateDigest(running, fed, file.size() - fed);
        fed = file.size();
        return HexFormat.of().formatHex(running.digest());
    }
}
