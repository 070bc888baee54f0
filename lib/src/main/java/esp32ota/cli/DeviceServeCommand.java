package esp32ota.cli;

import esp32ota.boot.AppSlot;
import esp32ota.bytes.Bytes;
import esp32ota.device.SerialEndpoint;
import esp32ota.device.VirtualEsp32;
import esp32ota.device.VirtualEsp32Builder;
import esp32ota.partition.PartitionTable;
import esp32ota.samples.ImageSamples;
import esp32ota.samples.PartitionTableSamples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code ./kit device serve}: a virtual ESP32 in download mode on TCP (esptool's {@code socket://}) and, with
 * {@code --pty}, on a pty; a control port resets it. Without a flash it holds the sample layout (no_factory_two_ota,
 * blink 1.0.0 in ota_0, otadata erased). Everything is read and checked before anything listens.
 */
final class DeviceServeCommand {
    private final CompletableFuture<Void> stop;
    private final Optional<Consumer<SerialEndpoint>> started;

    DeviceServeCommand() { this(new CompletableFuture<>(), Optional.empty()); }

    /** For tests: {@code started} gets the endpoint; completing {@code stop} ends the command. */
    DeviceServeCommand(CompletableFuture<Void> stop, Optional<Consumer<SerialEndpoint>> started) {
        this.stop = stop;
        this.started = started;
    }

    int run(List<String> argv, Console console) throws Exception {
        List<String> apps = new ArrayList<>(), rest = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("--app")) {
                if (i + 1 >= argv.size()) throw new CliException("option --app needs SLOT=IMG");
                apps.add(argv.get(++i));
            } else if (argv.get(i).startsWith("--app=")) {
                apps.add(argv.get(i).substring(6));
            } else {
                rest.add(argv.get(i));
            }
        }
        Args args = Args.parse(rest, Set.of("--rollback", "--baud-emulation"),
                Set.of("--port", "--control-port", "--pty", "--flash", "--table")).atMostPositionals(0);
        int port = port(args, "--port", 5555);
        int control = args.option("--control-port").isPresent() ? port(args, "--control-port", 0)
                : port == 0 ? 0 : port + 1;
        if (control != 0 && control == port) throw new CliException("--control-port must differ from --port");
        VirtualEsp32 device = device(args, apps, console);
        Optional<Path> pty = args.option("--pty").map(console::path);

        try (SerialEndpoint endpoint = new SerialEndpoint(device)) {
            endpoint.emulateBaud(args.flag("--baud-emulation"));
            int dataPort, controlPort;
            try {
                dataPort = endpoint.listenTcp(port);
                controlPort = endpoint.listenControl(control);
            } catch (IOException e) {
                throw new CliException(e.getMessage() + (e.getMessage().contains("in use") ? " (is another device "
                        + "serve running? --port N picks another)" : ""));
            }
            Optional<Path> ptyPath = Optional.empty();
            if (pty.isPresent()) {
                try {
                    ptyPath = Optional.of(endpoint.openPty(pty.get()));
                } catch (IOException e) {
                    throw new CliException(e.getMessage());
                }
            }
            var out = console.out();
            out.printf("virtual ESP32 (%s, MAC %s, %d MB flash%s) in download mode%n", device.chip().chip()
                    .esptoolName(), device.chip().macText(), device.flashSize() >> 20,
                    args.flag("--baud-emulation") ? ", baud emulated" : "");
            out.printf("  data     socket://127.0.0.1:%d   (esptool --port socket://127.0.0.1:%d --before no_reset)%n",
                    dataPort, dataPort);
            if (ptyPath.isPresent()) out.printf("  pty      %s -> %s%n", pty.get(), ptyPath.get());
            out.printf("  control  127.0.0.1:%d   one command a line: reset | reset --download | status%n",
                    controlPort);
            out.println("Ctrl-C stops it");
            out.flush();
            started.ifPresent(s -> s.accept(endpoint));
            Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close));
            stop.join();
        }
        return 0;
    }

    private static int port(Args args, String option, int dflt) {
        String v = args.option(option).orElse(null);
        if (v == null) return dflt;
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new CliException(option + ": not a port number: " + v);
        }
    }

    /** The device from --flash, or --table with --app, or the sample layout. */
    static VirtualEsp32 device(Args args, List<String> apps, Console console) {
        boolean rollback = args.flag("--rollback");
        if (args.option("--flash").isPresent()) {
            if (args.option("--table").isPresent() || !apps.isEmpty()) {
                throw new CliException("give either --flash DUMP or --table T [--app SLOT=IMG …], not both");
            }
            Path p = console.path(args.option("--flash").get());
            Bytes dump = FlashInputs.dump(p);
            try {
                return VirtualEsp32.fromDump(dump).rollback(rollback).build();
            } catch (IllegalArgumentException e) {
                throw new CliException(p + ": " + e.getMessage());
            }
        }
        PartitionTable table;
        Map<AppSlot, Bytes> images = new LinkedHashMap<>();
        if (args.option("--table").isPresent()) {
            table = FlashInputs.table(console.path(args.option("--table").get()), PartitionTable.DEFAULT_ADDRESS,
                    console);
            for (String a : apps) {
                int eq = a.indexOf('=');
                if (eq <= 0) throw new CliException("--app wants SLOT=IMG (ota_0=blink.bin), not " + a);
                AppSlot slot;
                try {
                    slot = AppSlot.parse(a.substring(0, eq));
                } catch (IllegalArgumentException e) {
                    throw new CliException("--app " + a + ": " + e.getMessage());
                }
                images.put(slot, Bytes.of(OutputFile.read(console.path(a.substring(eq + 1)))));
            }
        } else {
            if (!apps.isEmpty()) throw new CliException("--app needs --table");
            var s = PartitionTableSamples.ALL.stream().filter(x -> x.name().equals("no_factory_two_ota")).findFirst()
                    .orElseThrow();
            table = PartitionTable.decode(PartitionTableSamples.binary(s), PartitionTable.DEFAULT_ADDRESS);
            images.put(AppSlot.ota(0), ImageSamples.blink("1.0.0", 0).build());
        }
        VirtualEsp32Builder b = VirtualEsp32.builder(table).rollback(rollback);
        images.forEach(b::app);
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }
}
