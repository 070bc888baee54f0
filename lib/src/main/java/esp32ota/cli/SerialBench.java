package esp32ota.cli;

import esp32ota.bytes.Bytes;
import esp32ota.device.SerialEndpoint;
import esp32ota.loader.RomLoaderClient;
import esp32ota.serial.TcpTransport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./kit bench serial}: the kit's ROM-only client writes 1 MiB (raw, 1 KiB blocks, MD5-checked) to a virtual
 * ESP32 over TCP on 127.0.0.1 without baud emulation; the figure is throughput as a multiple of a 921600-baud wire
 * (92160 bytes/s, 8N1). With {@code --esptool-js DIR} (the kit passes its .node-local/), esptool-js 0.7.0 writes the
 * same amount to the same device in the same run, ROM and stub, and its times are printed next to it.
 */
final class SerialBench {
    static final int WIRE_BAUD = 921_600;
    static final long ADDRESS = 0x200000;

    private SerialBench() {}

    static int run(List<String> argv, Console console) {
        Args args = Args.parse(argv, Set.of(), Set.of("--runs", "--bytes", "--esptool-js")).atMostPositionals(0);
        int runs = positive(args.option("--runs").orElse("5"), "--runs");
        int bytes = positive(args.option("--bytes").orElse(String.valueOf(1 << 20)), "--bytes");
        if (bytes > 1 << 21) throw new CliException("--bytes: at most 2 MiB (the write goes at 0x200000 of 4 MiB)");
        byte[] raw = new byte[bytes];
        new Random(42).nextBytes(raw);
        Bytes data = Bytes.of(raw);
        double wire = bytes * 10.0 / WIRE_BAUD;
        var out = console.out();
        try (SerialEndpoint endpoint = new SerialEndpoint(DeviceServeCommand.device(
                Args.parse(List.of(), Set.of("--rollback"), Set.of("--flash", "--table")), List.of(), console))) {
            int port = endpoint.listenTcp(0);
            String name = "socket://127.0.0.1:" + port;
            double[] seconds = new double[runs];
            for (int i = 0; i < runs; i++) {
                try (TcpTransport t = TcpTransport.connect(name)) {
                    RomLoaderClient c = new RomLoaderClient(t);
                    c.connect(5);
                    long start = System.nanoTime();
                    RomLoaderClient.WriteResult w = c.writeFlash(ADDRESS, data, false, n -> { });
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                    if (!w.md5().equals(data.md5())) throw new CliException("bench: MD5 after the write differs");
                }
            }
            Arrays.sort(seconds);
            double median = seconds[runs / 2];
            out.printf("1 write = %d bytes raw at 0x%x over %s, no baud emulation; a %d-baud wire needs %.2f s%n",
                    bytes, ADDRESS, name, WIRE_BAUD, wire);
            out.printf("kit client (ROM, 1 KiB blocks)   median of %d: %7.3f s  = %6.1f x the %d-baud wire%n", runs,
                    median, wire / median, WIRE_BAUD);
            if (args.option("--esptool-js").isPresent()) {
                for (String line : esptoolJs(Path.of(args.option("--esptool-js").get()), port, bytes)) {
                    String[] f = line.split(" ");                   // esptool-js rom|stub raw BYTES MS
                    double s = Double.parseDouble(f[4]) / 1000;
                    out.printf("%-32s one run:     %7.3f s  = %6.1f x the wire%n", f[1].equals("rom")
                            ? "esptool-js 0.7.0 (ROM, 16 KiB)" : "esptool-js 0.7.0 (stub)", s, wire / s);
                }
            }
        } catch (IOException e) {
            throw new CliException("bench serial: " + e.getMessage());
        }
        return 0;
    }

    /** Runs {@code node check.mjs --bench} in {@code dir}; its result lines. */
    private static List<String> esptoolJs(Path dir, int port, int bytes) throws IOException {
        if (!Files.isRegularFile(dir.resolve("check.mjs"))) {
            throw new CliException("--esptool-js " + dir + ": no check.mjs there (./kit bench serial installs it)");
        }
        Process p = new ProcessBuilder("node", "check.mjs", "--bench", "127.0.0.1", String.valueOf(port),
                String.valueOf(bytes), String.valueOf(ADDRESS)).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>(), all = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                all.add(l);
                if (l.startsWith("esptool-js ")) lines.add(l);
            }
        }
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || lines.size() != 2) {
                throw new CliException("esptool-js bench failed: " + (all.isEmpty() ? "no output"
                        : all.get(all.size() - 1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        return lines;
    }

    private static int positive(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new CliException(option + ": not a positive number: " + v);
        }
    }
}
