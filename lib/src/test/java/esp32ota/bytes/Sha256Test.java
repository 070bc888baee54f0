package esp32ota.bytes;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class Sha256Test {
    private static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    @Test void matchesTheFipsExamples() {
        // FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): "abc", the empty message, and the two-block 448-bit message.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(new Sha256().digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(new Sha256().digest()));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", hex(new Sha256().digest(
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test void equalsTheJdksAtEveryLengthAroundTheBlockAndPaddingEdges() throws Exception {
        byte[] data = new byte[300];
        new Random(7).nextBytes(data);
        for (int n = 0; n <= data.length; n++) {
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            jdk.update(data, 0, n);
            Sha256 ours = new Sha256();
            ours.update(data, 0, n);
            assertEquals(hex(jdk.digest()), hex(ours.digest()), "length " + n);
        }
    }

    @Test void updatesInPiecesByteByByteAndClonedGiveTheSameDigest() throws Exception {
        byte[] data = new byte[1000];
        new Random(11).nextBytes(data);
        String whole = hex(MessageDigest.getInstance("SHA-256").digest(data));
        Sha256 pieces = new Sha256();
        for (int at = 0, step = 1; at < data.length; at += step, step = step * 3 % 97 + 1) {
            pieces.update(data, at, Math.min(step, data.length - at));
        }
        assertEquals(whole, hex(pieces.digest()));
        Sha256 bytes = new Sha256();
        for (byte b : data) bytes.update(b);
        assertEquals(whole, hex(bytes.digest()));
        Sha256 running = new Sha256();
        running.update(data, 0, 501);
        MessageDigest prefix = (MessageDigest) running.clone();
        running.update(data, 501, data.length - 501);
        assertEquals(whole, hex(running.digest()));
        assertEquals(hex(MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(data, 501))),
                hex(prefix.digest()));
        assertEquals(hex(new Sha256().digest()), hex(running.digest()), "digest() resets");
    }

    @Test void isWhatDigestAlgorithmStartsOnlyWhenAsked() {
        String before = System.getProperty("esp32ota.sha256");
        try {
            System.clearProperty("esp32ota.sha256");
            assertFalse(DigestAlgorithm.SHA_256.start() instanceof Sha256);
            System.setProperty("esp32ota.sha256", "plain");
            assertTrue(DigestAlgorithm.SHA_256.start() instanceof Sha256);
            assertFalse(DigestAlgorithm.MD5.start() instanceof Sha256);
            assertEquals(Bytes.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                    Bytes.utf8("abc").sha256());
        } finally {
            if (before == null) System.clearProperty("esp32ota.sha256");
            else System.setProperty("esp32ota.sha256", before);
        }
    }
}
