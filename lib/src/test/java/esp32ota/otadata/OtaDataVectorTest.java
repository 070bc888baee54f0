package esp32ota.otadata;

import esp32ota.describe.OtaSelectEntryDescriber;
import com.google.gson.JsonObject;
import esp32ota.bytes.Bytes;
import esp32ota.bytes.DecodeException;
import esp32ota.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every key of {@code entries[]} in the shared otadata scenarios, decode/encode round trips and robustness. */
class OtaDataVectorTest {
    static List<String> names() { return Vectors.names("otadata", ".json"); }

    @ParameterizedTest @MethodSource("names")
    void everyEntryKey(String name) {
        JsonObject json = Vectors.json("otadata/" + name + ".json").getAsJsonObject();
        Bytes bin = Vectors.bytes("otadata/" + json.get("file").getAsString());
        assertEquals(json.get("file_size").getAsInt(), bin.size());
        assertEquals(json.get("file_sha256").getAsString(), bin.sha256().hex());
        OtaData od = OtaData.decode(bin, 0);
        int count = json.getAsJsonObject("partition_table").get("bootloader_app_count").getAsInt();
        var entries = json.getAsJsonArray("entries");
        assertEquals(2, entries.size());
        for (int i = 0; i < 2; i++) {
            JsonObject want = entries.get(i).getAsJsonObject();
            OtaSelectEntry e = od.copy(i);
            assertEquals(i, want.get("sector").getAsInt());
            assertEquals(Long.decode(want.get("file_offset").getAsString()), e.address());
            assertEquals(want.get("entry_hex").getAsString(), e.encode().hex());
            assertEquals(want.get("ota_seq").getAsLong(), e.otaSeq());
            assertEquals(want.get("ota_seq_hex").getAsString(), "0x%08x".formatted(e.otaSeq()));
            assertEquals(want.get("seq_label_hex").getAsString(), e.seqLabel().hex());
            assertEquals(want.get("ota_state").getAsLong(), e.stateCode());
            assertEquals(want.get("ota_state_hex").getAsString(), "0x%08x".formatted(e.stateCode()));
            assertEquals(want.get("ota_state_name").getAsString(), OtaSelectEntryDescriber.stateName(e.stateCode()));
            assertEquals(want.get("crc").getAsString(), "0x%08x".formatted(e.crc()));
            assertEquals(want.get("crc_expected").getAsString(), "0x%08x".formatted(e.expectedCrc()));
            assertEquals(want.get("crc_ok").getAsBoolean(), e.crcOk());
            assertEquals(want.get("blank_seq").getAsBoolean(), e.isBlankSeq());
            assertEquals(want.get("select_invalid").getAsBoolean(), e.isSelectInvalid());
            assertEquals(want.get("select_valid").getAsBoolean(), e.isSelectValid());
            assertEquals(want.get("slot_if_active_bootloader").getAsString(), "ota_" + e.slot(count));
        }
    }

    @ParameterizedTest @MethodSource("names")
    void encodeOfDecodeIsTheSameBytes(String name) {
        Bytes bin = Vectors.bytes("otadata/" + name + ".bin");
        OtaData od = OtaData.decode(bin, 0xD000);
        assertEquals(bin, od.encode());
        for (int i = 0; i < 2; i++) {
            assertEquals(bin.slice(i * 0x1000, i * 0x1000 + 32), od.copy(i).encode());
            assertEquals(0xD000L + i * 0x1000, od.copy(i).address());
        }
        assertEquals(bin, od.withCopy(0, od.copy(0)).withCopy(1, od.copy(1)).encode(), "rewriting a copy as it is");
    }

    @Test void everyTruncationAndByteChangeGivesAValueOrADecodeException() {
        int values = 0, errors = 0;
        for (String name : names()) {
            Bytes bin = Vectors.bytes("otadata/" + name + ".bin");
            for (int n = 0; n <= bin.size(); n++) {
                try {
                    OtaData od = OtaData.decode(bin.slice(0, n), 0);
                    assertEquals(2, od.copies().size());
                    assertTrue(n >= 0x1020);
                    values++;
                } catch (DecodeException e) {
                    assertEquals(DecodeException.Kind.TRUNCATED, e.kind());
                    assertTrue(n < 0x1020, "only data without both copies is truncated: " + n);
                    errors++;
                }
            }
            var want = Vectors.json("otadata/" + name + ".json").getAsJsonObject().getAsJsonArray("entries");
            for (int i = 0; i < bin.size(); i++) {
                boolean inCopy = i % OtaData.SECTOR_SIZE < OtaSelectEntry.SIZE;
                for (int x : inCopy ? new int[] {0x01, 0x80, 0xFF} : new int[] {0xFF}) {
                    Bytes changed = bin.with(i, Bytes.of(bin.u8(i) ^ x));
                    OtaData od = OtaData.decode(changed, 0);
                    for (int k = 0; k < OtaData.COPIES; k++) {
                        int copyAt = k * OtaData.SECTOR_SIZE;
                        boolean expected = selectValidAfterChange(want.get(k).getAsJsonObject(), i - copyAt,
                                changed.u32le(copyAt + OtaSelectEntry.OFF_STATE), changed.u32le(copyAt + OtaSelectEntry.OFF_CRC));
                        assertEquals(expected, od.copy(k).isSelectValid(), name + ", byte 0x%X ^ 0x%X".formatted(i, x));
                    }
                    assertEquals(changed, od.encode());
                    values++;
                }
            }
        }
        int n = names().size();
        assertEquals(n * 0x1020, errors);
        assertEquals(n * (0x2000 + 1 - 0x1020) + n * (0x2000 + 2 * 64), values);
    }

    /**
     * Whether a copy is select_valid after one byte at {@code at} (relative to the copy's entry) changed, from the
     * vector's JSON for the unchanged copy and the README's rule (select_valid = seq not blank, state not INVALID or
     * ABORTED, CRC right): a changed seq byte always breaks the CRC (CRC-32 of four bytes is one to one), a changed
     * CRC byte is right only when it now equals the vector's {@code crc_expected} (a flip can repair a bad CRC), a
     * changed state byte is judged by the new state, any other byte changes nothing.
     */
    static boolean selectValidAfterChange(JsonObject copy, int at, long newState, long newCrc) {
        boolean blank = copy.get("blank_seq").getAsBoolean();
        boolean stateOk = newState != 0x3 && newState != 0x4;                     // not INVALID, not ABORTED
        if (at >= OtaSelectEntry.OFF_SEQ && at < OtaSelectEntry.OFF_SEQ + 4) return false;
        if (at >= OtaSelectEntry.OFF_CRC && at < OtaSelectEntry.SIZE) {
            return !blank && stateOk && newCrc == Long.decode(copy.get("crc_expected").getAsString());
        }
        if (at >= OtaSelectEntry.OFF_STATE && at < OtaSelectEntry.OFF_STATE + 4) {
            return !blank && stateOk && copy.get("crc_ok").getAsBoolean();
        }
        return copy.get("select_valid").getAsBoolean();
    }

    @Test void truncatedCopyOneNamesItsAddress() {
        Bytes bin = Vectors.bytes("otadata/seq1_valid.bin");
        var e = assertThrows(DecodeException.class, () -> OtaData.decode(bin.slice(0, 0x1010), 0xD000));
        assertEquals(DecodeException.Kind.TRUNCATED, e.kind());
        assertEquals(0xE000, e.address());
        assertEquals("OtaData.otadata[1] at 0x00E000: truncated (expected 32 bytes at offset 0x1000, got 4112 bytes of data)",
                e.getMessage());
        var inCopy0 = assertThrows(DecodeException.class, () -> OtaData.decode(bin.slice(0, 0x1C), 0));
        assertEquals(0, inCopy0.address());
        assertEquals("otadata[0]", inCopy0.field());
    }
}
