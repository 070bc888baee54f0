package esp32ota.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class JavadocTest {
    @Test void firstSentenceEndsAtPeriodAndBlank() {
        assertEquals("Decodes a binary table the way gen_esp32part does.",
                Javadoc.firstSentence("Decodes a binary table the way gen_esp32part does. More text.\n@param data the bytes"));
    }

    @Test void inlineTagsBecomeTheirTextAndHtmlGoes() {
        assertEquals("Reads PartitionEntry.decode from <bytes>, all of the table.",
                Javadoc.firstSentence("Reads {@link PartitionEntry#decode} from {@code <bytes>}, <i>all</i> of the table. Then"));
        assertEquals("Prints x.", Javadoc.firstSentence("Prints {@link #x}."));
    }

    @Test void abbreviationsWithoutBlankDoNotEndTheSentence() {
        assertEquals("Version 1.5 of the tool, as used.", Javadoc.firstSentence("Version 1.5 of the tool, as used. Next"));
    }

    @Test void emptyOrMissing() {
        assertEquals("", Javadoc.firstSentence(null));
        assertEquals("", Javadoc.firstSentence("@return nothing"));
    }
}
