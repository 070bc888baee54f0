package esp32ota.view;

/** Sizes as people write them in partition CSVs: {@code 4 KiB}, {@code 1 MiB}, {@code 1.5 MiB}, {@code 100 B}. */
final class ByteSize {
    private ByteSize() {}

    static String format(long bytes) {
        if (bytes >= 1 << 20) return trim(bytes / (double) (1 << 20)) + " MiB";
        if (bytes >= 1 << 10) return trim(bytes / (double) (1 << 10)) + " KiB";
        return bytes + " B";
    }

    private static String trim(double v) {
        String s = "%.2f".formatted(v);
        return s.replaceAll("\\.?0+$", "");
    }
}
