package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.image.AppImage;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan hashes each file once, sharing the pass with an app image's own SHA-256 check: its digests must equal
 * independent SHA-256s, and its rows (hash verdicts included) those of an image decoded on its own.
 */
class ScanDigestTest {
    static byte[] sha256(byte[] data, int length) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(data, 0, length);
        return md.digest();
    }

    static List<Path> realFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Vectors.path("real/files"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void scanDigestsAndHashVerdictsOnTheRealFilesMatchIndependentOnes() throws Exception {
        int images = 0;
        for (Path file : realFiles()) {
            byte[] content = Files.readAllBytes(file);
            CorpusRow row = Corpus.row(file, file.getFileName().toString(), Optional.empty());
            String why = file.toString();
            assertEquals(HexFormat.of().formatHex(sha256(content, content.length)), row.sha256(), why);
            // the same row as from the image decoded on its own, with the file hashed on its own
            CorpusRow alone = CorpusRow.of(row.path(), content.length, row.sha256(),
                    Identification.of(Bytes.of(content), Optional.empty()));
            assertEquals(alone, row, why);
            if (row.hashOk() != null && content.length > 0 && (content[0] & 0xFF) == 0xE9) {
                AppImage image = AppImage.decode(Bytes.of(content));
                int hashed = (int) image.checksumOffset() + 1;
                byte[] expected = sha256(content, hashed);
                assertEquals(Bytes.of(expected), image.computedDigest(), why);
                boolean stored = content.length >= hashed + 32
                        && Bytes.of(content, hashed, 32).equals(Bytes.of(expected));
                assertEquals(stored, row.hashOk(), why);
                images++;
            }
        }
        assertTrue(images >= 20, "real images with an appended hash: " + images);
    }

    @Test
    void aBrokenHashIsStillSeenAndTheFileDigestIsTheWholeFiles(@TempDir Path dir) throws Exception {
        Path app = Vectors.path("real/files/app/sf_hello_esp32c3_hello_world.bin");
        byte[] content = Files.readAllBytes(app);
        CorpusRow good = Corpus.row(app, "good.bin", Optional.empty());
        assertEquals(Boolean.TRUE, good.hashOk());
        content[content.length / 2] ^= 0x01;                      // inside a segment: hash and checksum both break
        Path bad = Files.write(dir.resolve("bad.bin"), content);
        CorpusRow row = Corpus.row(bad, "bad.bin", Optional.empty());
        assertEquals(Boolean.FALSE, row.hashOk());
        assertFalse(row.verdict().equals("bootable"), row.verdict());
        assertEquals(HexFormat.of().formatHex(sha256(content, content.length)), row.sha256());
    }

    @Test
    void aPrefixAskedAfterLaterBytesWereFedIsHashedOnItsOwn() throws Exception {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + (i >> 8));
        FileSha256 sha = new FileSha256(Bytes.of(data));
        assertEquals(Bytes.of(sha256(data, 70_000)), sha.ofFirst(70_000));
        assertEquals(Bytes.of(sha256(data, 10)), sha.ofFirst(10));
        assertEquals(Bytes.of(sha256(data, 90_001)), sha.ofFirst(90_001));
        assertEquals(HexFormat.of().formatHex(sha256(data, data.length)), sha.whole());
    }
}
