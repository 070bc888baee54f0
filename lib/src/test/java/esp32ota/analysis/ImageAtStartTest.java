package esp32ota.analysis;

import esp32ota.bytes.Bytes;
import esp32ota.samples.ImageSamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Identification#imageAtStart} lets {@code ./kit image-info} skip identifying a file it decodes anyway: where
 * it says yes, {@link Identification#of} must give an image kind (or unknown), never a table, otadata, dump or
 * ciphertext, for every real file and its truncations.
 */
class ImageAtStartTest {
    private static final Set<FileKind> NOT_IMAGES =
            EnumSet.of(FileKind.FLASH_DUMP, FileKind.PARTITION_TABLE, FileKind.OTADATA, FileKind.ENCRYPTED);

    @Test
    void agreesWithTheFullIdentificationOnEveryRealFileAndCut() throws IOException {
        int yes = 0, no = 0;
        for (Path p : IdentificationRobustnessTest.realFiles()) {
            Bytes file = Bytes.of(Files.readAllBytes(p));
            for (int n : IdentificationRobustnessTest.cuts(file.size())) {
                Bytes cut = file.slice(0, n);
                FileKind kind = Identification.of(cut, Optional.empty()).kind();
                if (Identification.imageAtStart(cut)) {
                    assertFalse(NOT_IMAGES.contains(kind), p + " cut at " + n + " is a " + kind);
                    yes++;
                } else {
                    no++;
                }
            }
        }
        assertTrue(yes > 100 && no > 100, "yes " + yes + ", no " + no);
    }

    @Test
    void sayNoWhereAnotherRuleComesFirst() {
        Bytes app = ImageSamples.blinkOfSize("1.0.0", 0, 0x20000);
        assertTrue(Identification.imageAtStart(app));
        assertEquals(FileKind.APP_IMAGE, Identification.of(app, Optional.empty()).kind());
        assertFalse(Identification.imageAtStart(Bytes.filled(0, 0)));
        assertFalse(Identification.imageAtStart(Bytes.of(0xAA, 0x50, 0x01, 0x00)));
        assertFalse(Identification.imageAtStart(app.with(0, Bytes.of(0x00))));
        Bytes table = esp32ota.samples.PartitionTableSamples.binary(esp32ota.samples.PartitionTableSamples.ALL.get(0));
        Bytes merged = app.with(0x8000, table);                 // an image with a table at 0x8000: a merged file
        assertEquals(FileKind.FLASH_DUMP, Identification.of(merged, Optional.empty()).kind());
        assertFalse(Identification.imageAtStart(merged));
    }
}
