package esp32ota.loader;

import java.util.HashMap;
import java.util.Map;

/**
 * The registers a host reads and writes through READ_REG/WRITE_REG on a virtual ESP32: the ROM's magic word, the
 * eFuse words, APB_CTL_DATE, UART0's clock divider, and the SPI1 user-command engine a host drives to read the flash
 * id (there is no loader command for it). Any other address reads back what was last written there, or 0.
 * <pre>
 * address      register              value
 * 0x40001000   chip magic (ROM)      0x00F01D83 (ESP32)
 * 0x3FF5A004…  EFUSE_BLK0_RDATA1..6  {@link Esp32Fuses}
 * 0x3FF6607C   APB_CTL_DATE          bit 31 = major revision bit 2
 * 0x3FF5F06C   RTC_CALI_CFG1         1280 &lt;&lt; 7: with CK8M_FREQ 80 the ROM believes in exactly 40 MHz
 * 0x3FF40014   UART_CLKDIV           347 = 40 MHz crystal at 115200 baud (esptool: baud × div / 10⁶)
 * 0x3FF42000   SPI_CMD               bit 18 USR: run the user command; cleared when done
 * 0x3FF4201C   SPI_USER              bit 31 command phase, bit 28 MISO phase
 * 0x3FF42024   SPI_USER2             bits 31..28 command bits - 1, low bits the opcode
 * 0x3FF4202C   SPI_MISO_DLEN         bits to read - 1
 * 0x3FF42080   SPI_W0                data buffer: RDID answers manufacturer | type &lt;&lt; 8 | capacity &lt;&lt; 16
 * </pre>
 */
public final class Esp32Registers {
    public static final long UART_CLKDIV = 0x3FF40014L;
    public static final long SPI_BASE = 0x3FF42000L;
    public static final int SPI_CMD = 0x00, SPI_USR = 0x1C, SPI_USR1 = 0x20, SPI_USR2 = 0x24, SPI_MOSI_DLEN = 0x28,
            SPI_MISO_DLEN = 0x2C, SPI_W0 = 0x80;
    public static final long CMD_USR = 1L << 18, USR_COMMAND = 1L << 31, USR_MISO = 1L << 28, USR_MOSI = 1L << 27;
    /** 40 MHz crystal as esptool estimates it at 115200 baud. */
    public static final long CLKDIV_40MHZ = 347;
    /** SFDP read (0x5A) and RDSR (0x05): answered with zeros. */
    static final int SFDP = 0x5A, RDSR = 0x05;

    private final Esp32Fuses fuses;
    private final FlashId flashId;
    private final Map<Long, Long> written = new HashMap<>();

    public Esp32Registers(Esp32Fuses fuses, FlashId flashId) {
        this.fuses = fuses;
        this.flashId = flashId;
    }

    public Esp32Fuses fuses() { return fuses; }

    public FlashId flashId() { return flashId; }

    public long read(long address) {
        if (address == ChipDetect.MAGIC_REGISTER) return ChipDetect.MAGIC_ESP32;
        if (address == Esp32Fuses.wordAddress(1)) return fuses.word1();
        if (address == Esp32Fuses.wordAddress(2)) return fuses.word2();
        if (address == Esp32Fuses.wordAddress(3)) return fuses.word3();
        if (address == Esp32Fuses.wordAddress(4)) return fuses.word4();
        if (address == Esp32Fuses.wordAddress(5)) return fuses.word5();
        if (address == Esp32Fuses.wordAddress(6)) return fuses.word6();
        if (address == Esp32Fuses.APB_CTL_DATE) return fuses.apbCtlDate();
        if (address == Esp32Fuses.RTC_CALI_CFG1) return written.getOrDefault(address, Esp32Fuses.RTC_CALI_40MHZ << 7);
        if (address == UART_CLKDIV) return written.getOrDefault(address, CLKDIV_40MHZ);
        return written.getOrDefault(address, 0L);
    }

    /** WRITE_REG: {@code new = (old & ~mask) | (value & mask)}; a write of CMD.USR runs the SPI user command. */
    public void write(long address, long value, long mask) {
        long old = read(address);
        long v = (old & ~mask | value & mask) & 0xFFFF_FFFFL;
        written.put(address, v);
        if (address == SPI_BASE + SPI_CMD && (v & CMD_USR) != 0) runSpiUserCommand();
    }

    private void runSpiUserCommand() {
        int opcode = (int) (read(SPI_BASE + SPI_USR2) & 0xFF);
        boolean miso = (read(SPI_BASE + SPI_USR) & USR_MISO) != 0;
        if (miso) {
            long value = opcode == FlashId.RDID ? flashId.w0() : 0;      // SFDP, RDSR and the rest read as zeros
            written.put(SPI_BASE + SPI_W0, value);
        }
        written.put(SPI_BASE + SPI_CMD, read(SPI_BASE + SPI_CMD) & ~CMD_USR);   // done at once
    }
}
