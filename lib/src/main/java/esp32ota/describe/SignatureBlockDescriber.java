package esp32ota.describe;

import esp32ota.image.SignatureBlock;

/**
 * The secure boot signature found after an image ({@link SignatureBlock}) in one line, for the teaching report, the
 * image JSON and {@code ./kit scan}'s notes.
 */
public final class SignatureBlockDescriber {
    private SignatureBlockDescriber() {}

    /** "secure boot v2 signature sector at 0x011000 (1 block, version 2 RSA-PSS, CRC ok)". */
    public static String line(SignatureBlock s) {
        if (s.scheme() == SignatureBlock.Scheme.SECURE_BOOT_V1) {
            return "secure boot v1 signature block at 0x%06X (68 bytes: version 0 + 64-byte ECDSA signature)"
                    .formatted(s.offset());
        }
        return "secure boot v2 signature sector at 0x%06X (%d block%s, version %d %s, CRC %s)".formatted(s.offset(),
                s.blocks(), s.blocks() == 1 ? "" : "s", s.version(), s.version() == 2 ? "RSA-PSS"
                        : s.version() == 3 ? "ECDSA" : "?", s.crcOk() ? "ok" : "wrong");
    }
}
