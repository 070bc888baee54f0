package esp32ota.serial;

/**
 * A USB adapter's vendor and product id, as the operating system reports them; they choose a reset sequence
 * (Espressif's built-in USB-JTAG-serial, 303A:1001, needs its own).
 */
public record UsbId(int vendor, int product) {
    /** Espressif's vendor id. */
    public static final int ESPRESSIF = 0x303A;
    /** The product id of the USB-JTAG-serial peripheral built into the ESP32-C3, -S3, -C6, -H2, … */
    public static final int USB_JTAG_SERIAL = 0x1001;

    public UsbId {
        if (vendor < 0 || vendor > 0xFFFF || product < 0 || product > 0xFFFF) {
            throw new IllegalArgumentException("USB ids are 16-bit: %X:%X".formatted(vendor, product));
        }
    }

    public boolean isUsbJtagSerial() { return vendor == ESPRESSIF && product == USB_JTAG_SERIAL; }

    @Override public String toString() { return "%04X:%04X".formatted(vendor, product); }
}
