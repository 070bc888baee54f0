package esp32ota.bytes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digests the formats use: SHA-256 (the image hash appended after the checksum, file fingerprints) and MD5 (the
 * partition table's MD5 row). The one place that asks the JDK for a {@link MessageDigest}; every Java runtime must
 * provide both, so a missing one is an error of the runtime, not of the input.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256"), MD5("MD5");

    private final String jdkName;

    DigestAlgorithm(String jdkName) { this.jdkName = jdkName; }

    /**
     * A fresh digest, ready for {@code update}. SHA-256 is the kit's own plain-Java one ({@link Sha256}) when the
     * system property {@code esp32ota.sha256} is {@code plain}: {@code ./kit} sets it for the short commands, whose
     * JVM runs C1 only, where the JDK's has no CPU intrinsic and costs a security-provider start on top.
     */
    public MessageDigest start() {
        if (this == SHA_256 && "plain".equals(System.getProperty("esp32ota.sha256"))) return new Sha256();
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " is required of every Java runtime", e);
        }
    }
}
