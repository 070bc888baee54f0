package esp32ota.partition;

import esp32ota.bytes.ByteReader;
import esp32ota.bytes.Bytes;

/**
 * The MD5 row that follows the last partition entry (gen_esp32part {@code MD5_PARTITION_BEGIN}; bootloader
 * flash_partitions.c). It is not a partition and is not counted as one.
 * <pre>
 * off  size field   notes
 * 0x00  2   magic   bytes EB EB (u16 0xEBEB); the only bytes a reader checks
 * 0x02 14   pad     0xFF
 * 0x10 16   digest  MD5 of every entry row before this one (n × 32 bytes)
 * </pre>
 *
 * @param address where the row sits in flash
 * @param digest  the 16 digest bytes as stored
 */
public record Md5Row(long address, Bytes digest) {
    public static final int OFF_MAGIC = 0x00, OFF_PAD = 0x02, OFF_DIGEST = 0x10, SIZE = 0x20;
    public static final int MAGIC = 0xEBEB;
    public static final int PAD_SIZE = 14, DIGEST_SIZE = 16;

    /** True when the row at the reader's position starts with EB EB (the tool looks at nothing else). */
    static boolean startsAt(ByteReader r) {
        return r.remaining() >= 2 && r.peekU8(0, "magic") == 0xEB && r.peekU8(1, "magic") == 0xEB;
    }

    static Md5Row decode(ByteReader r) {
        r.structure("Md5Row");
        long at = r.address();
        r.u16("magic");
        r.skip(PAD_SIZE, "pad");
        return new Md5Row(at, r.bytes(DIGEST_SIZE, "digest"));
    }

    /** The 32 bytes of an MD5 row for {@code digest}. */
    public static Bytes encode(Bytes digest) {
        return Bytes.of(0xEB, 0xEB).concat(Bytes.filled(PAD_SIZE, 0xFF)).concat(digest);
    }

    public Bytes encode() { return encode(digest); }
}
