package esp32ota.bootlog;

import esp32ota.device.ConsoleLine;

/** One thing a console log tells, with the (1-based) line it came from. */
public sealed interface LogEvent permits LogEvent.RomReset, LogEvent.BootloaderStart, LogEvent.PartitionRow,
        LogEvent.Selection, LogEvent.LoadedApp, LogEvent.NotBootable, LogEvent.ImageProblem, LogEvent.AppVersion,
        LogEvent.OtaStep, LogEvent.OtaProgress {
    int line();

    /** {@code rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)}; download when the boot mode says so. */
    record RomReset(int line, int code, String reason, int bootMode, String bootModeName) implements LogEvent {
        public boolean download() { return bootModeName.startsWith("DOWNLOAD"); }
    }

    /** {@code ESP-IDF v5.4.1 2nd stage bootloader}. */
    record BootloaderStart(int line, String idfVersion) implements LogEvent {}

    /** A row of the bootloader's partition table listing. */
    record PartitionRow(int line, int index, String label, String usage, int type, int subtype, long offset,
                        long size) implements LogEvent {}

    /** How the bootloader chose: {@code Defaulting to factory image}, {@code No factory image, trying OTA 0}, … */
    record Selection(int line, String text) implements LogEvent {}

    /** {@code Loaded app from partition at offset 0x…} (or the older {@code Loading app partition at offset …}). */
    record LoadedApp(int line, long offset) implements LogEvent {}

    /** {@code OTA app partition slot N is not bootable}, {@code No bootable app partitions …}. */
    record NotBootable(int line, String text) implements LogEvent {}

    /** An {@code esp_image} warning or error (invalid magic, checksum, length). */
    record ImageProblem(int line, ConsoleLine console) implements LogEvent {}

    /** The app says which version runs ({@code Running firmware version: 2.0.0}, {@code App version: …}, blink's line). */
    record AppVersion(int line, String version) implements LogEvent {}

    /** An OTA example line: started, writing to partition, new version, begin succeeded, failed, restart. */
    record OtaStep(int line, Kind kind, String text) implements LogEvent {
        public enum Kind { STARTED, WRITING_TO, NEW_VERSION, BEGIN_OK, COMPLETE, FAILED, RESTART }
    }

    /** Bytes of image written so far ({@code Written image length N}, {@code Total Write binary data length: N}). */
    record OtaProgress(int line, long bytes) implements LogEvent {}
}
