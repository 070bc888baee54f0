package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every truncation and every single-byte change of the shared images gives a value or a {@link DecodeException},
 * never another exception, and the verdict never says "bootable" when the checksum or the hash is wrong.
 * The 178 KiB esp_idf_blink_esp32s2.bin is covered on its first and last 4 KiB, every segment header and a
 * stride through the data (a byte change inside segment data only changes the checksum and hash, which the
 * small images cover exhaustively).
 */
class RobustnessTest {
    static List<String> images() {
        List<String> all = new ArrayList<>();
        Vectors.names("image_info", ".bin").forEach(n -> all.add("image_info/" + n + ".bin"));
        Vectors.names("app_images", ".bin").forEach(n -> all.add("app_images/" + n + ".bin"));
        return all;
    }

    @Test void everyTruncationAndByteChange() {
        long cases = 0;
        for (String name : images()) {
            Bytes img = Vectors.bytes(name);
            for (int at : positions(img)) {
                check(img.slice(0, at), name + " cut at " + at);
                check(img.with(at, Bytes.of(img.u8(at) ^ 0xFF)), name + " byte " + at + " inverted");
                check(img.with(at, Bytes.of(img.u8(at) + 1)), name + " byte " + at + " + 1");
                cases += 3;
            }
        }
        assertTrue(cases > 150_000, "cases " + cases);
    }

    private static List<Integer> positions(Bytes img) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < img.size(); i++) {
            if (img.size() <= 8192 || i < 4096 || i >= img.size() - 4096 || i % 97 == 0) at.add(i);
        }
        if (img.size() > 8192) {
            for (Segment s : AppImage.decode(img).segments()) {
                for (int i = 0; i < 16; i++) at.add((int) s.headerOffset() + i);
            }
        }
        return at;
    }

    private static void check(Bytes variant, String what) {
        try {
            EsptoolReport.Result r = EsptoolReport.render(variant);
            assertTrue(r.exitStatus() == 0 || r.exitStatus() == 2, what);
            Verdict v = ImageVerifier.verify(variant, Target.any());
            try {
                AppImage img = AppImage.decode(variant);
                if (!img.checksumValid() || (img.header().hasHash() && !img.hashValid())) assertFalse(v.bootable(), what);
                TeachingReport.render(img, v);
                ImageJson.render(img, v);
            } catch (DecodeException e) {
                assertFalse(v.bootable(), what);
            }
        } catch (RuntimeException | AssertionError e) {
            if (e instanceof AssertionError a) throw a;
            fail(what + ": " + e, e);
        }
    }
}
