package esp32ota.describe;

import esp32ota.bytes.Bytes;
import esp32ota.image.SignatureBlock;
import esp32ota.image.SignatureBlock.Scheme;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SignatureBlockDescriberTest {
    @Test void aV1BlockNamesItsFixedLayout() {
        assertEquals("secure boot v1 signature block at 0x010000 (68 bytes: version 0 + 64-byte ECDSA signature)",
                SignatureBlockDescriber.line(new SignatureBlock(Scheme.SECURE_BOOT_V1, 0x10000, 0, 1, Bytes.EMPTY, true)));
    }

    @Test void aV2SectorCountsItsBlocksAndNamesTheAlgorithmOfItsVersion() {
        assertEquals("secure boot v2 signature sector at 0x011000 (1 block, version 2 RSA-PSS, CRC ok)",
                SignatureBlockDescriber.line(new SignatureBlock(Scheme.SECURE_BOOT_V2, 0x11000, 2, 1, Bytes.EMPTY, true)));
        assertEquals("secure boot v2 signature sector at 0x011000 (3 blocks, version 3 ECDSA, CRC wrong)",
                SignatureBlockDescriber.line(new SignatureBlock(Scheme.SECURE_BOOT_V2, 0x11000, 3, 3, Bytes.EMPTY, false)));
        assertEquals("secure boot v2 signature sector at 0x011000 (2 blocks, version 7 ?, CRC ok)",
                SignatureBlockDescriber.line(new SignatureBlock(Scheme.SECURE_BOOT_V2, 0x11000, 7, 2, Bytes.EMPTY, true)));
    }
}
