package esp32ota.device;

import esp32ota.bytes.Bytes;
import esp32ota.image.Chip;
import esp32ota.image.FlashMode;
import esp32ota.image.ImageBuilder;
import esp32ota.image.ImageHeader;
import esp32ota.image.SegmentHeader;

import java.util.Random;

/**
 * The ESP32's first stage, in its mask ROM: the banner with the reset reason, the SPI settings, then it copies the
 * 2nd-stage bootloader's segments from flash 0x1000 into RAM ({@code load:0x…,len:…}) and jumps to its entry
 * (serial-protocol.md §5). Lines have no level, time or tag. Only the ESP32's ROM is modelled.
 */
final class RomBoot {
    /** Where the ESP32 ROM looks for the 2nd-stage bootloader. */
    static final long BOOTLOADER_OFFSET = 0x1000;
    /** ROM build dates: revisions before v3.0, and v3.x. */
    static final String ETS_OLD = "ets Jun  8 2016 00:22:57", ETS_REV3 = "ets Jul 29 2019 12:21:46";

    private RomBoot() {}

    /**
     * A stand-in for the 2nd-stage bootloader binary: an ESP32 image with a typical bootloader's three RAM segments
     * (pseudo-random contents) and entry point, so the ROM has real headers to read.
     */
    static Bytes placeholderBootloader(long flashSize) {
        Random r = new Random(0x1000);
        return ImageBuilder.forChip(Chip.ESP32).withFlash(FlashMode.DIO, (flashSize >> 20) + "MB", "40m")
                .withSegment(0x3FFF0030L, random(r, 7132))
                .withSegment(0x40078000L, random(r, 15708))
                .withSegment(0x40080400L, random(r, 3632))
                .withEntry(0x4008067CL).build();
    }

    /**
     * Prints the ROM's lines; false when flash holds no bootloader image: the ROM prints {@code invalid header} and
     * retries until the RTC watchdog resets the chip (the next reset is RTCWDT_RTC_RESET).
     */
    static boolean run(VirtualEsp32 d, ResetReason reason) {
        d.printRom(d.chip().revision() >= 300 ? ETS_REV3 : ETS_OLD);
        d.printRom("");
        d.printRom(reason.romLine());
        Bytes h = d.flash().read(BOOTLOADER_OFFSET, ImageHeader.SIZE);
        if (h.u8(ImageHeader.OFF_MAGIC) != ImageHeader.MAGIC) {
            d.printRom("invalid header: 0x%08x".formatted(h.u32le(0)));
            return false;
        }
        d.printRom("configsip: 0, SPIWP:0xee");
        d.printRom("clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00");
        String mode = FlashMode.fromCode(h.u8(ImageHeader.OFF_SPI_MODE)).flatMap(FlashMode::esptoolName).orElse("DIO");
        d.printRom("mode:%s, clock div:%d".formatted(mode, clockDivider(h.u8(ImageHeader.OFF_SPI_SPEED_SIZE) & 0x0F)));
        long at = BOOTLOADER_OFFSET + ImageHeader.SIZE;
        for (int i = 0; i < Math.min(h.u8(ImageHeader.OFF_SEGMENT_COUNT), ImageHeader.MAX_SEGMENTS); i++) {
            Bytes s = d.flash().read(at, SegmentHeader.SIZE);
            long length = s.u32le(SegmentHeader.OFF_DATA_LEN);
            d.printRom("load:0x%08x,len:%d".formatted(s.u32le(SegmentHeader.OFF_LOAD_ADDR), length));
            d.flash().read(at + SegmentHeader.SIZE, (int) Math.min(length, 0x10000));   // the copy takes read time
            at += SegmentHeader.SIZE + length;
        }
        d.printRom("entry 0x%08x".formatted(h.u32le(ImageHeader.OFF_ENTRY_ADDR)));
        return true;
    }

    /** SPI clock divider from the speed nibble: 40 MHz → 2, 26 MHz → 3, 20 MHz → 4, 80 MHz → 1. */
    static int clockDivider(int speedNibble) {
        return switch (speedNibble) {
            case 0x1 -> 3;
            case 0x2 -> 4;
            case 0xF -> 1;
            default -> 2;
        };
    }

    private static Bytes random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Bytes.of(b);
    }
}
