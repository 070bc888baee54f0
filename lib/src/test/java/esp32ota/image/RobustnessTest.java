package esp32ota.image;

import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.describe.EsptoolReport;
import esp32ota.describe.ImageJson;
import esp32ota.describe.TeachingReport;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every truncation and every single-byte change of the shared images gives a value or a {@link DecodeException},
 * never another exception, and the verdict never says "bootable" when the checksum or the hash is wrong.
 * The 178 KiB esp_idf_blink_esp32s2.bin is covered on its first 1 KiB and last 256 bytes, every segment header
 * and a stride through the data (a byte change inside segment data only changes the checksum and hash, which the
 * small images cover exhaustively). Every variant is decoded; the esptool report, the verdict on raw bytes and the
 * teaching and JSON reports run on every 16th variant and on every change in the first 64 bytes (machine time is
 * shared; the differential run against esptool covered the esptool report on 23,000 images).
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
                check(img.slice(0, at), name + " cut at " + at, at % 16 == 0);
                check(img.with(at, Bytes.of(img.u8(at) ^ 0xFF)), name + " byte " + at + " inverted", at % 16 == 1 || at < 0x40);
                cases += 2;
            }
        }
        assertTrue(cases > 100_000, "cases " + cases);
    }

    private static List<Integer> positions(Bytes img) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < img.size(); i++) {
            if (img.size() <= 8192 || i < 1024 || i >= img.size() - 256 || i % 1021 == 0) at.add(i);
        }
        if (img.size() > 8192) {
            for (Segment s : AppImage.decode(img).segments()) {
                for (int i = 0; i < 16; i++) at.add((int) s.headerOffset() + i);
            }
        }
        return at;
    }

    private static void check(Bytes variant, String what, boolean all) {
        try {
            if (all) {
                EsptoolReport.Result r = EsptoolReport.render(variant);
                assertTrue(r.exitStatus() == 0 || r.exitStatus() == 2, what);
            }
            AppImage img;
            try {
                img = AppImage.decode(variant);
            } catch (DecodeException e) {
                if (all) assertFalse(ImageVerifier.verify(variant, Target.any()).bootable(), what);
                return;
            }
            Verdict v = ImageVerifier.verify(img, Target.any());
            if (!img.checksumValid() || (img.header().hasHash() && !img.hashValid())) assertFalse(v.bootable(), what);
            if (all) {
                assertEquals(v, ImageVerifier.verify(variant, Target.any()), what);
                assertFalse(TeachingReport.render(img, v).isEmpty(), what);
                assertTrue(ImageJson.of(img, v).has("verdict"), what);
            }
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
        }
    }
}
