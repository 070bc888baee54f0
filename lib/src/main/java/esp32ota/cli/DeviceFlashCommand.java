package esp32ota.cli;

import esp32ota.board.Board;
import esp32ota.board.SlotWrite;
import esp32ota.bytes.Bytes;
import esp32ota.serial.Transport;

import java.util.List;
import java.util.Set;

/**
 * {@code ./kit device flash PORT --slot ota_1 IMG [--switch]}: an OTA over serial. The image is read and the port
 * opened before anything is written; the board refuses a wrong chip, an image that does not fit or would not boot,
 * and a slot that is not an OTA slot before its flash is touched. Otadata changes only with {@code --switch}, and
 * only after the image's MD5 matched.
 */
final class DeviceFlashCommand {
    int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("--switch", "--no-compress", "--rollback"), Set.of("--slot", "--baud"))
                .atMostPositionals(2);
        String port = args.positional(0, "PORT (a tty path or socket://host:port)");
        if (args.positionals().size() == 1 && args.flag("--switch")) return switchOnly(port, args, console);
        Bytes image = Bytes.of(OutputFile.read(console.path(args.positional(1, "IMG (the app image to write)"))));
        String slot = args.option("--slot").orElseThrow(() -> new CliException("missing --slot ota_N (see --help)"));
        var out = console.out();
        try (Transport t = LivePort.open(port)) {
            Board board = LivePort.connect(t);
            LivePort.baud(board, args);
            int[] shown = {0};
            SlotWrite w = LivePort.run(() -> board.writeSlot(slot, image, !args.flag("--no-compress"),
                    args.flag("--switch"), args.flag("--rollback"), n -> {
                        int pct = (int) (n * 100 / Math.max(1, image.size()));
                        if (pct >= shown[0] + 25 || n == image.size()) {
                            shown[0] = pct;
                            out.printf("  %3d %%  %d / %d bytes%n", pct, n, image.size());
                        }
                    }));
            out.printf("wrote %d bytes (%d sent) into %s at 0x%x in %.2f s; MD5 %s verified%n", w.length(),
                    w.sentBytes(), w.partition().name(), w.partition().offset(), w.elapsed().toNanos() / 1e9,
                    w.md5().hex());
            if (w.setBoot().isEmpty()) {
                out.printf("otadata untouched (--switch makes %s boot next)%n", w.slot());
            } else if (w.switched()) {
                out.printf("otadata now selects %s (%s)%n", w.slot(), w.setBoot().get().function());
            } else {
                throw new CliException("image written, but %s refused: %s; otadata untouched".formatted(
                        w.setBoot().get().function(), w.setBoot().get().result()));
            }
        }
        return 0;
    }

    /** {@code --switch} without IMG: select the slot whose image is already there (written by another tool). */
    private static int switchOnly(String port, Args args, Console console) throws Exception {
        String slot = args.option("--slot").orElseThrow(() -> new CliException("missing --slot ota_N (see --help)"));
        try (Transport t = LivePort.open(port)) {
            Board board = LivePort.connect(t);
            LivePort.baud(board, args);
            var call = LivePort.run(() -> board.switchBoot(slot, args.flag("--rollback")));
            if (!call.ok()) {
                throw new CliException("%s refused: %s; otadata untouched".formatted(call.function(), call.result()));
            }
            console.out().printf("otadata now selects %s (%s)%n", slot, call.function());
        }
        return 0;
    }
}
