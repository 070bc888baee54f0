package esp32ota.flash;

/**
 * One operation the flash chip performed, in order: the unit of the activity map, of the counters and of power-cut
 * sweeps ("cut power during operation N").
 */
public sealed interface FlashOp permits FlashOp.Erase, FlashOp.Program {
    /** Position in the flash's operation stream, from 0. */
    long index();

    /** First byte touched. */
    long address();

    /** Bytes touched. */
    int length();

    /** Virtual time when the operation started, in µs. */
    long startMicros();

    /** How long it took on the virtual clock, in µs. */
    long durationMicros();

    /** A 4 KiB sector erase or a 64 KiB block erase: every byte becomes 0xFF. */
    record Erase(long index, long address, int length, long startMicros, long durationMicros) implements FlashOp {
        /** Whether this was a 64 KiB block erase (else a 4 KiB sector erase). */
        public boolean isBlock() { return length == NorFlash.BLOCK_SIZE; }
    }

    /** One page program: {@code new = old & data} inside one 256-byte page (programming only clears bits). */
    record Program(long index, long address, int length, long startMicros, long durationMicros) implements FlashOp {}
}
